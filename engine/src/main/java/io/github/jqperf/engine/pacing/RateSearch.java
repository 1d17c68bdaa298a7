package io.github.jqperf.engine.pacing;

/**
 * The search of {@code --find-rate} (pure; the caller runs the probes and keeps the time): the highest paced udp_bw
 * rate whose loss is at most a threshold.
 *
 * <ol>
 *   <li>Ceiling: one unpaced probe ({@link #nextRate()} returns {@link #UNPACED}), qperf's flood. If even the flood
 *       loses no more than the threshold, its send rate is the answer (no paced rate can send more) and the search
 *       is over.</li>
 *   <li>Otherwise the flood's send rate is a rate that loses too much ({@code hi}), and 0 the trivial good one
 *       ({@code lo}). The first paced probe is at what got through the flood (its receive rate, kept within 5 % to
 *       95 % of {@code hi}): usually close to the answer. Then bisection: a probe at {@code (lo + hi) / 2} moves
 *       {@code lo} up when its loss is within the threshold, else {@code hi} down.</li>
 *   <li>Done when {@code hi - lo} is within {@code resolution} of {@code hi} (e.g. 2 %); the caller also stops when
 *       its time budget leaves no room for another probe. The answer is {@code lo}: the highest probed rate that
 *       kept its loss within the threshold (0 when none did).</li>
 * </ol>
 * A probe whose loss is undefined (nothing was sent) counts as too lossy.
 */
public final class RateSearch {
    /** {@link #nextRate()}: run the next probe unpaced. */
    public static final long UNPACED = 0;
    /** {@link #nextRate()}: the search is over. */
    public static final long DONE = -1;

    private static final double FIRST_GUESS_MIN = 0.05;
    private static final double FIRST_GUESS_MAX = 0.95;

    private final double maxLossFraction;
    private final double resolution;
    private boolean ceilingKnown;
    private boolean done;
    private long lo;
    private long hi;
    private long guess = -1;
    private double loLoss = Double.NaN;
    private int probes;

    /**
     * @param maxLossFraction the loss a rate may have, in [0, 1] (0.001 = 0.1 %)
     * @param resolution      stop when {@code hi - lo <= resolution * hi}, in (0, 1)
     * @throws IllegalArgumentException on a value out of range
     */
    public RateSearch(final double maxLossFraction, final double resolution) {
        if (!(maxLossFraction >= 0 && maxLossFraction <= 1)) {
            throw new IllegalArgumentException("maxLossFraction must be in [0, 1], got " + maxLossFraction);
        }
        if (!(resolution > 0 && resolution < 1)) {
            throw new IllegalArgumentException("resolution must be in (0, 1), got " + resolution);
        }
        this.maxLossFraction = maxLossFraction;
        this.resolution = resolution;
    }

    /**
     * The rate of the next probe in bits per second: {@link #UNPACED} first, then a paced rate (&gt; 0), or
     * {@link #DONE}.
     */
    public long nextRate() {
        if (done) {
            return DONE;
        }
        if (!ceilingKnown) {
            return UNPACED;
        }
        if (guess > 0) {
            return guess;
        }
        return lo + (hi - lo) / 2;
    }

    /**
     * Records the outcome of the probe {@link #nextRate()} asked for.
     *
     * @param rateBitsPerSec     the rate it ran at ({@link #UNPACED} for the ceiling probe)
     * @param sendBitsPerSec     the send rate it measured, bits/s
     * @param recvBitsPerSec     the receive rate it measured, bits/s
     * @param lossFraction       its loss in [0, 1], NaN when undefined (nothing sent)
     * @return whether the probe's loss was within the threshold
     */
    public boolean record(
            final long rateBitsPerSec,
            final double sendBitsPerSec,
            final double recvBitsPerSec,
            final double lossFraction) {
        if (done) {
            throw new IllegalStateException("the search is over");
        }
        probes++;
        final boolean good = !Double.isNaN(lossFraction) && lossFraction <= maxLossFraction;
        if (!ceilingKnown) {
            ceilingKnown = true;
            final long ceiling = Math.max(0, Math.round(sendBitsPerSec));
            if (good || ceiling < 2) {
                lo = good ? ceiling : 0;
                loLoss = good ? lossFraction : Double.NaN;
                hi = ceiling;
                done = true;
                return good;
            }
            hi = ceiling;
            lo = 0;
            final double g = Math.max(FIRST_GUESS_MIN * hi, Math.min(FIRST_GUESS_MAX * hi, recvBitsPerSec));
            guess = Math.max(1, Math.round(g));
            return false;
        }
        guess = -1;
        if (good) {
            if (rateBitsPerSec > lo) {
                lo = rateBitsPerSec;
                loLoss = lossFraction;
            }
        } else {
            hi = Math.min(hi, rateBitsPerSec);
        }
        if (hi - lo <= resolution * hi || hi - lo < 2) {
            done = true;
        }
        return good;
    }

    /** Whether the search is over by itself (the caller's budget may end it earlier). */
    public boolean done() {
        return done;
    }

    /** The highest rate found so far whose loss was within the threshold, bits/s; 0 when none. */
    public long foundRate() {
        return lo;
    }

    /** The loss measured at {@link #foundRate()}, NaN when none was found. */
    public double foundLoss() {
        return loLoss;
    }

    /** The lowest rate known to lose too much (the flood's send rate at first), bits/s. */
    public long tooLossyRate() {
        return hi;
    }

    /** Probes recorded. */
    public int probes() {
        return probes;
    }
}
