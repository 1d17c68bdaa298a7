package io.github.jqperf.engine.result;

import java.util.List;
import java.util.Optional;

/**
 * What a run recorded beyond qperf's STAT counters, as asked for with
 * {@link io.github.jqperf.engine.spec.MeasureOptions}: empty when not asked for or not available (a stock qperf
 * server does not report its process or cgroup figures).
 *
 * @param latency     the client's timed round trips (tcp_lat, udp_lat)
 * @param localUsage  this side's process and cgroup figures
 * @param remoteUsage the server's, when it is jqperf
 * @param intervals   the interval samples, in order
 */
public record Observations(
        Optional<LatencyDistribution> latency,
        Optional<UsageReport> localUsage,
        Optional<UsageReport> remoteUsage,
        List<IntervalSample> intervals) {
    /** Nothing recorded. */
    public static final Observations NONE =
            new Observations(Optional.empty(), Optional.empty(), Optional.empty(), List.of());

    /** Copies the list. */
    public Observations {
        intervals = List.copyOf(intervals);
    }
}
