package io.github.jqperf.engine.spec;

/**
 * What a measurement records beyond qperf's figures. Everything is off by default: a test run with
 * {@link #NONE} is exactly qperf's (the same bytes on the wire, the same data-path loop). None of these options
 * changes a byte a stock qperf peer sees.
 *
 * <p>Immutable; build it with the withers, e.g. {@code MeasureOptions.NONE.withLatencyRecording(true)}.
 */
public final class MeasureOptions {
    /** Nothing beyond qperf. */
    public static final MeasureOptions NONE = new MeasureOptions(false, 0, 0, false);

    private final boolean latencyRecording;
    private final long intervalNanos;
    private final long rateBitsPerSec;
    private final boolean usage;

    private MeasureOptions(
            final boolean latencyRecording, final long intervalNanos, final long rateBitsPerSec, final boolean usage) {
        this.latencyRecording = latencyRecording;
        this.intervalNanos = intervalNanos;
        this.rateBitsPerSec = rateBitsPerSec;
        this.usage = usage;
    }

    /** Whether the client times every round trip of tcp_lat and udp_lat into a latency distribution. */
    public boolean latencyRecording() {
        return latencyRecording;
    }

    /** With or without per-round-trip timing (tcp_lat, udp_lat; ignored by the bandwidth tests). */
    public MeasureOptions withLatencyRecording(final boolean on) {
        return new MeasureOptions(on, intervalNanos, rateBitsPerSec, usage);
    }

    /** The length of an interval sample in nanoseconds; 0 = no interval samples. */
    public long intervalNanos() {
        return intervalNanos;
    }

    /**
     * With interval samples every {@code nanos} nanoseconds (0 = none).
     *
     * @throws IllegalArgumentException when negative
     */
    public MeasureOptions withIntervalNanos(final long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("interval must be >= 0 ns, got " + nanos);
        }
        return new MeasureOptions(latencyRecording, nanos, rateBitsPerSec, usage);
    }

    /** udp_bw's pacing rate in bits per second; 0 = unpaced (qperf's flood). */
    public long rateBitsPerSec() {
        return rateBitsPerSec;
    }

    /**
     * With udp_bw's sender paced to {@code bitsPerSec} (0 = unpaced).
     *
     * @throws IllegalArgumentException when negative or above {@link PacingRate#MAX_BITS_PER_SEC}
     */
    public MeasureOptions withRateBitsPerSec(final long bitsPerSec) {
        if (bitsPerSec < 0 || bitsPerSec > PacingRate.MAX_BITS_PER_SEC) {
            throw new IllegalArgumentException("rate must be in [0, " + PacingRate.MAX_BITS_PER_SEC + "] bits/s");
        }
        return new MeasureOptions(latencyRecording, intervalNanos, bitsPerSec, usage);
    }

    /**
     * Whether each side measures its process and cgroup CPU and memory over the run (beside qperf's system-wide
     * figures), and the client asks a jqperf server for its side's figures.
     */
    public boolean usage() {
        return usage;
    }

    /** With or without the process and cgroup scopes. */
    public MeasureOptions withUsage(final boolean on) {
        return new MeasureOptions(latencyRecording, intervalNanos, rateBitsPerSec, on);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof MeasureOptions m
                && latencyRecording == m.latencyRecording
                && intervalNanos == m.intervalNanos
                && rateBitsPerSec == m.rateBitsPerSec
                && usage == m.usage;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(latencyRecording, intervalNanos, rateBitsPerSec, usage);
    }

    @Override
    public String toString() {
        return "MeasureOptions[latencyRecording=" + latencyRecording + ", intervalNanos=" + intervalNanos
                + ", rateBitsPerSec=" + rateBitsPerSec + ", usage=" + usage + "]";
    }
}
