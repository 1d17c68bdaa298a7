package io.github.jqperf.engine.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link RateSearch} against simulated paths: a bottleneck that drops what exceeds it. */
class RateSearchTest {
    /** A path that delivers at most {@code capacity} bits/s; a flood sends {@code flood} bits/s. */
    private static RateSearch run(
            final double capacity, final double flood, final double maxLoss, final int maxProbes) {
        final RateSearch s = new RateSearch(maxLoss, 0.02);
        long rate;
        int n = 0;
        while ((rate = s.nextRate()) != RateSearch.DONE && n++ < maxProbes) {
            final double send = rate == RateSearch.UNPACED ? flood : rate;
            final double recv = Math.min(send, capacity);
            s.record(rate, send, recv, (send - recv) / send);
        }
        return s;
    }

    @ParameterizedTest(name = "capacity {0}, flood {1}")
    @CsvSource({"800e6, 3e9", "1e6, 3e9", "2.9e9, 3e9", "100e6, 101e6"})
    void shouldConvergeBelowTheBottleneckWithinTheResolution(final double capacity, final double flood) {
        final RateSearch s = run(capacity, flood, 0.001, 100);
        assertThat(s.done()).isTrue();
        assertThat((double) s.foundRate()).isLessThanOrEqualTo(capacity * 1.001).isGreaterThan(capacity * 0.97);
        assertThat(s.probes()).as("probes").isLessThanOrEqualTo(16);
        assertThat(s.foundLoss()).isLessThanOrEqualTo(0.001);
    }

    @Test
    void shouldStartWithAnUnpacedProbeAndTryWhatGotThroughNext() {
        final RateSearch s = new RateSearch(0.001, 0.02);
        assertThat(s.nextRate()).isEqualTo(RateSearch.UNPACED);
        assertThat(s.record(RateSearch.UNPACED, 3e9, 1e9, 0.66)).isFalse();
        assertThat(s.nextRate()).isEqualTo(1_000_000_000L);
        assertThat(s.tooLossyRate()).isEqualTo(3_000_000_000L);
    }

    @Test
    void shouldStopAtTheFloodWhenEvenItLosesLittleEnough() {
        final RateSearch s = new RateSearch(0.001, 0.02);
        assertThat(s.record(RateSearch.UNPACED, 1.2e9, 1.2e9, 0.0005)).isTrue();
        assertThat(s.done()).isTrue();
        assertThat(s.nextRate()).isEqualTo(RateSearch.DONE);
        assertThat(s.foundRate()).isEqualTo(1_200_000_000L);
        assertThat(s.foundLoss()).isEqualTo(0.0005);
        assertThatThrownBy(() -> s.record(1, 1, 1, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldFindNothingWhenEveryRateLoses() {
        final RateSearch s = new RateSearch(0.001, 0.02);
        long rate;
        while ((rate = s.nextRate()) != RateSearch.DONE) {
            s.record(rate, rate == 0 ? 1e9 : rate, 0, 1.0);
        }
        assertThat(s.foundRate()).isZero();
        assertThat(s.foundLoss()).isNaN();
    }

    @Test
    void shouldTreatAnUndefinedLossAsTooLossy() {
        final RateSearch s = new RateSearch(0.5, 0.02);
        s.record(RateSearch.UNPACED, 1e9, 0.5e9, 0.5001);
        final long r = s.nextRate();
        assertThat(s.record(r, 0, 0, Double.NaN)).isFalse();
        assertThat(s.tooLossyRate()).isEqualTo(r);
    }

    @Test
    void shouldRejectOutOfRangeArguments() {
        assertThatThrownBy(() -> new RateSearch(-0.1, 0.02)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateSearch(1.1, 0.02)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateSearch(0.001, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateSearch(Double.NaN, 0.02)).isInstanceOf(IllegalArgumentException.class);
    }
}
