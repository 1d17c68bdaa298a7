package io.github.jqperf.engine.usage;

import io.github.jqperf.engine.result.ScopeUsage;
import io.github.jqperf.engine.result.UsageReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pure conversion of the usage arithmetic ({@link UsageCost}, ns and counters) into the result types
 * ({@link ScopeUsage}, {@link UsageReport}: seconds, bytes, counts; absent figures {@link ScopeUsage#ABSENT} or NaN).
 */
public final class UsageReports {
    private static final double NS_PER_SEC = 1e9;

    private UsageReports() {}

    /**
     * One scope's figures in base units.
     *
     * @param c                the cost over the window
     * @param memoryLimitBytes the scope's memory limit at the end of the window ({@link UsageSnapshot#UNLIMITED} when
     *                         none, {@link UsageSnapshot#ABSENT} unknown)
     * @return the figures; never null
     */
    public static ScopeUsage scopeUsage(final UsageCost c, final long memoryLimitBytes) {
        return new ScopeUsage(
                c.scope().name().toLowerCase(Locale.ROOT),
                c.elapsedNs() / NS_PER_SEC,
                seconds(c.cpuNs()),
                seconds(c.userNs()),
                seconds(c.systemNs()),
                c.cpusUsed(),
                c.secPerGB(),
                count(c.nrPeriods()),
                count(c.nrThrottled()),
                seconds(c.throttledNs()),
                c.cpuLimitCpus(),
                count(c.memoryCurrentBytes()),
                count(c.memoryPeakBytes()),
                memoryLimitBytes == UsageSnapshot.UNLIMITED ? Long.MAX_VALUE : count(memoryLimitBytes));
    }

    /**
     * A side's report between two samples: the {@code process}, {@code cgroup} and {@code system} scopes in that
     * order, the notes of all three (without repeats).
     *
     * @param before        the sample at the run's start
     * @param after         the sample at its end (later than {@code before})
     * @param bytesSent     the bytes this side sent in the run (its STAT)
     * @param bytesReceived the bytes it received
     * @param extraNotes    notes to add first (e.g. where the cgroup is)
     * @return the report
     */
    public static UsageReport report(
            final UsageSample before,
            final UsageSample after,
            final long bytesSent,
            final long bytesReceived,
            final List<String> extraNotes) {
        final List<ScopeUsage> scopes = new ArrayList<>(3);
        final List<String> notes = new ArrayList<>(extraNotes);
        if (after.monotonicNs() - before.monotonicNs() <= 0) {
            notes.add("usage: the run's window is empty: no figures");
            return new UsageReport(List.of(), notes);
        }
        for (final Scope s : new Scope[] {Scope.PROCESS, Scope.CGROUP, Scope.SYSTEM}) {
            final UsageCost c = UsageCost.between(before, after, s, clamp(bytesSent), clamp(bytesReceived));
            scopes.add(scopeUsage(c, after.of(s).memoryLimitBytes()));
            for (final String n : c.notes()) {
                if (!notes.contains(n)) {
                    notes.add(n);
                }
            }
        }
        return new UsageReport(scopes, notes);
    }

    /**
     * One line saying where the cgroup figures come from, e.g. {@code "cgroup: cpu /sys/fs/cgroup/cpu/x (v1), ..."};
     * a root path ({@code /}) is named as machine-wide unless a cgroup namespace hides it.
     */
    public static String describe(final CgroupLocation where) {
        if (where.layout() == CgroupLocation.Layout.NONE) {
            return "cgroup: none found";
        }
        final StringBuilder b =
                new StringBuilder("cgroup ").append(where.layout().name().toLowerCase(Locale.ROOT));
        where.cpuacct().ifPresent(d -> append(b, "cpuacct", d));
        where.cpu().ifPresent(d -> append(b, "cpu", d));
        where.memory().ifPresent(d -> append(b, "memory", d));
        return b.toString();
    }

    private static void append(final StringBuilder b, final String role, final CgroupLocation.ControllerDir d) {
        b.append(", ").append(role).append(' ').append(d.cgroupPath()).append(d.v2() ? " (v2)" : " (v1)");
    }

    private static long clamp(final long bytes) {
        return Math.max(0, bytes);
    }

    private static double seconds(final long ns) {
        return ns < 0 ? Double.NaN : ns / NS_PER_SEC;
    }

    private static long count(final long v) {
        return v < 0 ? ScopeUsage.ABSENT : v;
    }
}
