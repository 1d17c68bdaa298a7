package io.github.jqperf.scenarios.report;

import io.github.jqperf.scenarios.Scenario;
import io.github.jqperf.scenarios.results.Cell;
import io.github.jqperf.scenarios.results.Results;
import io.github.jqperf.scenarios.results.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the report's blocks from saved results. Pure: the same results give the same report. */
public final class ReportBuilder {

    /** The tools in report order. */
    static final List<String> TOOLS = List.of("qperf", "jqperf");
    /** The figures compared between jqperf and stock qperf. */
    static final List<String> COMPARED = List.of(
            "tcp_bw.bw",
            "udp_bw.send_bw",
            "udp_bw.recv_bw",
            "tcp_lat.latency",
            "udp_lat.latency",
            "tcp_bw.send_cost",
            "tcp_bw.recv_cost",
            "udp_bw.send_cost",
            "udp_bw.recv_cost");

    /** Chart of bandwidth by scenario. */
    public static final String BANDWIDTH_PNG = "bandwidth.png";
    /** Chart of latency by scenario. */
    public static final String LATENCY_PNG = "latency.png";

    private ReportBuilder() {}

    /**
     * A sweep chart's file name.
     *
     * @param scenario the scenario
     * @return e.g. {@code sweep-node-to-node.png}
     */
    public static String sweepPng(final String scenario) {
        return "sweep-" + scenario + ".png";
    }

    /**
     * The tool's name in reports.
     *
     * @param tool {@code qperf} or {@code jqperf}
     * @return {@code stock qperf} or {@code jqperf}
     */
    static String label(final String tool) {
        return "qperf".equals(tool) ? "stock qperf" : tool;
    }

    /**
     * The scenarios that appear in the results, in the overlays' order.
     *
     * @param results saved results
     * @return the scenarios
     */
    static List<Scenario> scenarios(final Results results) {
        final List<String> names = results.settings().scenarios();
        return Scenario.ALL.stream().filter(s -> names.contains(s.name())).toList();
    }

