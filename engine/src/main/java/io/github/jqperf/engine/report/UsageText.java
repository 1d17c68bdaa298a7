package io.github.jqperf.engine.report;

import io.github.jqperf.engine.result.Observations;
import io.github.jqperf.engine.result.ScopeUsage;
import io.github.jqperf.engine.result.UsageReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lines {@code --cpu-scope} adds (docs/cpu-memory.md), in qperf's naming and units: {@code loc_}/{@code rem_}, the
 * scope, then the figure — {@code cpus_used}, {@code cpus_user}, {@code cpus_kernel} in {@code % cpus},
 * {@code cpu_time} and {@code throttled_time} as times, {@code cost} in {@code sec/GB} (CPU time per 10^9 bytes this
 * side moved, like {@code send_cost}), {@code cpu_limit} in {@code % cpus}, {@code nr_periods} and
 * {@code nr_throttled} as counts, {@code memory}, {@code memory_peak} and {@code memory_limit} in decimal
 * {@code KB}/{@code MB}/{@code GB}. A figure the source does not have is left out; a zero is shown (0 throttled
 * periods is an answer). Pure.
 */
final class UsageText {
    private static final double THOUSAND = 1000;
    private static final String[] MEMORY_UNITS = {"bytes", "KB", "MB", "GB", "TB"};

    /** One line: its name and value. */
    record Line(String name, ValueText value) {}

    private UsageText() {}

    /**
     * The added lines.
     *
     * @param scope            what to show; {@link CpuScope#SYSTEM} gives none
     * @param observed         the run's observations (local and remote usage reports)
     * @param locSystemCpus    qperf's {@code loc_cpus_used} (shown as {@code loc_system_cpus_used} with ALL)
     * @param remSystemCpus    qperf's {@code rem_cpus_used}
     * @param o                unit options
     * @return the lines in print order
     */
    static List<Line> lines(
            final CpuScope scope,
            final Observations observed,
            final double locSystemCpus,
            final double remSystemCpus,
            final OutputOptions o) {
        final List<Line> out = new ArrayList<>();
        if (scope == CpuScope.SYSTEM) {
            return out;
        }
        side(out, "loc_", scope, observed.localUsage(), locSystemCpus, o);
        side(out, "rem_", scope, observed.remoteUsage(), remSystemCpus, o);
        return out;
    }

    private static void side(
            final List<Line> out,
            final String side,
            final CpuScope scope,
            final Optional<UsageReport> report,
            final double systemCpus,
            final OutputOptions o) {
        if (scope == CpuScope.ALL && systemCpus > 0) {
            out.add(new Line(side + "system_cpus_used", QperfNumbers.cpus(systemCpus, o)));
        }
        if (report.isEmpty()) {
            return;
        }
        final UsageReport r = report.get();
        if (r.scopes().isEmpty()) {
            final String why = r.notes().isEmpty() ? "unavailable" : r.notes().get(0);
            out.add(new Line(
                    side + "usage", ValueText.text(why.replaceFirst("^remote usage unavailable: ", "unavailable: "))));
            return;
        }
        for (final ScopeUsage s : r.scopes()) {
            final boolean wanted = switch (s.scope()) {
                case "process" -> scope == CpuScope.PROCESS || scope == CpuScope.ALL;
                case "cgroup" -> scope == CpuScope.CGROUP || scope == CpuScope.ALL;
                default -> false; // system: qperf's own lines (above with ALL)
            };
            if (wanted) {
                scope(out, side + s.scope() + "_", s, o);
            }
        }
    }

    private static void scope(final List<Line> out, final String p, final ScopeUsage s, final OutputOptions o) {
        if (present(s.cpusUsed())) {
            out.add(new Line(p + "cpus_used", QperfNumbers.cpus(s.cpusUsed(), o)));
        }
        if (present(s.userSeconds()) && s.elapsedSeconds() > 0) {
            out.add(new Line(p + "cpus_user", QperfNumbers.cpus(s.userSeconds() / s.elapsedSeconds(), o)));
        }
        if (present(s.systemSeconds()) && s.elapsedSeconds() > 0) {
            out.add(new Line(p + "cpus_kernel", QperfNumbers.cpus(s.systemSeconds() / s.elapsedSeconds(), o)));
        }
        if (present(s.cpuSeconds())) {
            out.add(new Line(p + "cpu_time", QperfNumbers.time(s.cpuSeconds(), o)));
        }
        if (present(s.secPerGB())) {
            out.add(new Line(p + "cost", QperfNumbers.cost(s.secPerGB(), o)));
        }
        if (Double.isInfinite(s.cpuLimitCpus())) {
            out.add(new Line(p + "cpu_limit", ValueText.text("unlimited")));
        } else if (present(s.cpuLimitCpus())) {
            out.add(new Line(p + "cpu_limit", QperfNumbers.cpus(s.cpuLimitCpus(), o)));
        }
        if (s.nrPeriods() >= 0) {
            out.add(new Line(p + "nr_periods", QperfNumbers.count(s.nrPeriods(), o)));
        }
        if (s.nrThrottled() >= 0) {
            out.add(new Line(p + "nr_throttled", QperfNumbers.count(s.nrThrottled(), o)));
        }
        if (present(s.throttledSeconds())) {
            out.add(new Line(p + "throttled_time", QperfNumbers.time(s.throttledSeconds(), o)));
        }
        if (s.memoryCurrentBytes() >= 0) {
            out.add(new Line(p + "memory", memory(s.memoryCurrentBytes(), o)));
        }
        if (s.memoryPeakBytes() >= 0) {
            out.add(new Line(p + "memory_peak", memory(s.memoryPeakBytes(), o)));
        }
        if (s.memoryLimitBytes() >= 0 && s.memoryLimitBytes() != Long.MAX_VALUE) {
            out.add(new Line(p + "memory_limit", memory(s.memoryLimitBytes(), o)));
        }
    }

    private static boolean present(final double v) {
        return !Double.isNaN(v) && !Double.isInfinite(v);
    }

    /** Bytes in decimal units ({@code 541 MB}), qperf's significant digits; with {@code -uu} unscaled bytes. */
    static ValueText memory(final long bytes, final OutputOptions o) {
        double v = bytes;
        int n = 0;
        if (!o.unifyUnits()) {
            while (v >= THOUSAND && n < MEMORY_UNITS.length - 1) {
                v /= THOUSAND;
                n++;
            }
        }
        return ValueText.of(QperfNumbers.placeVal(v, o), MEMORY_UNITS[n]);
    }
}
