package io.github.jqperf.engine.usage;

import java.util.List;

/**
 * Cumulative CPU and memory counters of one {@link Scope} at one instant. Counters only grow (unless the source was
 * reset, which {@link UsageCost} detects); two snapshots make a {@link UsageCost}.
 *
 * <p>A value that the source does not provide is {@link #ABSENT} (-1): a process has no throttling, a v2 cgroup
 * without the {@code cpu} controller has no {@code nr_periods}, a kernel before 5.19 has no {@code memory.peak}, a
 * file that was unreadable or odd (then {@link #notes()} says why, one line each). Limits may also be {@link
 * #UNLIMITED}.
 *
 * @param scope              where the counters come from
 * @param cpuNs              CPU time used, user + system, ns (v2 {@code usage_usec}, v1 {@code cpuacct.usage}, process
 *                           {@code utime + stime}, system: all non-idle ticks as qperf counts them)
 * @param userNs             user part, ns; tick-sampled by the kernel (10 ms granularity), so it may exceed
 *                           {@code cpuNs} slightly
 * @param systemNs           system part, ns; tick-sampled like {@code userNs}
 * @param nrPeriods          CFS bandwidth periods that had runnable tasks (v2 {@code nr_periods}, v1 {@code nr_periods})
 * @param nrThrottled        periods in which the quota ran out
 * @param throttledNs        total time throttled, ns (v2 {@code throttled_usec}, v1 {@code throttled_time})
 * @param cpuQuotaUsec       CPU quota per period, µs ({@link #UNLIMITED} for "max" / -1 in v1)
 * @param cpuPeriodUsec      the quota's period, µs
 * @param memoryCurrentBytes memory in use now (cgroup: page cache included; process: resident set, {@code VmRSS})
 * @param memoryPeakBytes    high-water mark of {@code memoryCurrentBytes} since the source was created or reset
 *                           ({@code memory.peak}, {@code memory.max_usage_in_bytes}, {@code VmHWM})
 * @param memoryLimitBytes   memory limit ({@link #UNLIMITED} when none)
 * @param notes              one-line diagnostics about odd or unreadable sources, empty when all was well
 */
public record UsageSnapshot(
        Scope scope,
        long cpuNs,
        long userNs,
        long systemNs,
        long nrPeriods,
        long nrThrottled,
        long throttledNs,
        long cpuQuotaUsec,
        long cpuPeriodUsec,
        long memoryCurrentBytes,
        long memoryPeakBytes,
        long memoryLimitBytes,
        List<String> notes) {
    /** A value the source does not provide. */
    public static final long ABSENT = -1L;
    /** A limit that is not set ({@code max} in v2, -1 or the page-rounded {@code LONG_MAX} in v1). */
    public static final long UNLIMITED = Long.MAX_VALUE;

    /** Copies {@code notes}. */
    public UsageSnapshot {
        notes = List.copyOf(notes);
    }

    /** The CPU limit in CPUs (quota / period), +Infinity when unlimited, NaN when unknown. */
    public double cpuLimitCpus() {
        if (cpuQuotaUsec == UNLIMITED) {
            return Double.POSITIVE_INFINITY;
        }
        if (cpuQuotaUsec < 0 || cpuPeriodUsec <= 0) {
            return Double.NaN;
        }
        return (double) cpuQuotaUsec / cpuPeriodUsec;
    }

    /** A snapshot with every value {@link #ABSENT} and the given notes. */
    public static UsageSnapshot absent(final Scope scope, final List<String> notes) {
        return new UsageSnapshot(
                scope, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, notes);
    }
}