    /**
     * Builds the report.
     *
     * @param results saved results
     * @return its blocks
     */
    public static List<Doc.Block> build(final Results results) {
        final Stats stats = new Stats(results);
        final Settings set = results.settings();
        final List<Scenario> scenarios = scenarios(results);
        final List<Doc.Block> d = new ArrayList<>();
        final List<Cell> failed = results.cells().stream().filter(Cell::failed).toList();
        final List<String> flagged = new ArrayList<>();
        final List<List<String>> versus = versus(stats, scenarios, flagged);

        final boolean testbed = localTestbed(results);
        final boolean cluster = cluster(results);
        final String sharing = testbed
                ? " Client and server share one machine, so a system-wide figure counts both sides and everything"
                        + " else running."
                : " A system-wide figure counts everything running on that side's node.";
        d.add(new Doc.Heading(
                1,
                "jqperf scenarios: five paths "
                        + (testbed ? "on the local testbed" : cluster ? "on a Kubernetes cluster" : "measured")));
        d.add(new Doc.Para("Started " + results.started() + ", finished " + results.finished() + ". "
                + set.rounds() + (set.rounds() == 1 ? " round" : " rounds") + " per scenario and tool, `-t "
                + set.seconds() + "`, "
                + (set.sweepLoop() == null ? "no message-size sweep" : "sweep `-oo " + set.sweepLoop() + "`")
                + (set.quick() ? " (`--quick`)" : "") + ". Command: `"
                + results.commandLine() + "`."));
        d.add(new Doc.Para("Where the roles ran: " + set.placement() + ". CPU pinning: " + set.pinning() + "."));
        d.add(new Doc.Bullets(List.of(
                "cells: " + results.cells().size() + ", failed: " + failed.size(),
                "jqperf figures outside stock qperf's round-to-round spread: "
                        + (set.rounds() < 2
                                ? "not judged (one round has no spread)"
                                : flagged.size() + " of " + judged(versus) + " judged"
                                        + (flagged.isEmpty()
                                                ? ""
                                                : " (listed with their spreads under \"jqperf against"
                                                        + " stock qperf\")")),
                ScopeTables.any(stats, scenarios)
                        ? "CPU and memory: jqperf clients ran with `--cpu-scope all`: the jqperf process's and its"
                                + " cgroup's CPU and memory, for client and server, beside qperf's system-wide"
                                + " figures (`/proc/stat`). Stock qperf has no such scopes: its cells are system-wide"
                                + " only."
                                + sharing
                        : "CPU and memory: system-wide figures only (`/proc/stat`), for both tools: these results"
                                + " hold no process or cgroup figures (jqperf's clients ran without `--cpu-scope"
                                + " all`, as before the runner asked for them), so those columns show n/a."
                                + sharing)));

        d.add(new Doc.Heading(2, "Scenarios"));
        int i = 1;
        for (final Scenario s : scenarios) {
            d.add(new Doc.Heading(3, i++ + ". " + s.name()));
            d.add(new Doc.Para(
                    testbed
                            ? "Client in " + s.client().id() + ", server in "
                                    + s.server().id() + " at `"
                                    + s.target() + "` (overlay `" + s.overlay() + "`). Path: " + s.path() + "."
                                    + (s.note().isEmpty() ? "" : " Note: " + s.note() + ".")
                            : "Client in " + s.client().id() + ", server in "
                                    + s.server().id() + " (overlay `"
                                    + s.overlay() + "`; a pod's letter is its node, A or B; a node role is a"
                                    + " hostNetwork pod). The client connects to the server pod's IP (the node's IP"
                                    + " with hostNetwork): no Service in the path."));
            for (final String tool : TOOLS) {
                d.add(new Doc.Pre(block(stats, s.name(), tool)));
            }
            d.addAll(ScopeTables.scenario(stats, s, localTestbed(results)));
        }

        d.add(new Doc.Heading(2, "Against the node-to-node baseline"));
        d.add(new Doc.Para("Medians of the rounds. × is the scenario's figure over node-to-node's; Δ is the latency"
                + " added to node-to-node's, in µs. Costs are CPU time per GB moved (lower is better); CPUs used are"
                + " qperf's `send_cpus_used`/`recv_cpus_used` (bandwidth) and `loc_cpus_used`/`rem_cpus_used`"
                + " (latency)."));
        for (final String tool : TOOLS) {
            d.add(new Doc.Heading(3, label(tool)));
            d.add(bandwidthTable(stats, scenarios, tool));
            d.add(latencyTable(stats, scenarios, tool));
            if ("qperf".equals(tool)) {
                d.add(new Doc.Para("Stock qperf measures CPU system-wide only (`/proc/stat`): it has no process or"
                        + " cgroup scope, so the two tables above are all it can say about cost."));
            } else {
                d.add(new Doc.Para("jqperf by scope, each cell client / server: tcp_bw's cost (CPU time per GB"
                        + " moved) against node-to-node's, system-wide and for the jqperf process alone; then the"
                        + " process's and the cgroup's own cost, CPUs used (100 % = one CPU busy) and memory peak. The"
                        + " cgroup scope is the pod's own cgroup for a pod; for a node process see each scenario"
                        + (testbed
                                ? " (on the local testbed it has none, so the baseline has no cgroup figure to divide"
                                        + " by)."
                                : " (on a cluster a hostNetwork pod has its own cgroup too).")
                        + (ScopeTables.any(stats, scenarios)
                                ? ""
                                : " n/a: these results hold no process or cgroup figures (jqperf ran without"
                                        + " `--cpu-scope all`).")));
                d.add(ScopeTables.baseline(stats, scenarios));
            }
        }

        d.add(new Doc.Heading(2, "jqperf against stock qperf"));
        d.add(new Doc.Para("Per path and figure: the median of each tool's rounds [min – max], the ratio of the"
                + " medians, and whether jqperf's median lies within stock qperf's own round-to-round spread (its"
                + " min–max)."));
        d.add(new Doc.Table(
                List.of("scenario", "figure", "stock qperf", "jqperf", "jqperf / stock", "within stock's spread"),
                versus));
        if (!flagged.isEmpty()) {
            d.add(new Doc.Para("Flagged (jqperf's median outside stock qperf's min–max), each with the figure, the"
                    + " ratio of the medians and both tools' round-to-round spreads:"));
            d.add(new Doc.Bullets(flagged));
            d.add(new Doc.Para("How to read a flag: it says that in this run jqperf's median fell outside the range"
                    + " stock qperf's own rounds covered, not why. With few rounds that range is narrow (two or three"
                    + " samples); when both tools' max / min are wide, the figure is noise-bound on this machine"
                    + " (client, server, the testbed's forwarding and softirqs and any other load share its CPUs) and"
                    + " a flag is weak evidence. A flag with narrow spreads on both sides, or the same flag on every"
                    + " path, is a real difference to look into. Costs and CPUs used are qperf's system-wide figures"
                    + " for both tools: they move with everything else on the machine."));
        }

        d.add(new Doc.Heading(2, "Charts"));
        d.add(new Doc.Image(BANDWIDTH_PNG, "bandwidth by scenario (median of rounds)"));
        d.add(new Doc.Image(LATENCY_PNG, "latency by scenario (median of rounds)"));

        if (stats.hasSweep()) {
            d.add(new Doc.Heading(2, "Message-size sweep"));
            d.add(new Doc.Para(
                    "tcp_bw and tcp_lat by message size (`-oo " + set.sweepLoop() + "`), medians of the" + " rounds."));
            for (final Scenario s : scenarios) {
                final Map<Long, Summary> any = stats.sweep(s.name(), "qperf", "tcp_bw.bw");
                if (any.isEmpty()
                        && stats.sweep(s.name(), "jqperf", "tcp_bw.bw").isEmpty()) {
                    continue;
                }
                d.add(new Doc.Heading(3, s.name()));
                d.add(sweepTable(stats, s.name()));
                d.add(new Doc.Image(sweepPng(s.name()), s.name() + ": tcp_bw and tcp_lat by message size"));
            }
        }

        d.add(new Doc.Heading(2, "Failed cells"));
        if (failed.isEmpty()) {
            d.add(new Doc.Para("None."));
        } else {
            d.add(new Doc.Bullets(failed.stream()
                    .map(c -> c.scenario() + ", round " + c.round() + ", " + label(c.tool()) + ": " + c.firstError())
                    .toList()));
        }

        final List<Cell> retried =
                results.cells().stream().filter(c -> c.firstAttempt() != null).toList();
        if (!retried.isEmpty()) {
            d.add(new Doc.Para("Cells run a second time because the first attempt failed (both attempts are in"
                    + " `results.json`; only the second one's figures count):"));
            d.add(new Doc.Bullets(retried.stream()
                    .map(c -> c.scenario() + ", round " + c.round() + ", " + label(c.tool()) + ": first attempt: "
                            + c.firstAttempt().firstError() + "; second attempt: "
                            + (c.failed() ? "failed too" : "passed"))
                    .toList()));
        }

        d.add(new Doc.Heading(2, "Environment"));
        final Map<String, String> env = new LinkedHashMap<>(results.environment());
        env.put("rounds", Integer.toString(set.rounds()));
        env.put("test time (-t)", set.seconds() + " s");
        env.put("standard run", "-t " + set.seconds() + " -v " + String.join(" ", set.standardTests()));
        env.put(
                "sweep",
                set.sweepLoop() == null ? "none" : "-oo " + set.sweepLoop() + " " + String.join(" ", set.sweepTests()));
        env.put("jqperf in pods", set.jqperfInPods());
        env.put("command line", results.commandLine());
        d.add(new Doc.Table(
                List.of("what", "value"),
                env.entrySet().stream()
                        .map(e -> List.of(e.getKey(), String.valueOf(e.getValue())))
                        .toList()));
        d.add(new Doc.Para("Every raw output (stdout and stderr of every client, each server's log) is in"
                + " `results.json`; `./jqperf --scenarios --report-only DIR` redraws this report from it."));
        return d;
    }

