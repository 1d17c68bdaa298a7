package io.github.jqperf.engine;

import io.github.jqperf.engine.pacing.RateSearch;
import io.github.jqperf.engine.result.RateProbe;
import io.github.jqperf.engine.result.RateSearchResult;
import io.github.jqperf.engine.result.Result;
import io.github.jqperf.engine.result.SendRecvBandwidthResult;
import io.github.jqperf.engine.spec.MeasureOptions;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Runs a {@link RateSearch} with udp_bw probes of a {@link QperfClient} within a time budget (docs/udp-rate.md):
 * each probe is a normal udp_bw test (so it works against a stock server), paced by the client.
 */
final class RateFinder {
    /** Stop bisecting when the bracket is within 2 % of its top. */
    static final double RESOLUTION = 0.02;
    /** The probes' {@code -t} when the test's is 0 (endless). */
    static final long DEFAULT_PROBE_SEC = 2;
    /** A probe's length is at most this fraction of the budget, so a search has room for several. */
    static final int MIN_PROBES_IN_BUDGET = 6;

    /** Runs one udp_bw probe at a rate (0 = unpaced) for a number of seconds. */
    @FunctionalInterface
    interface Prober {
        SendRecvBandwidthResult probe(long rateBitsPerSec, long timeSec);
    }

    private RateFinder() {}

    /** The seconds of each probe: the test's {@code -t}, but at most a sixth of the budget, at least 1. */
    static long probeSeconds(final long testSec, final long budgetNanos) {
        final long t = testSec > 0 ? testSec : DEFAULT_PROBE_SEC;
        final long budgetSec = budgetNanos / 1_000_000_000L;
        return Math.max(1, Math.min(t, budgetSec / MIN_PROBES_IN_BUDGET));
    }

    /**
     * The search. A probe starts only when the longest probe so far (wall time, set-up included; the first one's
     * one-time start-up not counted beyond a second) still fits in the budget; the first one always runs. So the search ends within the budget, or within one probe after it
     * when the budget is shorter than a single probe.
     */
    static RateSearchResult find(
            final Prober prober,
            final long testSec,
            final double maxLossFraction,
            final long budgetNanos,
            final LongSupplier nanoClock) {
        final long start = nanoClock.getAsLong();
        final long probeSec = probeSeconds(testSec, budgetNanos);
        final RateSearch search = new RateSearch(maxLossFraction, RESOLUTION);
        final List<RateProbe> probes = new ArrayList<>();
        long longestProbe = 0;
        long rate;
        while ((rate = search.nextRate()) != RateSearch.DONE) {
            final long now = nanoClock.getAsLong();
            if (!probes.isEmpty() && now - start + longestProbe > budgetNanos) {
                break;
            }
            final SendRecvBandwidthResult r = prober.probe(rate, probeSec);
            final long took = nanoClock.getAsLong() - now;
            // the first probe also pays the client's one-time start (CPU sampler, event loop, JIT): it counts as
            // at most its run time plus a second
            longestProbe =
                    Math.max(longestProbe, probes.isEmpty() ? Math.min(took, (probeSec + 1) * 1_000_000_000L) : took);
            final boolean accepted = search.record(
                    rate,
                    r.sendBandwidthBytesPerSecond() * 8,
                    r.recvBandwidthBytesPerSecond() * 8,
                    r.lossFraction().orElse(Double.NaN));
            probes.add(new RateProbe(rate, probeSec, r, accepted));
        }
        return new RateSearchResult(
                search.foundRate(), maxLossFraction, budgetNanos, nanoClock.getAsLong() - start, probes);
    }

    /** The search with probes run by {@code client} against its server. */
    static RateSearchResult find(
            final QperfClient client,
            final ParamSet userParams,
            final MeasureOptions options,
            final double maxLossFraction,
            final long budgetNanos) {
        final ParamSet params = TestKind.UDP_BW.withDefaults(userParams);
        final Prober prober = (rate, sec) -> {
            final ParamSet p = params.copy().set(Param.TIME, sec, "-t");
            final Measurement m = client.measure(TestKind.UDP_BW, p, options.withRateBitsPerSec(rate));
            return (SendRecvBandwidthResult)
                    Result.of(TestSpec.of(TestKind.UDP_BW, m.params()), m.local(), m.remote(), m.observed());
        };
        return find(prober, params.local(Param.TIME), maxLossFraction, budgetNanos, System::nanoTime);
    }
}
