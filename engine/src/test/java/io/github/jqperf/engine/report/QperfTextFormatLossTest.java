package io.github.jqperf.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.result.RateProbe;
import io.github.jqperf.engine.result.RateSearchResult;
import io.github.jqperf.engine.result.Result;
import io.github.jqperf.engine.result.SendRecvBandwidthResult;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import io.github.jqperf.engine.testutil.StatBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** jqperf's {@code --loss} line and {@code --find-rate} lines, in qperf's layout; nothing changes without them. */
class QperfTextFormatLossTest {
    private static Result udpBw(final long sent, final long received, final long tcpBwIgnored) {
        final Stat client = StatBuilder.node()
                .real(200)
                .user(20)
                .system(80)
                .sent(32768L * sent, sent)
                .build();
        final Stat server = StatBuilder.node()
                .real(200)
                .user(30)
                .system(70)
                .received(32768L * received, received)
                .build();
        final ParamSet p = TestKind.UDP_BW.withDefaults(new ParamSet());
        return Result.of(TestSpec.of(TestKind.UDP_BW, p), client, server);
    }

    @Test
    void shouldPrintExactlyQperfsTableWithoutLoss() {
        final Result r = udpBw(10_000, 9_988, 0);
        for (final OutputOptions o : List.of(OutputOptions.DEFAULT, OutputOptions.DEFAULT.verbose())) {
            assertThat(QperfTextFormat.formatResult(r, o, Set.of())).isEqualTo(QperfTextFormat.formatResult(r, o));
        }
    }

    @Test
    void shouldAddTheLossLineLastInQperfsLayout() {
        final Result r = udpBw(10_000, 9_988, 0);
        assertThat(QperfTextFormat.formatResult(r, OutputOptions.DEFAULT, Set.of(ExtraLine.LOSS)))
                .containsExactly(
                        "    send_bw  =   164 MB/sec", "    recv_bw  =   164 MB/sec", "    loss     =  0.12 %");
        final List<String> verbose =
                QperfTextFormat.formatResult(r, OutputOptions.DEFAULT.verbose(), Set.of(ExtraLine.LOSS));
        assertThat(verbose.get(verbose.size() - 1)).isEqualTo("    loss            =  0.12 %");
        assertThat(verbose.subList(0, verbose.size() - 1).size())
                .isEqualTo(QperfTextFormat.formatResult(r, OutputOptions.DEFAULT.verbose())
                        .size());
    }

    @Test
    void shouldRoundTheLossAsQperfRoundsItsFigures() {
        assertThat(QperfTextFormat.formatResult(udpBw(3, 2, 0), OutputOptions.DEFAULT, Set.of(ExtraLine.LOSS)))
                .last()
                .isEqualTo("    loss     =  33.3 %");
        assertThat(QperfTextFormat.formatResult(udpBw(1000, 1000, 0), OutputOptions.DEFAULT, Set.of(ExtraLine.LOSS)))
                .last()
                .isEqualTo("    loss     =     0 %");
        assertThat(QperfTextFormat.formatResult(udpBw(1000, 1001, 0), OutputOptions.DEFAULT, Set.of(ExtraLine.LOSS)))
                .as("more received than sent")
                .last()
                .isEqualTo("    loss     =     0 %");
    }

    @Test
    void shouldPrintNoLossLineWhenNothingWasSentOrTheTestIsNotUdpBw() {
        assertThat(QperfTextFormat.formatResult(udpBw(0, 0, 0), OutputOptions.DEFAULT, Set.of(ExtraLine.LOSS)))
                .noneMatch(l -> l.contains("loss"));
        final Stat client = StatBuilder.node().real(200).sent(65536L * 100, 100).build();
        final Stat server =
                StatBuilder.node().real(200).received(65536L * 100, 100).build();
        final Result tcp =
                Result.of(TestSpec.of(TestKind.TCP_BW, TestKind.TCP_BW.withDefaults(new ParamSet())), client, server);
        assertThat(QperfTextFormat.formatResult(tcp, OutputOptions.DEFAULT, Set.of(ExtraLine.LOSS)))
                .isEqualTo(QperfTextFormat.formatResult(tcp, OutputOptions.DEFAULT));
    }

    @Test
    void shouldPrintTheFoundRate() {
        final SendRecvBandwidthResult flood = (SendRecvBandwidthResult) udpBw(100_000, 30_000, 0);
        final SendRecvBandwidthResult good = (SendRecvBandwidthResult) udpBw(10_000, 9_995, 0);
        final RateSearchResult r = new RateSearchResult(
                812_000_000L,
                0.001,
                30_000_000_000L,
                28_300_000_000L,
                List.of(new RateProbe(0, 2, flood, false), new RateProbe(812_000_000L, 2, good, true)));
        assertThat(QperfTextFormat.formatRateSearch(r, OutputOptions.DEFAULT))
                .containsExactly(
                        "    found_rate   =   812 Mb/sec",
                        "    send_bw      =   164 MB/sec",
                        "    recv_bw      =   164 MB/sec",
                        "    loss         =  0.05 %",
                        "    max_loss     =   0.1 %",
                        "    probes       =     2 ",
                        "    search_time  =  28.3 sec");
    }

    @Test
    void shouldPrintAZeroRateWhenNoneWasFound() {
        final SendRecvBandwidthResult flood = (SendRecvBandwidthResult) udpBw(100_000, 30_000, 0);
        final RateSearchResult r = new RateSearchResult(
                0, 0.001, 5_000_000_000L, 2_100_000_000L, List.of(new RateProbe(0, 1, flood, false)));
        assertThat(QperfTextFormat.formatRateSearch(r, OutputOptions.DEFAULT))
                .containsExactly(
                        "    found_rate   =    0 bits/sec",
                        "    max_loss     =  0.1 %",
                        "    probes       =    1 ",
                        "    search_time  =  2.1 sec");
        assertThat(r.best()).isEmpty();
        assertThat(r.lossFraction()).isEmpty();
        assertThat(Param.TIME).isNotNull();
    }
}
