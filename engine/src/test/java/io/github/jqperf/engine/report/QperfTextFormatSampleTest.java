package io.github.jqperf.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.result.TestResult;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.testutil.QperfOutput;
import io.github.jqperf.engine.testutil.StatBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The samples of docs/protocol.md §8.6, byte-exact. Where only the printed output is known, both STATs are chosen
 * consistent with every printed line (the comments show the arithmetic).
 */
class QperfTextFormatSampleTest {
    private static final OutputOptions DEFAULT = OutputOptions.DEFAULT;
    private static final OutputOptions V = OutputOptions.DEFAULT.verbose();
    private static final OutputOptions VV = OutputOptions.DEFAULT.verboseMore();

    /** The deterministic fake STAT of docs/protocol.md §8.6. */
    private static final Stat FAKE = StatBuilder.node()
            .real(200)
            .user(37)
            .nice(3)
            .system(61)
            .idle(250)
            .iowait(1)
            .irq(2)
            .softirq(9)
            .steal(1)
            .received(1_234_567_890L, 1_234_567, 5)
            .sent(1_048_576, 999_999)
            .maxCqes(3)
            .build();

    /** {@code -t 1} plus the per-test defaults. */
    private static ParamSet params(final TestKind kind) {
        return new ParamSet()
                .set(Param.TIME, 1, "-t")
                .defaultValue(Param.MSG_SIZE, kind.defaultMsgSizeBytes())
                .defaultValue(Param.TIMEOUT, 5);
    }

    private static List<String> format(
            final TestKind kind, final Stat local, final Stat remote, final ParamSet p, final OutputOptions o) {
        return QperfTextFormat.formatResult(kind, TestResult.of(kind, local, remote), p, o);
    }

    private static void assertTable(
            final QperfOutput.Table expected,
            final TestKind kind,
            final Stat local,
            final Stat remote,
            final ParamSet p,
            final OutputOptions o) {
        assertThat(expected.header()).isEqualTo(kind.qperfName() + ":");
        assertThat(format(kind, local, remote, p, o)).containsExactlyElementsOf(expected.lines());
    }

    /** {@code qperf 127.0.0.1 -t 1 tcp_bw tcp_lat udp_bw udp_lat conf}. */
    @Test
    void defaultOutput() {
        final List<QperfOutput.Table> t = QperfOutput.tables("sample_default.txt");
        assertThat(t).hasSize(5);
        // bw = 2.14e9 B / 1.00 s
        assertTable(
                t.get(0),
                TestKind.TCP_BW,
                StatBuilder.node().real(100).sent(2_140_000_000L, 32_654).build(),
                StatBuilder.node().real(100).received(2_140_000_000L, 32_654).build(),
                params(TestKind.TCP_BW),
                DEFAULT);
        // latency = 1 s / 317,460 msgs = 3.150003 us
        assertTable(
                t.get(1),
                TestKind.TCP_LAT,
                StatBuilder.node()
                        .real(100)
                        .sent(158_730, 158_730)
                        .received(158_730, 158_730)
                        .build(),
                StatBuilder.node()
                        .real(100)
                        .sent(158_730, 158_730)
                        .received(158_730, 158_730)
                        .build(),
                params(TestKind.TCP_LAT),
                DEFAULT);
        assertTable(
                t.get(2),
                TestKind.UDP_BW,
                StatBuilder.node().real(100).sent(10_200_000_000L, 311_279).build(),
                StatBuilder.node().real(100).received(1_860_000_000L, 56_762).build(),
                params(TestKind.UDP_BW),
                DEFAULT);
        // latency = 1 s / 526,316 = 1.89999 us -> "1.90" -> "1.9"
        assertTable(
                t.get(3),
                TestKind.UDP_LAT,
                StatBuilder.node()
                        .real(100)
                        .sent(263_158, 263_158)
                        .received(263_158, 263_158)
                        .build(),
                StatBuilder.node()
                        .real(100)
                        .sent(263_158, 263_158)
                        .received(263_158, 263_158)
                        .build(),
                params(TestKind.UDP_LAT),
                DEFAULT);
        assertThat(t.get(4).header()).isEqualTo("conf:");
        final Conf c = new Conf("vm", "2 Cores: Intel Xeon Processor 2.6GHz", "Linux 6.18.44-fc-v769", "0.4.11");
        assertThat(QperfTextFormat.formatConf(c, c))
                .containsExactlyElementsOf(t.get(4).lines());
    }

