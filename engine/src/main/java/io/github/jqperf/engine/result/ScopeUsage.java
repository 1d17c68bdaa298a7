package io.github.jqperf.engine.result;

/**
 * One side's CPU and memory use over a run, in one scope, in base units. A figure the source does not have (a
 * cgroup v1 tree without {@code memory.max_usage_in_bytes}, the process scope's throttling) is {@link #ABSENT}
 * ({@code -1}) for counts and bytes, {@code NaN} for the others.
 *
 * @param scope              {@code system} (qperf's {@code /proc/stat} view), {@code process} or {@code cgroup}
 * @param elapsedSeconds     the window the figures cover
 * @param cpuSeconds         CPU time used in the window (user + system)
 * @param userSeconds        its user part
 * @param systemSeconds      its system part
 * @param cpusUsed           {@code cpuSeconds / elapsedSeconds}
 * @param secPerGB           CPU seconds per 10^9 bytes this side moved (qperf's cost unit); NaN when none moved
 * @param nrPeriods          CFS bandwidth periods in the window
 * @param nrThrottled        periods in which the quota ran out
 * @param throttledSeconds   time throttled in the window
 * @param cpuLimitCpus       the CPU quota in CPUs (+Infinity when unlimited)
 * @param memoryCurrentBytes memory in use at the end of the window
 * @param memoryPeakBytes    high-water mark of memory use
 * @param memoryLimitBytes   memory limit ({@link Long#MAX_VALUE} when none)
 */
public record ScopeUsage(
        String scope,
        double elapsedSeconds,
        double cpuSeconds,
        double userSeconds,
        double systemSeconds,
        double cpusUsed,
        double secPerGB,
        long nrPeriods,
        long nrThrottled,
        double throttledSeconds,
        double cpuLimitCpus,
        long memoryCurrentBytes,
        long memoryPeakBytes,
        long memoryLimitBytes) {
    /** A count or byte figure the source does not have. */
    public static final long ABSENT = -1L;
}
