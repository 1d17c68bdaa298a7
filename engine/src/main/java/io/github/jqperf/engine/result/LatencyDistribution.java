package io.github.jqperf.engine.result;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * The distribution of one-way latencies (half of each timed round trip, like qperf's {@code latency}) of a tcp_lat
 * or udp_lat run, as the client timed them (docs/latency.md). All figures are in seconds.
 *
 * <p>Each round trip is timed from the end of the previous one (the first from the start of the run) to the end
 * of this one, so the recorded round trips add up to the run's time and the mean is qperf's {@code latency} figure
 * seen from the client's clock.
 *
 * @param count        round trips timed
 * @param minSeconds   the shortest
 * @param meanSeconds  the mean of the timed round trips, halved (close to, but not the same figure as, qperf's
 *                     {@code latency}, which divides the run time by the messages)
 * @param p50Seconds   median
 * @param p90Seconds   90th percentile
 * @param p99Seconds   99th percentile
 * @param p999Seconds  99.9th percentile
 * @param p9999Seconds 99.99th percentile
 * @param maxSeconds   the longest
 * @param histogram    the one-way latencies in nanoseconds (HdrHistogram, 3 significant digits, 1 ns to 60 s;
 *                     longer round trips are clamped to 60 s), for {@code --hdr-log} and any other percentile;
 *                     treat it as read-only
 */
public record LatencyDistribution(
        long count,
        double minSeconds,
        double meanSeconds,
        double p50Seconds,
        double p90Seconds,
        double p99Seconds,
        double p999Seconds,
        double p9999Seconds,
        double maxSeconds,
        Histogram histogram) {
    private static final double NS = 1e-9;

    /** Checks the histogram is there. */
    public LatencyDistribution {
        Objects.requireNonNull(histogram, "histogram");
    }

    /**
     * The figures of a histogram of one-way latencies in nanoseconds (it is copied).
     *
     * @param oneWayNanos the recorded one-way latencies
     * @return the distribution
     */
    public static LatencyDistribution of(final Histogram oneWayNanos) {
        final Histogram h = oneWayNanos.copy();
        final boolean empty = h.getTotalCount() == 0;
        return new LatencyDistribution(
                h.getTotalCount(),
                empty ? 0 : h.getMinValue() * NS,
                empty ? 0 : h.getMean() * NS,
                at(h, 50),
                at(h, 90),
                at(h, 99),
                at(h, 99.9),
                at(h, 99.99),
                empty ? 0 : h.getMaxValue() * NS,
                h);
    }

    /**
     * The one-way latency below which {@code percentile} percent of the timed round trips stayed (HdrHistogram's
     * {@code getValueAtPercentile}: the highest value equivalent to the bucket, 3 significant digits).
     *
     * @param percentile 0 &lt;= percentile &lt;= 100
     * @return seconds; 0 when nothing was timed
     */
    public double percentileSeconds(final double percentile) {
        return at(histogram, percentile);
    }

    private static double at(final Histogram h, final double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) * NS;
    }
}
