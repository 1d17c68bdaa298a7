package io.github.jqperf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.result.RateProbe;
import io.github.jqperf.engine.result.RateSearchResult;
import io.github.jqperf.engine.result.Result;
import io.github.jqperf.engine.result.SendRecvBandwidthResult;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import io.github.jqperf.engine.testutil.StatBuilder;
import org.junit.jupiter.api.Test;

/** {@link RateFinder} with simulated probes on a manual clock: the budget always bounds the search. */
class RateFinderTest {
    private static final long SEC = 1_000_000_000L;
    private static final int SIZE = 32 * 1024;

    /** A path of {@code capacity} bits/s; a flood sends {@code flood}; a probe costs its seconds plus set-up. */
    private static class Path implements RateFinder.Prober {
        final double capacity;
        final double flood;
        final long setupNs;
        long now;
        int probes;

        Path(final double capacity, final double flood, final long setupNs) {
            this.capacity = capacity;
            this.flood = flood;
            this.setupNs = setupNs;
        }

        @Override
        public SendRecvBandwidthResult probe(final long rate, final long timeSec) {
            probes++;
            now += timeSec * SEC + setupNs;
            final double send = rate == 0 ? flood : rate;
            final long sent = Math.round(send * timeSec / 8 / SIZE);
            final long received = Math.round(Math.min(send, capacity) * timeSec / 8 / SIZE);
            final long ticks = timeSec * 100;
            final Stat client =
                    StatBuilder.node().real(ticks).sent(sent * SIZE, sent).build();
            final Stat server = StatBuilder.node()
                    .real(ticks)
                    .received(received * SIZE, received)
                    .build();
            return (SendRecvBandwidthResult) Result.of(
                    TestSpec.of(TestKind.UDP_BW, TestKind.UDP_BW.withDefaults(new ParamSet())), client, server);
        }
    }

    @Test
    void shouldFindTheBottleneckWithinTheBudget() {
        final Path path = new Path(800e6, 3e9, 150_000_000);
        final RateSearchResult r = RateFinder.find(path, 2, 0.001, 30 * SEC, () -> path.now);
        assertThat(r.elapsedNanos()).isLessThanOrEqualTo(30 * SEC);
        assertThat((double) r.rateBitsPerSec()).isBetween(800e6 * 0.95, 800e6 * 1.001);
        assertThat(r.probes()).hasSize(path.probes);
        assertThat(r.probes().get(0).rateBitsPerSec())
                .as("the ceiling probe is unpaced")
                .isZero();
        assertThat(r.probes()).allMatch(p -> p.timeSeconds() == 2);
        final RateProbe best = r.best().orElseThrow();
        assertThat(best.rateBitsPerSec()).isEqualTo(r.rateBitsPerSec());
        assertThat(r.lossFraction().getAsDouble()).isLessThanOrEqualTo(0.001);
    }

    @Test
    void shouldStopWhenTheNextProbeWouldNotFit() {
        final Path path = new Path(1e6, 3e9, 500_000_000);
        final RateSearchResult r = RateFinder.find(path, 2, 0.001, 5 * SEC, () -> path.now);
        // 5 s budget: probes of 1 s (a sixth, at least 1) costing 1.5 s each: 3 fit
        assertThat(r.probes()).hasSize(3);
        assertThat(r.elapsedNanos()).isLessThanOrEqualTo(5 * SEC);
    }

    @Test
    void shouldNotLetTheFirstProbesStartUpCostStopTheSearch() {
        final Path path = new Path(800e6, 3e9, 150_000_000) {
            @Override
            public SendRecvBandwidthResult probe(final long rate, final long timeSec) {
                if (probes == 0) {
                    now += 6 * SEC; // a cold client: the CPU sampler's start on a busy machine
                }
                return super.probe(rate, timeSec);
            }
        };
        final RateSearchResult r = RateFinder.find(path, 2, 0.01, 15 * SEC, () -> path.now);
        assertThat(r.probes()).hasSizeGreaterThan(1);
        assertThat(r.elapsedNanos()).isLessThanOrEqualTo(15 * SEC);
    }

    @Test
    void shouldRunOneProbeEvenWhenTheBudgetIsShorter() {
        final Path path = new Path(1e6, 3e9, 500_000_000);
        final RateSearchResult r = RateFinder.find(path, 2, 0.001, SEC, () -> path.now);
        assertThat(r.probes()).hasSize(1);
        assertThat(r.rateBitsPerSec()).isZero();
        assertThat(r.best()).isEmpty();
    }

    @Test
    void shouldAnswerTheFloodWhenItLosesNothing() {
        final Path path = new Path(10e9, 3e9, 100_000_000);
        final RateSearchResult r = RateFinder.find(path, 2, 0.001, 30 * SEC, () -> path.now);
        assertThat(r.probes()).hasSize(1);
        assertThat((double) r.rateBitsPerSec()).isBetween(2.99e9, 3.01e9);
    }

    @Test
    void shouldKeepProbesShortEnoughForSeveralInTheBudget() {
        assertThat(RateFinder.probeSeconds(2, 30 * SEC)).isEqualTo(2);
        assertThat(RateFinder.probeSeconds(10, 30 * SEC)).isEqualTo(5);
        assertThat(RateFinder.probeSeconds(10, 5 * SEC)).isEqualTo(1);
        assertThat(RateFinder.probeSeconds(0, 60 * SEC))
                .as("-t 0: qperf's endless run")
                .isEqualTo(2);
    }
}
