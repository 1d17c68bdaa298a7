package io.github.jqperf.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.result.TestResult;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.testutil.QperfOutput;
import io.github.jqperf.engine.testutil.StatBuilder;
import org.junit.jupiter.api.Test;

/**
 * Tables printed by the stock client with {@code -D}: both STATs are rebuilt from the printed {@code l_}/{@code r_}
 * debug lines and the whole table, debug lines included, must come out byte-identical. Covers -D, loc_/rem_
 * parameter splits (-lsb/-rsb, -lto), -un on a bw test, -vvu with -vs, and decimal (non-KiB) sizes.
 */
class QperfTextFormatObservedTest {
    private static void assertTable(
            final String resource,
            final TestKind kind,
            final Stat local,
            final Stat remote,
            final ParamSet p,
            final OutputOptions o) {
        final QperfOutput.Table expected = QperfOutput.table(resource);
        assertThat(expected.header()).isEqualTo(kind.qperfName() + ":");
        assertThat(QperfTextFormat.formatResult(kind, TestResult.of(kind, local, remote), p, o))
                .containsExactlyElementsOf(expected.lines());
    }

    private static ParamSet defaults(final ParamSet p, final TestKind kind) {
        return p.defaultValue(Param.TIME, 2)
                .defaultValue(Param.TIMEOUT, 5)
                .defaultValue(Param.MSG_SIZE, kind.defaultMsgSizeBytes());
    }

    private static OutputOptions debug(final OutputOptions o) {
        return o.withDebug(true);
    }

    @Test
    void tcpLatVerboseMoreUnifiedDebug() {
        // -t 1 -vv -uu -D tcp_lat
        final Stat local = StatBuilder.node()
                .real(100)
                .user(59)
                .system(107)
                .iowait(1)
                .softirq(33)
                .sent(102_073, 102_073)
                .received(102_072, 102_072)
                .build();
        final Stat remote = StatBuilder.node()
                .real(100)
                .user(59)
                .system(107)
                .iowait(1)
                .softirq(33)
                .sent(102_071, 102_071)
                .received(102_072, 102_072)
                .build();
        assertTable(
                "observed_tcp_lat_vv_uu_D.txt",
                TestKind.TCP_LAT,
                local,
                remote,
                defaults(new ParamSet().set(Param.TIME, 1, "-t"), TestKind.TCP_LAT),
                debug(OutputOptions.DEFAULT.verboseMore().withUnifyUnits(true)));
    }

    @Test
    void tcpBwVerboseMoreDebug() {
        // -t 1 -vv -D -m 1K tcp_bw
        final Stat local = StatBuilder.node()
                .real(100)
                .user(138)
                .system(50)
                .softirq(13)
                .sent(361_255L * 1024, 361_255)
                .build();
        final Stat remote = StatBuilder.node()
                .real(100)
                .user(138)
                .system(50)
                .softirq(13)
                .received(359_568L * 1024, 359_568)
                .build();
        assertTable(
                "observed_tcp_bw_vv_D.txt",
                TestKind.TCP_BW,
                local,
                remote,
                defaults(new ParamSet().set(Param.TIME, 1, "-t").set(Param.MSG_SIZE, 1024, "-m"), TestKind.TCP_BW),
                debug(OutputOptions.DEFAULT.verboseMore()));
    }

    @Test
    void tcpBwSplitParametersUnifyNodes() {
        // -t 1 -lsb 64K -rsb 128K -lto 3 -v -un -uu -D tcp_bw
        final Stat local = StatBuilder.node()
                .real(100)
                .user(12)
                .system(67)
                .idle(64)
                .softirq(45)
                .sent(1_735_983_104L, 26_489)
                .build();
        final Stat remote = StatBuilder.node()
                .real(100)
                .user(12)
                .system(67)
                .idle(64)
                .softirq(45)
                .received(1_732_706_304L, 26_439)
                .build();
        final ParamSet p = new ParamSet()
                .set(Param.TIME, 1, "-t")
                .setLocal(Param.SOCK_BUF_SIZE, 65_536, "-lsb")
                .setRemote(Param.SOCK_BUF_SIZE, 131_072, "-rsb")
                .setLocal(Param.TIMEOUT, 3, "-lto");
        assertTable(
                "observed_tcp_bw_sb_lto_v_un_uu_D.txt",
                TestKind.TCP_BW,
                local,
                remote,
                defaults(p, TestKind.TCP_BW),
                debug(OutputOptions.DEFAULT.verbose().withUnifyNodes(true).withUnifyUnits(true)));
    }

    @Test
    void udpLatAllParametersStatLevel1() {
        // -t 1 -vvu -vs -uu -D udp_lat
        final Stat local = StatBuilder.node()
                .real(100)
                .user(16)
                .system(46)
                .idle(99)
                .softirq(35)
                .sent(79_726, 79_726)
                .received(79_725, 79_725)
                .build();
        final Stat remote = StatBuilder.node()
                .real(100)
                .user(16)
                .system(46)
                .idle(99)
                .softirq(35)
                .sent(79_726, 79_726)
                .received(79_726, 79_726)
                .build();
        assertTable(
                "observed_udp_lat_vvu_vs_uu_D.txt",
                TestKind.UDP_LAT,
                local,
                remote,
                defaults(new ParamSet().set(Param.TIME, 1, "-t"), TestKind.UDP_LAT),
                debug(OutputOptions.DEFAULT.withUsedLevel(2).withStatLevel(1).withUnifyUnits(true)));
    }

    @Test
    void udpBwDecimalSizes() {
        // -t 1 -sb 100k -m 1.5k -vu -D -uu udp_bw
        final Stat local = StatBuilder.node()
                .real(100)
                .user(12)
                .system(82)
                .idle(34)
                .softirq(56)
                .sent(1_108_459_500L, 738_973)
                .build();
        final Stat remote = StatBuilder.node()
                .real(100)
                .user(12)
                .system(82)
                .idle(34)
                .softirq(56)
                .received(583_944_000L, 389_296)
                .build();
        final ParamSet p = new ParamSet()
                .set(Param.TIME, 1, "-t")
                .set(Param.SOCK_BUF_SIZE, 100_000, "-sb")
                .set(Param.MSG_SIZE, 1500, "-m");
        assertTable(
                "observed_udp_bw_sb_m_vu_uu_D.txt",
                TestKind.UDP_BW,
                local,
                remote,
                defaults(p, TestKind.UDP_BW),
                debug(OutputOptions.DEFAULT.withUsedLevel(1).withUnifyUnits(true)));
    }
}
