package io.github.jqperf.engine.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jqperf.engine.result.LatencyDistribution;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The recorder with a manual clock: each round trip is timed from the previous one, halved, clamped. */
class RoundTripRecorderTest {
    @Test
    void recordsHalfOfEachRoundTripSinceThePreviousOne() {
        final RoundTripRecorder r = RoundTripRecorder.plain();
        r.start(1_000);
        r.roundTrip(21_000); // 20 us round trip -> 10 us one way
        r.roundTrip(31_000); // 10 us -> 5 us
        r.roundTrip(41_000); // 10 us -> 5 us
        final Histogram h = r.total();
        assertThat(h.getTotalCount()).isEqualTo(3);
        assertThat(h.getMinValue()).isEqualTo(h.lowestEquivalentValue(5_000));
        assertThat(h.getMaxValue()).isEqualTo(h.highestEquivalentValue(10_000));
        assertThat(h.getValueAtPercentile(50)).isEqualTo(h.highestEquivalentValue(5_000));
    }

    @Test
    void clampsBeyondTheRangeAndNeverGoesNegative() {
        final RoundTripRecorder r = RoundTripRecorder.plain();
        r.start(0);
        r.roundTrip(3 * RoundTripRecorder.HIGHEST_NANOS); // 1.5 x 60 s one way: clamped to 60 s
        r.roundTrip(3 * RoundTripRecorder.HIGHEST_NANOS - 10); // a clock going back: 0
        final Histogram h = r.total();
        assertThat(h.getTotalCount()).isEqualTo(2);
        assertThat(h.getMinValue()).isZero();
        assertThat(h.getMaxValue()).isEqualTo(h.highestEquivalentValue(RoundTripRecorder.HIGHEST_NANOS));
    }

    @Test
    void threeSignificantDigits() {
        final RoundTripRecorder r = RoundTripRecorder.plain();
        r.start(0);
        r.roundTrip(2 * 123_456);
        final Histogram h = r.total();
        assertThat((double) h.getMaxValue()).isCloseTo(123_456, org.assertj.core.data.Percentage.withPercentage(0.1));
    }

    @Test
    void sampledRecorderDrainsIntervalsAndAddsThemUp() {
        final RoundTripRecorder r = RoundTripRecorder.sampled();
        r.start(0);
        r.roundTrip(2_000);
        r.roundTrip(4_000);
        assertThat(r.drainInterval().getTotalCount()).isEqualTo(2);
        r.roundTrip(10_000); // 3 us one way
        assertThat(r.drainInterval().getTotalCount()).isEqualTo(1);
        assertThat(r.drainInterval().getTotalCount()).isZero();
        r.roundTrip(12_000);
        final Histogram total = r.total(); // drains the rest
        assertThat(total.getTotalCount()).isEqualTo(4);
        assertThat(total.getMaxValue()).isEqualTo(total.highestEquivalentValue(3_000));
    }

    @Test
    void plainRecorderHasNoIntervals() {
        assertThatThrownBy(() -> RoundTripRecorder.plain().drainInterval()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void distributionInSecondsFromTheHistogram() {
        final RoundTripRecorder r = RoundTripRecorder.plain();
        long t = 0;
        r.start(t);
        for (int i = 1; i <= 1000; i++) {
            t += 2L * i * 1000; // one-way latencies 1 us .. 1000 us
            r.roundTrip(t);
        }
        final LatencyDistribution d = LatencyDistribution.of(r.total());
        assertThat(d.count()).isEqualTo(1000);
        assertThat(d.minSeconds()).isCloseTo(1e-6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(d.p50Seconds()).isCloseTo(500e-6, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(d.p90Seconds()).isCloseTo(900e-6, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(d.p99Seconds()).isCloseTo(990e-6, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(d.maxSeconds()).isCloseTo(1000e-6, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(d.meanSeconds()).isCloseTo(500.5e-6, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(d.percentileSeconds(99)).isEqualTo(d.p99Seconds());
        assertThat(d.p50Seconds()).isLessThanOrEqualTo(d.p90Seconds());
        assertThat(d.p999Seconds()).isLessThanOrEqualTo(d.p9999Seconds());
        assertThat(d.p9999Seconds()).isLessThanOrEqualTo(d.maxSeconds());
    }

    @Test
    void emptyDistributionIsZeros() {
        final LatencyDistribution d = LatencyDistribution.of(RoundTripRecorder.newHistogram());
        assertThat(d.count()).isZero();
        assertThat(d.p99Seconds()).isZero();
        assertThat(d.maxSeconds()).isZero();
    }
}
