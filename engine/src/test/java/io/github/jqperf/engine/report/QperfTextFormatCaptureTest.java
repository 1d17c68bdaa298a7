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
 * Every capture of {@code reference/captures}: the server's STAT decoded from the captured hex, a client STAT
 * consistent with the printed local lines, and the stock client's verbatim output.
 */
class QperfTextFormatCaptureTest {
    private static final OutputOptions VV = OutputOptions.DEFAULT.verboseMore();

    /** The header the caller prints plus our table. */
    private static List<String> run(
            final TestKind kind, final Stat local, final Stat remote, final ParamSet params, final OutputOptions o) {
        final TestResult r = TestResult.of(kind, local, remote);
        final List<String> out = new java.util.ArrayList<>();
        out.add(kind.qperfName() + ":");
        out.addAll(QperfTextFormat.formatResult(kind, r, params, o));
        return out;
    }

    private static List<String> expected(final String resource) {
        final QperfOutput.Table t = QperfOutput.table(resource);
        final List<String> out = new java.util.ArrayList<>();
        out.add(t.header());
        out.addAll(t.lines());
        return out;
    }

    /** {@code -t 1 [-m size]} plus the per-test defaults. */
    private static ParamSet params(final TestKind kind, final long msgSize) {
        final ParamSet p = new ParamSet().set(Param.TIME, 1, "-t");
        if (msgSize > 0) {
            p.set(Param.MSG_SIZE, msgSize, "-m");
        }
        p.defaultValue(Param.MSG_SIZE, kind.defaultMsgSizeBytes());
        p.defaultValue(Param.TIMEOUT, 5);
        return p;
    }

    @Test
    void tcpBw() {
        final Stat remote = StatBuilder.fromHexDump("""
            0000  02 00 00 00 64 00 00 00 00 00 00 00 ad 89 66 66  |....d.........ff|
            0010  00 00 00 00 89 35 00 00 00 00 00 00 00 00 00 00  |.....5..........|
            0020  00 00 00 00 93 44 00 00 00 00 00 00 b1 95 00 00  |.....D..........|
            0030  00 00 00 00 46 01 00 00 00 00 00 00 00 00 00 00  |....F...........|
            0040  00 00 00 00 45 17 00 00 00 00 00 00 4d 00 00 00  |....E.......M...|
            0050  00 00 00 00 11 8a 66 66 00 00 00 00 e8 35 00 00  |......ff.....5..|
            0060  00 00 00 00 00 00 00 00 00 00 00 00 e1 44 00 00  |.............D..|
            0070  00 00 00 00 b2 95 00 00 00 00 00 00 46 01 00 00  |............F...|
            0080  00 00 00 00 00 00 00 00 00 00 00 00 61 17 00 00  |............a...|
            0090  00 00 00 00 4d 00 00 00 00 00 00 00 00 00 00 00  |....M...........|
            00a0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00b0  00 00 00 00 00 f0 bd 32 00 00 00 00 7c af 0c 00  |.......2....|...|
            00c0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00d0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00e0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00f0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            """);
        assertThat(remote.r().bytes()).isEqualTo(851_308_544L);
        assertThat(remote.r().msgs()).isEqualTo(831_356L);
        final Stat local = StatBuilder.node()
                .real(100)
                .user(95)
                .system(78)
                .softirq(28)
                .sent(836_248L * 1024, 836_248)
                .build();
        assertThat(run(TestKind.TCP_BW, local, remote, params(TestKind.TCP_BW, 1024), VV))
                .containsExactlyElementsOf(expected("capture_tcp_bw.txt"));
    }

    @Test
    void tcpLat() {
        final Stat remote = StatBuilder.fromHexDump("""
            0000  02 00 00 00 64 00 00 00 00 00 00 00 81 8d 66 66  |....d.........ff|
            0010  00 00 00 00 9d 38 00 00 00 00 00 00 00 00 00 00  |.....8..........|
            0020  00 00 00 00 d9 45 00 00 00 00 00 00 90 98 00 00  |.....E..........|
            0030  00 00 00 00 48 01 00 00 00 00 00 00 00 00 00 00  |....H...........|
            0040  00 00 00 00 9a 17 00 00 00 00 00 00 4e 00 00 00  |............N...|
            0050  00 00 00 00 e5 8d 66 66 00 00 00 00 9e 38 00 00  |......ff.....8..|
            0060  00 00 00 00 00 00 00 00 00 00 00 00 e7 45 00 00  |.............E..|
            0070  00 00 00 00 0a 99 00 00 00 00 00 00 48 01 00 00  |............H...|
            0080  00 00 00 00 00 00 00 00 00 00 00 00 ba 17 00 00  |................|
            0090  00 00 00 00 4f 00 00 00 00 00 00 00 0a 55 00 00  |....O........U..|
            00a0  00 00 00 00 0a 55 00 00 00 00 00 00 00 00 00 00  |.....U..........|
            00b0  00 00 00 00 0a 55 00 00 00 00 00 00 0a 55 00 00  |.....U.......U..|
            00c0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00d0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00e0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00f0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            """);
        assertThat(remote.s().msgs()).isEqualTo(21_770L);
        final Stat local = StatBuilder.node()
                .real(100)
                .user(1)
                .softirq(32)
                .system(15)
                .sent(21_770, 21_770)
                .received(21_769, 21_769)
                .build();
        assertThat(run(TestKind.TCP_LAT, local, remote, params(TestKind.TCP_LAT, 0), VV))
                .containsExactlyElementsOf(expected("capture_tcp_lat.txt"));
    }

