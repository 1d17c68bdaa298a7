package io.github.jqperf.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.result.TestResult;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.testutil.StatBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layout and line-selection rules of docs/protocol.md §8.1, §8.4, §8.5 on small synthetic cases. */
class QperfTextFormatRulesTest {
    private static final Stat SENDER =
            StatBuilder.node().real(100).system(100).sent(1_000_000_000L, 1000).build();
    private static final Stat RECEIVER = StatBuilder.node()
            .real(100)
            .system(50)
            .received(1_000_000_000L, 999)
            .build();

    private static ParamSet defaults(final TestKind kind) {
        return new ParamSet()
                .defaultValue(Param.TIME, 2)
                .defaultValue(Param.TIMEOUT, 5)
                .defaultValue(Param.MSG_SIZE, kind.defaultMsgSizeBytes());
    }

    private static List<String> format(
            final TestKind kind, final Stat local, final Stat remote, final ParamSet p, final OutputOptions o) {
        return QperfTextFormat.formatResult(kind, TestResult.of(kind, local, remote), p, o);
    }

    @Test
    void alwaysLinesShowZero() {
        final Stat noTime = StatBuilder.node().real(0).received(1_000, 1).build();
        assertThat(format(TestKind.TCP_BW, SENDER, noTime, defaults(TestKind.TCP_BW), OutputOptions.DEFAULT))
                .containsExactly("    bw  =  0 bytes/sec");
        assertThat(format(
                        TestKind.TCP_LAT,
                        StatBuilder.node().build(),
                        StatBuilder.node().build(),
                        defaults(TestKind.TCP_LAT),
                        OutputOptions.DEFAULT.verboseMore()))
                .containsExactly(
                        "    latency   =  0 ns",
                        "    msg_size  =  1 bytes",
                        "    time      =  2 sec",
                        "    timeout   =  5 sec");
    }

    @Test
    void unifyNodesUsesLocRemOnBandwidthTests() {
        final List<String> lines = format(
                TestKind.TCP_BW,
                SENDER,
                RECEIVER,
                defaults(TestKind.TCP_BW),
                OutputOptions.DEFAULT.withStatLevel(2).withTimeLevel(1).withUnifyNodes(true));
        assertThat(lines)
                .containsExactly(
                        "    bw              =      1 GB/sec",
                        "    msg_rate        =    999 /sec",
                        "    send_cost       =      1 sec/GB",
                        "    recv_cost       =    500 ms/GB",
                        "    loc_cpus_used   =    100 % cpus",
                        "    loc_send_bytes  =      1 GB",
                        "    loc_send_msgs   =  1,000 ",
                        "    rem_cpus_used   =     50 % cpus",
                        "    rem_recv_bytes  =      1 GB",
                        "    rem_recv_msgs   =    999 ");
    }

    @Test
    void sendRecvNamingFollowsTheTrafficNotTheSide() {
        // the server sent and the client received: send_ = server, recv_ = client
        final Stat serverSends = StatBuilder.node()
                .real(100)
                .system(100)
                .sent(2_000_000_000L, 2000, 3)
                .build();
        final Stat clientReceives = StatBuilder.node()
                .real(100)
                .system(50)
                .received(1_000_000_000L, 999)
                .build();
        final List<String> lines = format(
                TestKind.TCP_BW,
                clientReceives,
                serverSends,
                defaults(TestKind.TCP_BW),
                OutputOptions.DEFAULT.withStatLevel(2).withTimeLevel(1));
        assertThat(lines)
                .containsExactly(
                        "    bw              =      1 GB/sec",
                        "    msg_rate        =    999 /sec",
                        "    send_cost       =    500 ms/GB",
                        "    recv_cost       =    500 ms/GB",
                        "    send_cpus_used  =    100 % cpus",
                        "    send_errors     =      3 ",
                        "    send_bytes      =      2 GB",
                        "    send_msgs       =  2,000 ",
                        "    recv_cpus_used  =     50 % cpus",
                        "    recv_bytes      =      1 GB",
                        "    recv_msgs       =    999 ");
    }

