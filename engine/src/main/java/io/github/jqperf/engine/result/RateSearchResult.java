package io.github.jqperf.engine.result;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The outcome of a {@code --find-rate} search: the highest udp_bw pacing rate whose loss stayed within the threshold
 * (docs/udp-rate.md).
 *
 * @param rateBitsPerSec   the rate found, payload bits/s; 0 when no probed rate kept its loss within the threshold.
 *                         When even the unpaced flood did, its measured send rate.
 * @param maxLossFraction  the threshold, in [0, 1] (0.001 = 0.1 %)
 * @param budgetNanos      the time budget
 * @param elapsedNanos     how long the search took (wall time, every probe and its set-up)
 * @param probes           every probe in the order run (the first one is the unpaced ceiling probe)
 */
public record RateSearchResult(
        long rateBitsPerSec, double maxLossFraction, long budgetNanos, long elapsedNanos, List<RateProbe> probes) {
    /** Copies {@code probes}. */
    public RateSearchResult {
        probes = List.copyOf(Objects.requireNonNull(probes, "probes"));
    }

    /** The probe that found the rate (the accepted one with the highest pacing rate; an accepted flood wins), if any. */
    public Optional<RateProbe> best() {
        RateProbe best = null;
        for (final RateProbe p : probes) {
            if (p.accepted() && (best == null || order(p) > order(best))) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    private static long order(final RateProbe p) {
        return p.rateBitsPerSec() == 0 ? Long.MAX_VALUE : p.rateBitsPerSec();
    }

    /** The loss at the rate found (the best probe's), empty when none was found. */
    public OptionalDouble lossFraction() {
        return best().map(RateProbe::lossFraction).orElse(OptionalDouble.empty());
    }
}