    /** {@code qperf 127.0.0.1 -t 1 -v tcp_bw udp_bw}. */
    @Test
    void verbose() {
        final List<QperfOutput.Table> t = QperfOutput.tables("sample_v.txt");
        assertThat(t).hasSize(2);
        // server: 45,500 x 64 KiB = 2,981,888,000 B -> 2.98 GB/sec; cost 2.00 s / 2.98 GB = 671 ms/GB;
        // msg_rate = 45,500 / client 1.00 s; client: 45,550 x 64 KiB -> 2.00 s / 2.985 GB = 670 ms/GB
        assertTable(
                t.get(0),
                TestKind.TCP_BW,
                StatBuilder.node()
                        .real(100)
                        .user(80)
                        .system(90)
                        .softirq(30)
                        .sent(45_550L * 65_536, 45_550)
                        .build(),
                StatBuilder.node()
                        .real(100)
                        .user(80)
                        .system(90)
                        .softirq(30)
                        .received(45_500L * 65_536, 45_500)
                        .build(),
                params(TestKind.TCP_BW),
                V);
        // client 394,900 x 32 KiB = 12.94 GB, 2.01 s -> 155 ms/GB; server 98,100 x 32 KiB = 3.2145 GB -> 625 ms/GB
        assertTable(
                t.get(1),
                TestKind.UDP_BW,
                StatBuilder.node()
                        .real(100)
                        .user(10)
                        .system(150)
                        .softirq(41)
                        .sent(394_900L * 32_768, 394_900)
                        .build(),
                StatBuilder.node()
                        .real(100)
                        .user(10)
                        .system(150)
                        .softirq(41)
                        .received(98_100L * 32_768, 98_100)
                        .build(),
                params(TestKind.UDP_BW),
                V);
    }

    /** {@code -vv} tcp_lat with loc_/rem_ naming. */
    @Test
    void verboseMoreTcpLat() {
        final QperfOutput.Table t = QperfOutput.table("sample_vv_tcp_lat.txt");
        assertTable(
                t,
                TestKind.TCP_LAT,
                StatBuilder.node()
                        .real(100)
                        .user(84)
                        .softirq(35)
                        .system(81)
                        .sent(151_078, 151_078)
                        .received(151_077, 151_077)
                        .build(),
                StatBuilder.node()
                        .real(100)
                        .user(84)
                        .softirq(35)
                        .system(81)
                        .sent(151_077, 151_077)
                        .received(151_078, 151_078)
                        .build(),
                params(TestKind.TCP_LAT),
                VV);
    }

