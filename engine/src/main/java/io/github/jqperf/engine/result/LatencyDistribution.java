package io.github.jqperf.engine.result;

/**
 * The distribution of one-way latencies (half of each timed round trip, like qperf's {@code latency}) of a tcp_lat
 * or udp_lat run, as the client timed them. All figures are in seconds.
 *
 * @param count        round trips timed
 * @param minSeconds   the shortest
 * @param meanSeconds  the mean of the timed round trips (close to, but not the same figure as, qperf's
 *                     {@code latency}, which divides the run time by the messages)
 * @param p50Seconds   median
 * @param p90Seconds   90th percentile
 * @param p99Seconds   99th percentile
 * @param p999Seconds  99.9th percentile
 * @param p9999Seconds 99.99th percentile
 * @param maxSeconds   the longest
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
        double maxSeconds) {}