    /**
     * Whether the results come from the local testbed (its node processes run under {@code ip netns exec}).
     *
     * @param results saved results
     * @return whether the placement was the local testbed
     */
    static boolean localTestbed(final Results results) {
        final String p = results.settings().placement();
        return p != null && p.startsWith("local testbed");
    }

    /**
     * Whether the results come from a Kubernetes cluster ({@code --kubernetes}).
     *
     * @param results the saved results
     * @return whether the placement was a cluster
     */
    static boolean cluster(final Results results) {
        final String p = results.settings().placement();
        return p != null && p.startsWith("Kubernetes cluster");
    }

    private static String block(final Stats stats, final String scenario, final String tool) {
        final List<String> keys = stats.keys().stream()
                .filter(k -> !ScopeTables.isScopeKey(k))
                .filter(k -> stats.get(scenario, tool, k).isPresent())
                .toList();
        final StringBuilder sb = new StringBuilder();
        int n = 0;
        for (final String k : keys) {
            n = Math.max(n, stats.get(scenario, tool, k).orElseThrow().n());
        }
        sb.append(label(tool))
                .append(": ")
                .append(n == 0 ? "no result" : n == 1 ? "1 round" : "median of " + n + " rounds [min – max]")
                .append('\n');
        int width = 0;
        for (final String k : keys) {
            width = Math.max(width, k.substring(k.indexOf('.') + 1).length());
        }
        String test = "";
        for (final String k : keys) {
            final String t = k.substring(0, k.indexOf('.'));
            if (!t.equals(test)) {
                sb.append(t).append(":\n");
                test = t;
            }
            final String name = k.substring(k.indexOf('.') + 1);
            sb.append("    ")
                    .append(name)
                    .append(" ".repeat(width - name.length()))
                    .append("  =  ")
                    .append(stats.get(scenario, tool, k).orElseThrow().text())
                    .append('\n');
        }
        return sb.toString();
    }

