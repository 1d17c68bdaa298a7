package io.github.jqperf.engine.usage;

import java.util.ArrayList;
import java.util.List;

/**
 * What one side used between two {@link UsageSnapshot}s of one {@link Scope}: pure arithmetic.
 *
 * <p>Absent inputs give absent outputs: {@link UsageSnapshot#ABSENT} for counts and times, {@code NaN} for ratios. A
 * counter that went backwards (the cgroup was re-created, {@code memory.max_usage_in_bytes} was reset) is absent with
 * a note.
 *
 * @param scope              the snapshots' scope
 * @param elapsedNs          wall time between the snapshots, ns
 * @param cpuNs              CPU time used in the interval, ns
 * @param userNs             its user part (tick-sampled, see {@link UsageSnapshot#userNs()})
 * @param systemNs           its system part
 * @param cpusUsed           {@code cpuNs / elapsedNs}: 1.0 = one CPU busy for the whole interval (qperf prints this
 *                           ×100 as "% cpus")
 * @param secPerGB           qperf's cost unit: CPU seconds per 10^9 bytes moved ({@code bytesSent + bytesReceived});
 *                           NaN when no bytes moved
 * @param nrPeriods          CFS periods in the interval
 * @param nrThrottled        periods in which the quota ran out
 * @param throttledNs        time throttled in the interval, ns
 * @param cpuLimitCpus       the quota at the end, in CPUs (+Infinity unlimited, NaN unknown)
 * @param memoryCurrentBytes memory in use at the end
 * @param memoryPeakBytes    the source's high-water mark at the end: since the process or cgroup started, not only
 *                           this interval, unless the source was reset at the start
 * @param notes              one-line diagnostics: both snapshots' notes (without repeats) and this calculation's
 */
public record UsageCost(
        Scope scope,
        long elapsedNs,
        long cpuNs,
        long userNs,
        long systemNs,
        double cpusUsed,
        double secPerGB,
        long nrPeriods,
        long nrThrottled,
        long throttledNs,
        double cpuLimitCpus,
        long memoryCurrentBytes,
        long memoryPeakBytes,
        List<String> notes) {
    private static final double NS_PER_SEC = 1e9;
    private static final double BYTES_PER_GB = 1e9;

    /** Copies {@code notes}. */
    public UsageCost {
        notes = List.copyOf(notes);
    }

    /** The fraction of throttled periods (0..1), NaN when there were none or it is unknown. */
    public double throttledFraction() {
        return nrPeriods > 0 && nrThrottled >= 0 ? (double) nrThrottled / nrPeriods : Double.NaN;
    }

    /**
     * The usage between two samples of one scope, timed by the samples' own clock readings.
     *
     * @throws IllegalArgumentException when {@code after} is not later than {@code before} or a byte count is negative
     */
    public static UsageCost between(
            final UsageSample before,
            final UsageSample after,
            final Scope scope,
            final long bytesSent,
            final long bytesReceived) {
        return between(
                before.of(scope),
                after.of(scope),
                after.monotonicNs() - before.monotonicNs(),
                bytesSent,
                bytesReceived);
    }

    /**
     * The usage between two snapshots.
     *
     * @param before        the earlier snapshot
     * @param after         the later snapshot, same scope
     * @param elapsedNs     wall time between them, ns, &gt; 0
     * @param bytesSent     bytes this side sent in the interval (payload, as qperf counts), &ge; 0
     * @param bytesReceived bytes this side received, &ge; 0
     * @return the cost; never null
     * @throws IllegalArgumentException on different scopes, {@code elapsedNs <= 0} or negative byte counts
     */
    public static UsageCost between(
            final UsageSnapshot before,
            final UsageSnapshot after,
            final long elapsedNs,
            final long bytesSent,
            final long bytesReceived) {
        if (before.scope() != after.scope()) {
            throw new IllegalArgumentException(
                    "snapshots of different scopes: " + before.scope() + ", " + after.scope());
        }
        if (elapsedNs <= 0) {
            throw new IllegalArgumentException("elapsedNs must be > 0, got " + elapsedNs);
        }
        if (bytesSent < 0 || bytesReceived < 0 || bytesSent + bytesReceived < 0) {
            throw new IllegalArgumentException(
                    "byte counts must be >= 0, got " + bytesSent + " sent, " + bytesReceived + " received");
        }
        final List<String> notes = new ArrayList<>(before.notes());
        for (final String n : after.notes()) {
            if (!notes.contains(n)) {
                notes.add(n);
            }
        }
        final long cpuNs = delta("cpu", before.cpuNs(), after.cpuNs(), notes);
        final long userNs = delta("user", before.userNs(), after.userNs(), notes);
        final long systemNs = delta("system", before.systemNs(), after.systemNs(), notes);
        final long nrPeriods = delta("nr_periods", before.nrPeriods(), after.nrPeriods(), notes);
        final long nrThrottled = delta("nr_throttled", before.nrThrottled(), after.nrThrottled(), notes);
        final long throttledNs = delta("throttled", before.throttledNs(), after.throttledNs(), notes);
        final double cpusUsed = cpuNs < 0 ? Double.NaN : (double) cpuNs / elapsedNs;
        final long bytes = bytesSent + bytesReceived;
        final double secPerGB = cpuNs < 0 || bytes == 0 ? Double.NaN : cpuNs / NS_PER_SEC * BYTES_PER_GB / bytes;
        return new UsageCost(
                after.scope(),
                elapsedNs,
                cpuNs,
                userNs,
                systemNs,
                cpusUsed,
                secPerGB,
                nrPeriods,
                nrThrottled,
                throttledNs,
                after.cpuLimitCpus(),
                after.memoryCurrentBytes(),
                after.memoryPeakBytes(),
                notes);
    }

    private static long delta(final String name, final long before, final long after, final List<String> notes) {
        if (before < 0 || after < 0) {
            return UsageSnapshot.ABSENT;
        }
        if (after < before) {
            notes.add(name + ": counter went backwards (" + before + " -> " + after + "): source reset?");
            return UsageSnapshot.ABSENT;
        }
        return after - before;
    }
}