    @Test
    void usedLevelOneListsOnlyUserSetParameters() {
        final ParamSet p = defaults(TestKind.UDP_BW);
        p.set(Param.PORT, 20_000, "-ip").setRemote(Param.AFFINITY, 1, "-rca");
        p.set(Param.NO_MSGS, 10, "-n"); // not used by udp_bw: never listed
        final List<String> lines = format(TestKind.UDP_BW, SENDER, RECEIVER, p, OutputOptions.DEFAULT.withUsedLevel(1));
        assertThat(lines)
                .containsExactly(
                        "    send_bw       =       1 GB/sec",
                        "    recv_bw       =       1 GB/sec",
                        "    rem_affinity  =       1 ",
                        "    port          =  20,000 ");
    }

    @Test
    void usedLevelTwoListsAllCandidatesButNotZeros() {
        final ParamSet p = defaults(TestKind.TCP_LAT);
        p.set(Param.ACCESS_RECV, 1, "-ar1"); // not a tcp_lat parameter
        p.setLocal(Param.MSG_SIZE, 1500, "-lm").setRemote(Param.MSG_SIZE, 2048, "-rm");
        // nobody received anything: latency is 0 but an "always" line
        final List<String> lines = format(TestKind.TCP_LAT, SENDER, SENDER, p, OutputOptions.DEFAULT.withUsedLevel(2));
        assertThat(lines)
                .containsExactly(
                        "    latency       =    0 ns",
                        "    loc_msg_size  =  1.5 KB",
                        "    rem_msg_size  =    2 KiB (2,048)",
                        "    time          =    2 sec",
                        "    timeout       =    5 sec");
    }

    @Test
    void conf() {
        final Conf local = new Conf("client-host", "", "Linux 6.1.0", "0.4.11");
        final Conf remote = new Conf("srv", "4 Cores: Intel Xeon E3-1271 v3 @ 3.60GHz", "Linux 6.18.44", "0.4.11");
        assertThat(QperfTextFormat.formatConf(local, remote))
                .containsExactly(
                        "    loc_node   =  client-host",
                        "    loc_cpu    =  ",
                        "    loc_os     =  Linux 6.1.0",
                        "    loc_qperf  =  0.4.11",
                        "    rem_node   =  srv",
                        "    rem_cpu    =  4 Cores: Intel Xeon E3-1271 v3 @ 3.60GHz",
                        "    rem_os     =  Linux 6.18.44",
                        "    rem_qperf  =  0.4.11");
    }

    @Test
    void confAndQuitHaveNoResultTable() {
        final TestResult r = TestResult.of(TestKind.CONF, SENDER, RECEIVER);
        assertThatThrownBy(() -> QperfTextFormat.formatResult(TestKind.CONF, r, new ParamSet(), OutputOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QperfTextFormat.formatResult(TestKind.QUIT, r, new ParamSet(), OutputOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void debugLinesHideZeros() {
        final List<String> lines = format(
                TestKind.TCP_BW, SENDER, RECEIVER, defaults(TestKind.TCP_BW), OutputOptions.DEFAULT.withDebug(true));
        assertThat(lines)
                .containsExactly(
                        "    bw              =      1 GB/sec",
                        "    l_no_cpus       =      2 ",
                        "    l_no_ticks      =    100 ",
                        "    l_timer_real    =      1 sec",
                        "    l_timer_system  =      1 sec",
                        "    l_s_no_bytes    =      1 GB",
                        "    l_s_no_msgs     =  1,000 ",
                        "    r_no_cpus       =      2 ",
                        "    r_no_ticks      =    100 ",
                        "    r_timer_real    =      1 sec",
                        "    r_timer_system  =    500 ms",
                        "    r_r_no_bytes    =      1 GB",
                        "    r_r_no_msgs     =    999 ");
    }
}