    private static Optional<Double> median(final Stats st, final String s, final String tool, final String key) {
        return st.get(s, tool, key).map(Summary::median);
    }

    private static String val(final Stats st, final String s, final String tool, final String key) {
        return median(st, s, tool, key).map(v -> Fmt.value(v, st.unit(key))).orElse("-");
    }

    private static String times(final Stats st, final String s, final String tool, final String key) {
        final Optional<Double> v = median(st, s, tool, key);
        final Optional<Double> b = median(st, Scenario.BASELINE, tool, key);
        return v.isPresent() && b.isPresent() ? Fmt.ratio(v.get() / b.get()) : "-";
    }

    private static String delta(final Stats st, final String s, final String tool, final String key) {
        final Optional<Double> v = median(st, s, tool, key);
        final Optional<Double> b = median(st, Scenario.BASELINE, tool, key);
        return v.isPresent() && b.isPresent() ? Fmt.deltaMicros(v.get() - b.get()) : "-";
    }

    private static String pair(final Stats st, final String s, final String tool, final String k1, final String k2) {
        return val(st, s, tool, k1) + " / " + val(st, s, tool, k2);
    }

    private static Doc.Table bandwidthTable(final Stats st, final List<Scenario> scenarios, final String tool) {
        final List<List<String>> rows = new ArrayList<>();
        for (final Scenario s : scenarios) {
            final String n = s.name();
            rows.add(List.of(
                    n,
                    val(st, n, tool, "tcp_bw.bw"),
                    times(st, n, tool, "tcp_bw.bw"),
                    val(st, n, tool, "udp_bw.recv_bw"),
                    times(st, n, tool, "udp_bw.recv_bw"),
                    times(st, n, tool, "tcp_bw.send_cost") + " / " + times(st, n, tool, "tcp_bw.recv_cost"),
                    times(st, n, tool, "udp_bw.send_cost") + " / " + times(st, n, tool, "udp_bw.recv_cost"),
                    pair(st, n, tool, "tcp_bw.send_cpus_used", "tcp_bw.recv_cpus_used")));
        }
        return new Doc.Table(
                List.of(
                        "scenario",
                        "tcp_bw",
                        "× baseline",
                        "udp_bw recv",
                        "× baseline",
                        "tcp_bw cost × (send / recv)",
                        "udp_bw cost × (send / recv)",
                        "tcp_bw CPUs used (send / recv)"),
                rows);
    }

    private static Doc.Table latencyTable(final Stats st, final List<Scenario> scenarios, final String tool) {
        final List<List<String>> rows = new ArrayList<>();
        for (final Scenario s : scenarios) {
            final String n = s.name();
            rows.add(List.of(
                    n,
                    val(st, n, tool, "tcp_lat.latency"),
                    delta(st, n, tool, "tcp_lat.latency"),
                    times(st, n, tool, "tcp_lat.latency"),
                    val(st, n, tool, "udp_lat.latency"),
                    delta(st, n, tool, "udp_lat.latency"),
                    times(st, n, tool, "udp_lat.latency"),
                    pair(st, n, tool, "tcp_lat.loc_cpus_used", "tcp_lat.rem_cpus_used")));
        }
        return new Doc.Table(
                List.of(
                        "scenario",
                        "tcp_lat",
                        "Δ",
                        "× baseline",
                        "udp_lat",
                        "Δ",
                        "× baseline",
                        "tcp_lat CPUs used (loc / rem)"),
                rows);
    }

