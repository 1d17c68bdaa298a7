package io.github.jqperf.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.observe.RoundTripRecorder;
import io.github.jqperf.engine.result.IntervalSample;
import io.github.jqperf.engine.result.LatencyDistribution;
import io.github.jqperf.engine.result.LatencyResult;
import io.github.jqperf.engine.result.Observations;
import io.github.jqperf.engine.result.Result;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.spec.MeasureOptions;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import io.github.jqperf.engine.testutil.StatBuilder;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** {@code --percentiles} and {@code --interval} lines, golden; without the flag the table is exactly qperf's. */
class QperfTextFormatPercentilesTest {
    /** 1 s run, 10 000 round trips each way: qperf's latency = 1 s / 20 000 = 50 us. */
    private static final Stat NODE = StatBuilder.node()
            .real(100)
            .user(20)
            .system(30)
            .idle(150)
            .sent(10_000, 10_000)
            .received(10_000, 10_000)
            .build();

    /** One-way latencies: 5000 x 5 us, 4000 x 8 us, 900 x 12 us, 90 x 150 us, 9 x 2 ms, 1 x 25 ms. */
    private static Histogram histogram() {
        final Histogram h = RoundTripRecorder.newHistogram();
        h.recordValueWithCount(5_000, 5000);
        h.recordValueWithCount(8_000, 4000);
        h.recordValueWithCount(12_000, 900);
        h.recordValueWithCount(150_000, 90);
        h.recordValueWithCount(2_000_000, 9);
        h.recordValueWithCount(25_000_000, 1);
        return h;
    }

    private static Result result(final TestKind kind, final Observations observed) {
        final TestSpec spec = TestSpec.of(kind, new ParamSet().set(Param.TIME, 1, "-t"));
        return Result.of(spec, NODE, NODE, observed);
    }

    private static Observations withLatency() {
        return new Observations(
                Optional.of(LatencyDistribution.of(histogram())), Optional.empty(), Optional.empty(), List.of());
    }

    @Test
    void sixLinesAfterLatencyAlignedWithTheTable() {
        assertThat(QperfTextFormat.formatResult(
                        result(TestKind.TCP_LAT, withLatency()), OutputOptions.DEFAULT, Set.of(ExtraLine.PERCENTILES)))
                .containsExactly(
                        "    latency         =   50 us",
                        "    latency_p50     =    5 us",
                        "    latency_p90     =    8 us",
                        "    latency_p99     =   12 us",
                        "    latency_p99.9   =  150 us",
                        "    latency_p99.99  =    2 ms",
                        "    latency_max     =   25 ms");
    }

    @Test
    void verboseAndUnifiedUnits() {
        final List<String> lines = QperfTextFormat.formatResult(
                result(TestKind.UDP_LAT, withLatency()),
                OutputOptions.DEFAULT.withStatLevel(1).withUnifyUnits(true),
                Set.of(ExtraLine.PERCENTILES));
        assertThat(lines)
                .containsExactly(
                        // HdrHistogram's values are the highest equivalent of each bucket (3 significant digits)
                        "    latency         =     50000 ns",
                        "    latency_p50     =      5003 ns",
                        "    latency_p90     =      8003 ns",
                        "    latency_p99     =     12007 ns",
                        "    latency_p99.9   =    150015 ns",
                        "    latency_p99.99  =   2000895 ns",
                        "    latency_max     =  25001983 ns",
                        "    msg_rate        =     20000 /sec");
    }

    @Test
    void withoutTheFlagTheTableIsQperfsByteForByte() {
        for (final TestKind kind : List.of(TestKind.TCP_LAT, TestKind.UDP_LAT)) {
            for (final OutputOptions o : List.of(
                    OutputOptions.DEFAULT,
                    OutputOptions.DEFAULT.verboseMore(),
                    OutputOptions.DEFAULT.withUnifyUnits(true))) {
                final Result plain = result(kind, Observations.NONE);
                final Result recorded = result(kind, withLatency());
                assertThat(QperfTextFormat.formatResult(recorded, o, Set.of()))
                        .isEqualTo(QperfTextFormat.formatResult(recorded, o))
                        .isEqualTo(QperfTextFormat.formatResult(plain, o));
            }
        }
    }

    @Test
    void noDistributionNoLines() {
        final Result r = result(TestKind.TCP_LAT, Observations.NONE);
        assertThat(QperfTextFormat.formatResult(r, OutputOptions.DEFAULT, Set.of(ExtraLine.PERCENTILES)))
                .isEqualTo(QperfTextFormat.formatResult(r, OutputOptions.DEFAULT));
        assertThat(((LatencyResult) r).percentileSeconds(99)).isEmpty();
        assertThat(((LatencyResult) result(TestKind.TCP_LAT, withLatency())).percentileSeconds(99))
                .hasValue(12.007e-6);
    }

    private static TestSpec intervalSpec(final TestKind kind, final long nanos) {
        return TestSpec.of(kind, new ParamSet()).withOptions(MeasureOptions.NONE.withIntervalNanos(nanos));
    }

    @Test
    void latencyIntervalLine() {
        final IntervalSample s = new IntervalSample(
                intervalSpec(TestKind.TCP_LAT, 1_000_000_000L),
                1_000_000_000L,
                2_000_000_000L,
                96_500,
                96_500,
                96_500,
                96_500,
                OptionalDouble.of(9.1e-6),
                OptionalDouble.of(14e-6));
        assertThat(QperfTextFormat.formatInterval(s, OutputOptions.DEFAULT))
                .isEqualTo("    interval 1.0-2.0 s: msg_rate = 96.5 K/sec, latency_p50 = 9.1 us, latency_p99 = 14 us");
    }

    @Test
    void bandwidthIntervalLine() {
        final IntervalSample s = new IntervalSample(
                intervalSpec(TestKind.TCP_BW, 250_000_000L), 250_000_000L, 500_000_000L, 300_000_000, 4578, 0, 0);
        assertThat(QperfTextFormat.formatInterval(s, OutputOptions.DEFAULT))
                .isEqualTo("    interval 0.25-0.50 s: send_bw = 1.2 GB/sec, msg_rate = 18.3 K/sec");
        assertThat(QperfTextFormat.formatInterval(s, OutputOptions.DEFAULT.withBitsPerSec(true)))
                .isEqualTo("    interval 0.25-0.50 s: send_bw = 9.6 Gb/sec, msg_rate = 18.3 K/sec");
    }

    @Test
    void aShortLastIntervalShowsBoundsThatDiffer() {
        final IntervalSample tail = new IntervalSample(
                intervalSpec(TestKind.TCP_BW, 1_000_000_000L), 3_000_000_000L, 3_008_380_000L, 13_107_200, 200, 0, 0);
        assertThat(QperfTextFormat.formatInterval(tail, OutputOptions.DEFAULT))
                .startsWith("    interval 3.000-3.008 s: ");
        final IntervalSample tiny = new IntervalSample(
                intervalSpec(TestKind.TCP_BW, 1_000_000_000L), 3_000_000_000L, 3_000_270_000L, 65_536, 1, 0, 0);
        assertThat(QperfTextFormat.formatInterval(tiny, OutputOptions.DEFAULT))
                .startsWith("    interval 3.000000-3.000270 s: ");
    }
}