    @Test
    void udpBw() {
        final Stat remote = StatBuilder.fromHexDump("""
            0000  02 00 00 00 64 00 00 00 00 00 00 00 3c 8c 66 66  |....d.......<.ff|
            0010  00 00 00 00 92 38 00 00 00 00 00 00 00 00 00 00  |.....8..........|
            0020  00 00 00 00 79 45 00 00 00 00 00 00 ac 96 00 00  |....yE..........|
            0030  00 00 00 00 48 01 00 00 00 00 00 00 00 00 00 00  |....H...........|
            0040  00 00 00 00 74 17 00 00 00 00 00 00 4e 00 00 00  |....t.......N...|
            0050  00 00 00 00 a0 8c 66 66 00 00 00 00 99 38 00 00  |......ff.....8..|
            0060  00 00 00 00 00 00 00 00 00 00 00 00 d6 45 00 00  |.............E..|
            0070  00 00 00 00 d7 96 00 00 00 00 00 00 48 01 00 00  |............H...|
            0080  00 00 00 00 00 00 00 00 00 00 00 00 9a 17 00 00  |................|
            0090  00 00 00 00 4e 00 00 00 00 00 00 00 00 00 00 00  |....N...........|
            00a0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00b0  00 00 00 00 00 fc 65 28 00 00 00 00 7f 19 0a 00  |......e(........|
            00c0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00d0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00e0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00f0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            """);
        assertThat(remote.r().bytes()).isEqualTo(677_772_288L);
        final Stat local = StatBuilder.node()
                .real(100)
                .user(7)
                .softirq(38)
                .system(93)
                .sent(680_743L * 1024, 680_743)
                .build();
        assertThat(run(TestKind.UDP_BW, local, remote, params(TestKind.UDP_BW, 1024), VV))
                .containsExactlyElementsOf(expected("capture_udp_bw.txt"));
    }

    @Test
    void udpLat() {
        final Stat remote = StatBuilder.fromHexDump("""
            0000  02 00 00 00 64 00 00 00 00 00 00 00 c5 8e 66 66  |....d.........ff|
            0010  00 00 00 00 34 39 00 00 00 00 00 00 00 00 00 00  |....49..........|
            0020  00 00 00 00 09 46 00 00 00 00 00 00 0b 9a 00 00  |.....F..........|
            0030  00 00 00 00 49 01 00 00 00 00 00 00 00 00 00 00  |....I...........|
            0040  00 00 00 00 bb 17 00 00 00 00 00 00 4f 00 00 00  |............O...|
            0050  00 00 00 00 29 8f 66 66 00 00 00 00 97 39 00 00  |....).ff.....9..|
            0060  00 00 00 00 00 00 00 00 00 00 00 00 54 46 00 00  |............TF..|
            0070  00 00 00 00 10 9a 00 00 00 00 00 00 49 01 00 00  |............I...|
            0080  00 00 00 00 00 00 00 00 00 00 00 00 d0 17 00 00  |................|
            0090  00 00 00 00 4f 00 00 00 00 00 00 00 00 14 1d 0e  |....O...........|
            00a0  00 00 00 00 45 87 03 00 00 00 00 00 00 00 00 00  |....E...........|
            00b0  00 00 00 00 00 18 1d 0e 00 00 00 00 46 87 03 00  |............F...|
            00c0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00d0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00e0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00f0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            """);
        assertThat(remote.s().msgs()).isEqualTo(231_237L);
        final Stat local = StatBuilder.node()
                .real(100)
                .user(99)
                .softirq(21)
                .system(75)
                .sent(231_238L * 1024, 231_238)
                .received(231_238L * 1024, 231_238)
                .build();
        assertThat(run(TestKind.UDP_LAT, local, remote, params(TestKind.UDP_LAT, 1024), VV))
                .containsExactlyElementsOf(expected("capture_udp_lat.txt"));
    }

