package io.github.jqperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.QperfBinary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI in-process (picocli {@code execute}): exit codes and messages for help, version, bad input and an
 * unreachable server, compared with the real qperf 0.4.11 where qperf has the same behaviour.
 */
@Timeout(60)
class CliTest {
    /** Output of one in-process run. */
    record Result(int exitCode, String out, String err) {}

    static Result run(final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code = Main.run(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertSameAsQperf(final String... args) throws Exception {
        final Result ours = run(args);
        final QperfBinary.Run theirs = QperfBinary.client(20, args);
        assertThat(ours.exitCode()).as("exit code of %s", List.of(args)).isEqualTo(theirs.exitCode());
        assertThat(ours.out().lines().toList())
                .as("stdout of %s", List.of(args))
                .isEqualTo(theirs.stdout());
    }

    @Test
    void shouldPrintQperfsVersionLine() throws Exception {
        assertThat(run("--version")).isEqualTo(new Result(0, "qperf 0.4.11\n", ""));
        assertThat(run("-V")).isEqualTo(new Result(0, "qperf 0.4.11\n", ""));
        assertSameAsQperf("--version");
    }

    @Test
    void shouldPrintHelpAndExitZero() {
        final Result r = run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--loopback").contains("--help tests");
        final Result tests = run("--help", "tests");
        assertThat(tests.exitCode()).isZero();
        assertThat(tests.out())
                .contains("tcp_bw")
                .contains("tcp_lat")
                .contains("udp_bw")
                .contains("udp_lat");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1 foo_bw",
                "-x",
                "-vvv",
                "--help nope",
                "tcp_bw",
                "127.0.0.1",
                "127.0.0.1 -m 12q tcp_bw",
                "127.0.0.1 -t",
                "-t 1",
                "127.0.0.1 -t -1 tcp_lat"
            })
    void shouldFailLikeQperf(final String line) throws Exception {
        final String[] args = line.split(" ");
        final Result r = run(args);
        assertThat(r.exitCode()).isEqualTo(1);
        assertSameAsQperf(args);
    }

    @Test
    void shouldSayOneLineForTestsJqperfDoesNotImplement() {
        final Result r = run("127.0.0.1", "rc_bw");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out().lines().toList()).hasSize(1);
        assertThat(r.out()).contains("rc_bw").contains("not supported");
    }

    @Test
    void shouldReportUnreachableServerLikeQperf() throws Exception {
        final String port = Integer.toString(QperfBinary.freePort());
        final Result r = run("127.0.0.1", "-lp", port, "-ws", "0", "tcp_bw");
        assertThat(r).isEqualTo(new Result(1, "tcp_bw:\n127.0.0.1: failed to connect\n", ""));
        assertSameAsQperf("127.0.0.1", "-lp", port, "-ws", "0", "tcp_bw");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "70000"})
    void shouldSayFailedToConnectForAPortNothingCanListenOn(final String port) throws Exception {
        final Result r = run("127.0.0.1", "-lp", port, "-ws", "0", "tcp_bw");
        assertThat(r).isEqualTo(new Result(1, "tcp_bw:\n127.0.0.1: failed to connect\n", ""));
        if ("0".equals(port)) {
            assertSameAsQperf("127.0.0.1", "-lp", port, "-ws", "0", "tcp_bw");
        }
    }

    @Test
    void shouldRunLatencyTestsWithBusyPolling() {
        final Result r = run("--loopback", "--busy-poll", "-t", "1", "udp_lat", "tcp_bw");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("udp_lat:\n    latency  =  ").contains("\ntcp_bw:\n    bw  =  ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EPOLL", "spin_then_block"})
    void shouldRunInTheDataPathModeNamedByTheSystemProperty(final String mode) {
        System.setProperty("jqperf.poll", mode);
        try {
            final Result r = run("--loopback", "-t", "1", "udp_lat", "tcp_bw");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).startsWith("udp_lat:\n    latency  =  ").contains("\ntcp_bw:\n    bw  =  ");
        } finally {
            System.clearProperty("jqperf.poll");
        }
    }

    @Test
    void shouldRefuseAnUnknownDataPathModeInOneLine() {
        System.setProperty("jqperf.poll", "warp");
        try {
            final Result r = run("--loopback", "-t", "1", "tcp_lat");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out() + r.err())
                    .contains("-Djqperf.poll=warp")
                    .contains("BLOCK")
                    .contains("BUSY_POLL");
        } finally {
            System.clearProperty("jqperf.poll");
        }
    }

    @Test
    void shouldRunTheLoopbackDemo() {
        final Result r = run("--loopback", "-t", "1", "tcp_lat", "conf");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out())
                .startsWith("tcp_lat:\n    latency  =  ")
                .contains("\nconf:\n    loc_node   =  ")
                .contains("    rem_qperf  =  0.4.11\n");
    }
}
