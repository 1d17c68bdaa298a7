package io.github.jqperf.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.scenarios.parse.QperfOutputParser;
import io.github.jqperf.scenarios.placement.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunCheckTest {

    private static final String GOOD =
            "tcp_lat:\n    latency  =  50 us\n    msg_rate  =  10 K/sec\nconf:\n    loc_qperf  =  0.4.11\n";

    private static Outcome outcome(final int exit, final String out, final String err, final boolean timedOut) {
        return new Outcome(List.of("qperf"), exit, 1000, out, err, timedOut, null);
    }

    @Test
    void aGoodRunPasses() {
        assertThat(RunCheck.check(
                        outcome(0, GOOD, "", false), QperfOutputParser.parse(GOOD), List.of("tcp_lat", "conf"), 1, 1))
                .isEmpty();
    }

    @Test
    void failuresSayWhat() {
        assertThat(RunCheck.check(outcome(1, "", "failed to connect\n", false), List.of(), List.of("tcp_lat"), 1, 1))
                .hasValue("client exit code 1: failed to connect");
        // OSHI's warning is not the reason
        assertThat(RunCheck.check(
                        outcome(
                                1,
                                "",
                                "WARN LinuxOperatingSystemJNA - Did not find udev library\nbad thing\nWARN x\n",
                                false),
                        List.of(),
                        List.of("tcp_bw"),
                        1,
                        1))
                .hasValue("client exit code 1: bad thing");
        // qperf prints its own errors on stdout
        assertThat(RunCheck.check(
                        outcome(1, "tcp_bw:\nfailed to receive port: timed out\n", "", false),
                        List.of(),
                        List.of("tcp_bw"),
                        1,
                        1))
                .hasValue("client exit code 1: failed to receive port: timed out");
        assertThat(RunCheck.check(outcome(-1, "", "", true), List.of(), List.of("tcp_lat"), 1, 1))
                .hasValueSatisfying(e -> assertThat(e).startsWith("client timed out"));
        assertThat(RunCheck.check(
                        new Outcome(List.of(), -1, 0, "", "", false, "No such file"), List.of(), List.of("x"), 1, 1))
                .hasValue("client did not start: No such file");
        assertThat(RunCheck.check(outcome(0, GOOD, "", false), QperfOutputParser.parse(GOOD), List.of("udp_lat"), 1, 1))
                .hasValue("udp_lat: 0 result block(s), expected 1");
    }

    @Test
    void aLostReplyIsNotALatency() {
        final String lost = "udp_lat:\n    latency  =  1 sec\n";
        assertThat(RunCheck.check(outcome(0, lost, "", false), QperfOutputParser.parse(lost), List.of("udp_lat"), 1, 1))
                .hasValueSatisfying(e -> assertThat(e).contains("no reply from the expected address"));
    }

    @Test
    void noRoundTripIsNotALatency() {
        // jqperf's real output for a udp_lat whose first datagram was lost (pod-to-pod-cross-node, -t 1)
        final String none = String.join(
                "\n",
                "udp_lat:",
                "    latency        =              0 ns",
                "    time           =              1 sec",
                "    send_cost      =  2,009,999,990 sec/GB",
                "    loc_cpus_used  =            201 % cpus",
                "");
        assertThat(RunCheck.check(outcome(0, none, "", false), QperfOutputParser.parse(none), List.of("udp_lat"), 1, 1))
                .hasValue("udp_lat: no round trip completed (latency 0 ns, no msg_rate)");
        assertThat(QperfOutputParser.parse(none).get(0).base("send_cost")).hasValue(2_009_999_990.0);
    }

    @Test
    void loopPoints() {
        assertThat(RunCheck.loopPoints("msg_size:64:64K:*4")).isEqualTo(6);
        assertThat(RunCheck.loopPoints("msg_size:1K:4K:+1K")).isEqualTo(4);
    }
}
