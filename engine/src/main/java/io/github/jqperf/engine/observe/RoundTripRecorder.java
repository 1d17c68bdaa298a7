package io.github.jqperf.engine.observe;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Records the client's round trips of tcp_lat and udp_lat into an HdrHistogram of one-way latencies (half the
 * round trip, like qperf's {@code latency}) in nanoseconds, 3 significant digits, 1 ns to 60 s (longer values are
 * clamped to 60 s), pre-sized: recording allocates nothing and never resizes.
 *
 * <p>The driver gives the timestamps (it owns the clock; the session reads none): {@link #start(long)} when the run
 * begins, then {@link #roundTrip(long)} each time a reply has fully arrived. A round trip is timed from the end of
 * the previous one (or the start) to the end of this one: one clock read per message, and the recorded values add
 * up to the run's time, as qperf's mean does.
 *
 * <p>Two forms. {@link #plain()} records into one histogram: one writer thread, read after the run.
 * {@link #sampled()} records through HdrHistogram's {@link SingleWriterRecorder} (a wait-free writer, two ordered
 * counter updates per value) so that an {@link IntervalSampler} on another thread can take each interval's
 * histogram while the run goes on ({@link #drainInterval()}); {@link #total()} adds up what was drained.
 */
public final class RoundTripRecorder {
    /** The longest one-way latency kept apart: 60 s (a value above it is recorded as 60 s). */
    public static final long HIGHEST_NANOS = 60_000_000_000L;
    /** Significant digits. */
    public static final int DIGITS = 3;

    private final Histogram histogram;
    private final SingleWriterRecorder recorder;
    /** The sum of the drained intervals ({@link #sampled()} only). */
    private final Histogram drained;

    private Histogram recycle;
    private long last;

    private RoundTripRecorder(final boolean sampled) {
        if (sampled) {
            histogram = null;
            recorder = new SingleWriterRecorder(1, HIGHEST_NANOS, DIGITS);
            drained = newHistogram();
        } else {
            histogram = newHistogram();
            recorder = null;
            drained = null;
        }
    }

    /** Records into one histogram, read after the run. */
    public static RoundTripRecorder plain() {
        return new RoundTripRecorder(false);
    }

    /** Records so that another thread can take interval histograms while the run goes on. */
    public static RoundTripRecorder sampled() {
        return new RoundTripRecorder(true);
    }

    /** A histogram of the recorder's range and precision, auto-resize off. */
    public static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_NANOS, DIGITS);
    }

    /** The run begins at {@code nowNanos} (a monotonic clock: {@code System.nanoTime()} in production). */
    public void start(final long nowNanos) {
        last = nowNanos;
    }

    /** A reply has fully arrived at {@code nowNanos}: records half the time since the previous one. */
    public void roundTrip(final long nowNanos) {
        final long oneWay = Math.min(Math.max(0, nowNanos - last) >>> 1, HIGHEST_NANOS);
        last = nowNanos;
        if (recorder != null) {
            recorder.recordValue(oneWay);
        } else {
            histogram.recordValue(oneWay);
        }
    }

    /**
     * {@link #sampled()} only, from the sampling thread: the values recorded since the previous call (a histogram
     * reused by the next call: read it before calling again), also added to {@link #total()}.
     *
     * @throws IllegalStateException for a {@link #plain()} recorder
     */
    public synchronized Histogram drainInterval() {
        if (recorder == null) {
            throw new IllegalStateException("a plain recorder has no intervals");
        }
        final Histogram h = recorder.getIntervalHistogram(recycle);
        drained.add(h);
        recycle = h;
        return h;
    }

    /**
     * Everything recorded so far, as a copy: call it after the run (a {@link #sampled()} recorder drains what is
     * left first).
     */
    public synchronized Histogram total() {
        if (recorder == null) {
            return histogram.copy();
        }
        drainInterval();
        return drained.copy();
    }

    /** {@link #sampled()} only: what the drained intervals add up to (not a copy: read it on the sampling thread). */
    synchronized Histogram drainedSoFar() {
        return drained;
    }
}
