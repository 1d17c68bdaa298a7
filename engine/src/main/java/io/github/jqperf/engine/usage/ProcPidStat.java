package io.github.jqperf.engine.usage;

import java.util.function.Consumer;

/**
 * The CPU times of {@code /proc/[pid]/stat} (proc(5)): field 14 {@code utime} and field 15 {@code stime}, in clock
 * ticks ({@code USER_HZ}, 100 per second on Linux).
 *
 * <p>Why this file: it covers every thread of the process, including threads that have exited (the kernel sums the
 * thread group's runtime), and it splits user from system. Its resolution is one tick (10 ms), which is 0.5 % of a
 * 2 s test. The alternatives are worse: {@code /proc/self/schedstat} is precise (ns) but covers only the main thread
 * (it is per task), summing {@code /proc/self/task/*}{@code /schedstat} or {@code ThreadMXBean} misses exited threads,
 * and JDK 17's {@code OperatingSystemMXBean.getProcessCpuTime()} is {@code times()}, the same 10 ms ticks without the
 * split (measured: it advances in steps of 10,000,000 ns).
 *
 * @param userTicks   {@code utime}
 * @param systemTicks {@code stime}
 */
public record ProcPidStat(long userTicks, long systemTicks) {
    /** {@code USER_HZ}: the unit of the tick fields (fixed at 100 by the Linux ABI on x86 and arm64). */
    public static final long TICKS_PER_SECOND = 100;
    /** Nanoseconds per tick. */
    public static final long NS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;

    private static final int UTIME_AFTER_COMM = 11; // field 14, counted from field 3 (the first after "(comm)")
    private static final int STIME_AFTER_COMM = 12; // field 15

    /** {@code utime} in ns (ABSENT if absent). */
    public long userNs() {
        return Text.times(userTicks, NS_PER_TICK);
    }

    /** {@code stime} in ns (ABSENT if absent). */
    public long systemNs() {
        return Text.times(systemTicks, NS_PER_TICK);
    }

    /**
     * Parses the file's single line. The command name (field 2) is in parentheses and may itself contain spaces and
     * parentheses, so the fields are counted from the last {@code ')'}.
     *
     * @param content the file's content
     * @param notes   receives a one-line diagnostic when the content is odd
     * @return the times, each {@link UsageSnapshot#ABSENT} if it could not be read
     */
    public static ProcPidStat parse(final String content, final Consumer<String> notes) {
        final int close = content == null ? -1 : content.lastIndexOf(')');
        if (close < 0) {
            notes.accept("/proc/self/stat: no \"(comm)\" field in " + Text.snippet(content));
            return new ProcPidStat(UsageSnapshot.ABSENT, UsageSnapshot.ABSENT);
        }
        final String[] f = content.substring(close + 1).strip().split("\\s+");
        if (f.length <= STIME_AFTER_COMM) {
            notes.accept("/proc/self/stat: only " + (f.length + 2) + " fields, utime/stime are fields 14/15");
            return new ProcPidStat(UsageSnapshot.ABSENT, UsageSnapshot.ABSENT);
        }
        final long user = Text.parseNonNegative(f[UTIME_AFTER_COMM]);
        final long system = Text.parseNonNegative(f[STIME_AFTER_COMM]);
        if (user < 0 || system < 0) {
            notes.accept("/proc/self/stat: utime/stime are not numbers: "
                    + Text.snippet(f[UTIME_AFTER_COMM] + " " + f[STIME_AFTER_COMM]));
        }
        return new ProcPidStat(user, system);
    }
}