    private static List<List<String>> versus(
            final Stats st, final List<Scenario> scenarios, final List<String> flagged) {
        final List<List<String>> rows = new ArrayList<>();
        for (final Scenario s : scenarios) {
            for (final String key : COMPARED) {
                final Optional<Summary> q = st.get(s.name(), "qperf", key);
                final Optional<Summary> j = st.get(s.name(), "jqperf", key);
                if (q.isEmpty() && j.isEmpty()) {
                    continue;
                }
                String verdict = "-";
                String ratio = "-";
                if (q.isPresent() && j.isPresent()) {
                    final Summary a = q.get();
                    final Summary b = j.get();
                    ratio = Fmt.ratio(b.median() / a.median());
                    if (a.n() < 2) {
                        verdict = "n/a (1 round)";
                    } else if (b.median() >= a.min() && b.median() <= a.max()) {
                        verdict = "within";
                    } else {
                        final String side = b.median() > a.max() ? "above" : "below";
                        verdict = "**flagged** (" + side + ")";
                        flagged.add(flag(s.name(), key, a, b));
                    }
                }
                rows.add(List.of(
                        s.name(),
                        key,
                        q.map(Summary::text).orElse("-"),
                        j.map(Summary::text).orElse("-"),
                        ratio,
                        verdict));
            }
        }
        return rows;
    }

    /**
     * One flagged cell in words: which figure, the ratio of the medians, and stock qperf's own spread it lies outside.
     *
     * @param scenario the scenario
     * @param key the figure
     * @param q stock qperf's rounds (at least two)
     * @param j jqperf's rounds
     * @return e.g. {@code node-to-node tcp_lat.latency: jqperf / stock qperf = 1.25× ...}
     */
    static String flag(final String scenario, final String key, final Summary q, final Summary j) {
        final String side = j.median() > q.max() ? "above" : "below";
        final Fmt.Scale sc = Fmt.scale(q.median(), q.unit());
        final String unit = sc.unit().isEmpty() ? "" : " " + sc.unit();
        return scenario + " " + key + ": jqperf / stock qperf = " + Fmt.ratio(j.median() / q.median())
                + " (medians: jqperf " + Fmt.value(j.median(), j.unit()) + ", stock qperf "
                + Fmt.value(q.median(), q.unit()) + "); jqperf's median is " + side + " stock qperf's own"
                + " round-to-round spread " + Fmt.num(q.min() / sc.factor()) + " – " + Fmt.num(q.max() / sc.factor())
                + unit + " (" + q.n() + " rounds, max / min = " + Fmt.ratio(q.max() / q.min()) + "); jqperf's own"
                + " rounds: " + Fmt.value(j.min(), j.unit()) + " – " + Fmt.value(j.max(), j.unit()) + " ("
                + j.n() + " rounds, max / min = " + Fmt.ratio(j.max() / j.min()) + ")"
                + (j.n() < 2
                        ? ""
                        : j.min() <= q.max() && j.max() >= q.min()
                                ? "; the two tools' ranges overlap"
                                : "; the two tools' ranges do not overlap")
                + (key.endsWith("_cost")
                        ? "; a cost here is qperf's system-wide figure (`/proc/stat`: both sides and everything else"
                                + " on the machine, charged to one side)"
                        : "")
                + ".";
    }

    /** {@return how many rows of the jqperf-against-stock table got a verdict (both tools had two rounds or more)} */
    private static long judged(final List<List<String>> versus) {
        return versus.stream()
                .map(r -> r.get(r.size() - 1))
                .filter(v -> v.equals("within") || v.startsWith("**flagged**"))
                .count();
    }

    private static Doc.Table sweepTable(final Stats st, final String scenario) {
        final Map<Long, Summary> qb = st.sweep(scenario, "qperf", "tcp_bw.bw");
        final Map<Long, Summary> jb = st.sweep(scenario, "jqperf", "tcp_bw.bw");
        final Map<Long, Summary> ql = st.sweep(scenario, "qperf", "tcp_lat.latency");
        final Map<Long, Summary> jl = st.sweep(scenario, "jqperf", "tcp_lat.latency");
        final java.util.TreeSet<Long> sizes = new java.util.TreeSet<>();
        sizes.addAll(qb.keySet());
        sizes.addAll(jb.keySet());
        sizes.addAll(ql.keySet());
        sizes.addAll(jl.keySet());
        final List<List<String>> rows = new ArrayList<>();
        for (final Long size : sizes) {
            rows.add(List.of(
                    Fmt.value(size, "B"),
                    text(qb.get(size)),
                    text(jb.get(size)),
                    text(ql.get(size)),
                    text(jl.get(size))));
        }
        return new Doc.Table(
                List.of("msg_size", "tcp_bw stock qperf", "tcp_bw jqperf", "tcp_lat stock qperf", "tcp_lat jqperf"),
                rows);
    }

    private static String text(final Summary s) {
        return s == null ? "-" : s.text();
    }
}