    @Test
    void tcpBwWithOptions() {
        // qperf 127.0.0.1 -t 1 -ip 20000 -rsb 256K -ar1 -to 7 -rca 1 -v tcp_bw
        final Stat remote = StatBuilder.fromHexDump("""
            0000  02 00 00 00 64 00 00 00 00 00 00 00 f6 8a 66 66  |....d.........ff|
            0010  00 00 00 00 5b 37 00 00 00 00 00 00 00 00 00 00  |....[7..........|
            0020  00 00 00 00 0d 45 00 00 00 00 00 00 d8 95 00 00  |.....E..........|
            0030  00 00 00 00 47 01 00 00 00 00 00 00 00 00 00 00  |....G...........|
            0040  00 00 00 00 61 17 00 00 00 00 00 00 4e 00 00 00  |....a.......N...|
            0050  00 00 00 00 5a 8b 66 66 00 00 00 00 ce 37 00 00  |....Z.ff.....7..|
            0060  00 00 00 00 00 00 00 00 00 00 00 00 4f 45 00 00  |............OE..|
            0070  00 00 00 00 da 95 00 00 00 00 00 00 47 01 00 00  |............G...|
            0080  00 00 00 00 00 00 00 00 00 00 00 00 73 17 00 00  |............s...|
            0090  00 00 00 00 4e 00 00 00 00 00 00 00 00 00 00 00  |....N...........|
            00a0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00b0  00 00 00 00 00 00 e9 39 00 00 00 00 e9 39 00 00  |.......9.....9..|
            00c0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00d0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00e0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00f0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            """);
        assertThat(remote.r().bytes()).isEqualTo(971_571_200L);
        final Stat local = StatBuilder.node()
                .real(100)
                .user(115)
                .system(66)
                .softirq(18)
                .sent(14_830L * 65_536, 14_830)
                .build();
        final ParamSet p = new ParamSet()
                .set(Param.TIME, 1, "-t")
                .set(Param.PORT, 20_000, "-ip")
                .setRemote(Param.SOCK_BUF_SIZE, 256 * 1024, "-rsb")
                .set(Param.ACCESS_RECV, 1, "-ar1")
                .set(Param.TIMEOUT, 7, "-to")
                .setRemote(Param.AFFINITY, 1, "-rca")
                .defaultValue(Param.MSG_SIZE, TestKind.TCP_BW.defaultMsgSizeBytes());
        assertThat(run(TestKind.TCP_BW, local, remote, p, OutputOptions.DEFAULT.verbose()))
                .containsExactlyElementsOf(expected("capture_tcp_bw_opts.txt"));
    }

    @Test
    void udpBwDefault() {
        final Stat remote = StatBuilder.fromHexDump("""
            0000  02 00 00 00 64 00 00 00 00 00 00 00 01 71 67 66  |....d........qgf|
            0010  00 00 00 00 f0 81 00 00 00 00 00 00 00 00 00 00  |................|
            0020  00 00 00 00 79 91 00 00 00 00 00 00 26 89 01 00  |....y.......&...|
            0030  00 00 00 00 f9 02 00 00 00 00 00 00 00 00 00 00  |................|
            0040  00 00 00 00 9b 46 00 00 00 00 00 00 6b 00 00 00  |.....F......k...|
            0050  00 00 00 00 65 71 67 66 00 00 00 00 02 82 00 00  |....eqgf........|
            0060  00 00 00 00 00 00 00 00 00 00 00 00 eb 91 00 00  |................|
            0070  00 00 00 00 26 89 01 00 00 00 00 00 f9 02 00 00  |....&...........|
            0080  00 00 00 00 00 00 00 00 00 00 00 00 df 46 00 00  |.............F..|
            0090  00 00 00 00 6b 00 00 00 00 00 00 00 00 00 00 00  |....k...........|
            00a0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00b0  00 00 00 00 00 00 eb 4c 01 00 00 00 d6 99 02 00  |.......L........|
            00c0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00d0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00e0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            00f0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |................|
            """);
        assertThat(remote.r().bytes()).isEqualTo(5_585_436_672L);
        final Stat local = StatBuilder.node()
                .real(100)
                .user(18)
                .system(114)
                .softirq(68)
                .sent(402_832L * 32_768, 402_832)
                .build();
        assertThat(run(TestKind.UDP_BW, local, remote, params(TestKind.UDP_BW, 0), OutputOptions.DEFAULT))
                .containsExactlyElementsOf(expected("capture_udp_bw_default.txt"));
    }

    @Test
    void conf() {
        final Conf both = new Conf("vm", "2 Cores: Intel Xeon Processor 2.6GHz", "Linux 6.18.44-fc-v769", "0.4.11");
        final List<String> out = new java.util.ArrayList<>();
        out.add("conf:");
        out.addAll(QperfTextFormat.formatConf(both, both));
        assertThat(out).containsExactlyElementsOf(expected("capture_conf.txt"));
    }
}