    /** {@code -uu -v udp_bw}, {@code -ub -v tcp_bw}, {@code -vs -uu tcp_lat}, {@code -vt -un udp_bw}, -e 6, -e 0. */
    @Test
    void unitAndPrecisionOptions() {
        final List<QperfOutput.Table> t = QperfOutput.tables("sample_options.txt");
        assertThat(t).hasSize(6);
        // -uu -v: 1.99 s (float) x 1e18 / 9,947,021,312 B = 200,059,892 ns/GB
        assertTable(
                t.get(0),
                TestKind.UDP_BW,
                StatBuilder.node()
                        .real(100)
                        .user(99)
                        .system(100)
                        .sent(9_947_021_312L, 303_559)
                        .build(),
                StatBuilder.node()
                        .real(100)
                        .user(99)
                        .system(100)
                        .received(1_990_950_912L, 60_759)
                        .build(),
                params(TestKind.UDP_BW),
                V.withUnifyUnits(true));
        // -ub -v: 1,188,100,000 B x 8 = 9.5048 Gb/sec; 1.99 s / 1.1881 GB = 1.6749 sec/GB
        assertTable(
                t.get(1),
                TestKind.TCP_BW,
                StatBuilder.node()
                        .real(100)
                        .user(99)
                        .system(100)
                        .sent(1_190_000_000L, 18_158)
                        .build(),
                StatBuilder.node()
                        .real(100)
                        .user(99)
                        .system(100)
                        .received(1_188_100_000L, 18_200)
                        .build(),
                params(TestKind.TCP_BW),
                V.withBitsPerSec(true));
        // -vs -uu: 1 s / 31,706 = 31,539.77 ns; 31,706 msgs / 1 s
        assertTable(
                t.get(2),
                TestKind.TCP_LAT,
                StatBuilder.node()
                        .real(100)
                        .user(50)
                        .sent(15_853, 15_853)
                        .received(15_853, 15_853)
                        .build(),
                StatBuilder.node()
                        .real(100)
                        .user(50)
                        .sent(15_853, 15_853)
                        .received(15_853, 15_853)
                        .build(),
                params(TestKind.TCP_LAT),
                DEFAULT.withStatLevel(1).withUnifyUnits(true));
        // -vt -un: 1.69 s / 10.63 GB = 159 ms/GB, 1.69 s / 7.48 GB = 226 ms/GB
        assertTable(
                t.get(3),
                TestKind.UDP_BW,
                StatBuilder.node()
                        .real(100)
                        .user(69)
                        .system(100)
                        .sent(10_630_000_000L, 324_402)
                        .build(),
                StatBuilder.node()
                        .real(100)
                        .user(69)
                        .system(100)
                        .received(7_480_000_000L, 228_271)
                        .build(),
                params(TestKind.UDP_BW),
                DEFAULT.withTimeLevel(1).withUnifyNodes(true));
        // -e 6: 1 s / 180,028 = 5.554691 us
        assertTable(
                t.get(4),
                TestKind.TCP_LAT,
                StatBuilder.node()
                        .real(100)
                        .sent(90_014, 90_014)
                        .received(90_014, 90_014)
                        .build(),
                StatBuilder.node()
                        .real(100)
                        .sent(90_014, 90_014)
                        .received(90_014, 90_014)
                        .build(),
                params(TestKind.TCP_LAT),
                DEFAULT.withPrecision(6));
        // -e 0 -vs: 1 s / 83,333 = 12.00005 us; 83,333 / s
        assertTable(
                t.get(5),
                TestKind.TCP_LAT,
                StatBuilder.node()
                        .real(100)
                        .sent(41_667, 41_667)
                        .received(41_666, 41_666)
                        .build(),
                StatBuilder.node()
                        .real(100)
                        .sent(41_666, 41_666)
                        .received(41_667, 41_667)
                        .build(),
                params(TestKind.TCP_LAT),
                DEFAULT.withPrecision(0).withStatLevel(1));
    }

    /** {@code qperf 127.0.0.1 -t 1 -vu -oo msg_size:1:4:*2 tcp_lat}: msg_size is user-set by the loop. */
    @Test
    void loop() {
        final List<QperfOutput.Table> t = QperfOutput.tables("sample_loop.txt");
        assertThat(t).hasSize(3);
        final long[] sizes = {1, 2, 4};
        final long[] half = {219_298, 219_298, 220_264}; // 1 s / (2 x half) = 2.28, 2.28, 2.27 us
        for (int i = 0; i < 3; i++) {
            final ParamSet p = params(TestKind.TCP_LAT).set(Param.MSG_SIZE, sizes[i], "-oo");
            final Stat side = StatBuilder.node()
                    .real(100)
                    .sent(half[i] * sizes[i], half[i])
                    .received(half[i] * sizes[i], half[i])
                    .build();
            assertTable(t.get(i), TestKind.TCP_LAT, side, side, p, DEFAULT.withUsedLevel(1));
        }
    }

    /** The stock client against the fixed fake STAT, {@code -vv tcp_lat}: the whole table. */
    @Test
    void fakeStatVerboseMore() {
        final Stat local = StatBuilder.node()
                .real(100)
                .user(7)
                .softirq(29)
                .system(14)
                .sent(17_652, 17_652)
                .received(17_652, 17_652)
                .build();
        assertTable(
                QperfOutput.table("sample_fake_stat_vv_tcp_lat.txt"),
                TestKind.TCP_LAT,
                local,
                FAKE,
                params(TestKind.TCP_LAT),
                VV);
    }

