package io.github.jqperf.engine.usage;

import java.util.function.Consumer;

/**
 * The aggregate {@code cpu} line of {@code /proc/stat} (proc(5)), in ticks ({@code USER_HZ}): the whole machine, as
 * qperf reads it (qperf's own figures come from {@code io.github.jqperf.engine.cpu.CpuSampler}; this record gives the
 * same source the {@link UsageSnapshot} shape).
 *
 * @param user    user
 * @param nice    nice
 * @param system  system
 * @param idle    idle
 * @param iowait  iowait
 * @param irq     irq
 * @param softirq softirq
 * @param steal   steal (0 when the kernel prints only seven numbers, as qperf assumes)
 */
public record ProcStatCpu(
        long user, long nice, long system, long idle, long iowait, long irq, long softirq, long steal) {
    /**
     * All non-idle ticks, qperf's {@code cpu_time}: user + nice + system + iowait + irq + softirq + steal (qperf counts
     * iowait as used).
     */
    public long busyTicks() {
        return user + nice + system + iowait + irq + softirq + steal;
    }

    /** As a {@link Scope#SYSTEM} snapshot: cpu = {@link #busyTicks()}, user = user + nice, system = system + irq + softirq. */
    public UsageSnapshot toSnapshot(final java.util.List<String> notes) {
        final long a = UsageSnapshot.ABSENT;
        return new UsageSnapshot(
                Scope.SYSTEM,
                Text.times(busyTicks(), ProcPidStat.NS_PER_TICK),
                Text.times(user + nice, ProcPidStat.NS_PER_TICK),
                Text.times(system + irq + softirq, ProcPidStat.NS_PER_TICK),
                a,
                a,
                a,
                a,
                a,
                a,
                a,
                a,
                notes);
    }

    /**
     * Parses the first line of {@code /proc/stat}.
     *
     * @param content the file (or its first line)
     * @param notes   receives a one-line diagnostic when the line is odd
     * @return the ticks, or null when there is no readable {@code cpu} line
     */
    public static ProcStatCpu parse(final String content, final Consumer<String> notes) {
        final int nl = content == null ? -1 : content.indexOf('\n');
        final String line = content == null ? "" : nl < 0 ? content : content.substring(0, nl);
        final String[] f = line.strip().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 8) {
            notes.accept("/proc/stat: expected \"cpu\" and at least 7 numbers, got " + Text.snippet(line));
            return null;
        }
        final long[] v = new long[8];
        for (int i = 0; i < 8; i++) {
            v[i] = i + 1 < f.length ? Text.parseNonNegative(f[i + 1]) : 0;
            if (v[i] < 0) {
                notes.accept(
                        "/proc/stat: field " + (i + 1) + " of the cpu line is not a number: " + Text.snippet(line));
                return null;
            }
        }
        if (busy(v) < 0) {
            notes.accept("/proc/stat: cpu tick sum overflows: " + Text.snippet(line));
            return null;
        }
        return new ProcStatCpu(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    private static long busy(final long[] v) {
        long sum = 0;
        for (int i = 0; i < 8; i++) {
            if (i != 3) {
                sum += v[i];
                if (sum < 0) {
                    return -1;
                }
            }
        }
        return sum;
    }
}