    /** Same fake STAT with {@code -vv -uu}. */
    @Test
    void fakeStatUnifyUnits() {
        final Stat local = StatBuilder.node()
                .real(100)
                .user(7)
                .softirq(29)
                .system(14)
                .sent(17_652, 17_652)
                .received(17_652, 17_652)
                .build();
        final List<String> lines =
                format(TestKind.TCP_LAT, local, FAKE, params(TestKind.TCP_LAT), VV.withUnifyUnits(true));
        assertThat(QperfOutput.valueOf(lines, "rem_cpu_time")).isEqualTo("1139999986 ns");
        assertThat(QperfOutput.valueOf(lines, "rem_recv_bytes")).isEqualTo("1234567890 bytes");
        assertThat(QperfOutput.valueOf(lines, "rem_recv_msgs")).isEqualTo("1234567 ");
        assertThat(lines)
                .contains(
                        "    rem_cpu_time     =  1139999986 ns",
                        "    rem_recv_bytes   =  1234567890 bytes",
                        "    rem_recv_msgs    =     1234567 ",
                        "    rem_send_bytes   =     1048576 bytes",
                        "    time             =  1000000000 ns");
    }

    /** Same fake STAT with {@code -vv -e 5} (a run whose client received 16,043 messages). */
    @Test
    void fakeStatPrecision5() {
        final Stat local = StatBuilder.node()
                .real(100)
                .user(7)
                .softirq(29)
                .system(14)
                .sent(16_043, 16_043)
                .received(16_043, 16_043)
                .build();
        final List<String> lines = format(TestKind.TCP_LAT, local, FAKE, params(TestKind.TCP_LAT), VV.withPrecision(5));
        assertThat(QperfOutput.valueOf(lines, "rem_recv_bytes")).isEqualTo("1.2346 GB");
        assertThat(QperfOutput.valueOf(lines, "rem_recv_msgs")).isEqualTo("1.2346 million");
        assertThat(QperfOutput.valueOf(lines, "latency")).isEqualTo("799.61 ns");
    }

    /** The fake STAT with s.* zeroed, {@code -vv tcp_bw}, and {@code -ub}. */
    @Test
    void fakeStatBandwidthStyle() {
        final Stat remote = StatBuilder.node()
                .real(200)
                .user(37)
                .nice(3)
                .system(61)
                .idle(250)
                .iowait(1)
                .irq(2)
                .softirq(9)
                .steal(1)
                .received(1_234_567_890L, 1_234_567, 5)
                .maxCqes(3)
                .build();
        final Stat local = StatBuilder.node()
                .real(100)
                .user(60)
                .system(80)
                .softirq(20)
                .sent(1_300_000_000L, 19_836)
                .build();
        final List<String> lines = format(TestKind.TCP_BW, local, remote, params(TestKind.TCP_BW), VV);
        assertThat(QperfOutput.valueOf(lines, "bw")).isEqualTo("617 MB/sec");
        assertThat(QperfOutput.valueOf(lines, "msg_rate")).isEqualTo("1.23 M/sec");
        assertThat(QperfOutput.valueOf(lines, "recv_cost")).isEqualTo("923 ms/GB");
        assertThat(QperfOutput.valueOf(lines, "recv_real_time")).isEqualTo("2 sec");
        assertThat(QperfOutput.valueOf(lines, "recv_errors")).isEqualTo("5 ");
        assertThat(QperfOutput.valueOf(lines, "recv_max_cqe")).isEqualTo("3 ");
        assertThat(QperfOutput.valueOf(lines, "recv_cpus_iowait")).isEqualTo("0.5 % cpus");
        assertThat(lines).noneMatch(l -> l.contains("loc_") || l.contains("rem_"));
        final List<String> bits =
                format(TestKind.TCP_BW, local, remote, params(TestKind.TCP_BW), VV.withBitsPerSec(true));
        assertThat(QperfOutput.valueOf(bits, "bw")).isEqualTo("4.94 Gb/sec");
    }
}
