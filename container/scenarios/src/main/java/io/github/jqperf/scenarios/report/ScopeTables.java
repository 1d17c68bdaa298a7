package io.github.jqperf.scenarios.report;

import io.github.jqperf.scenarios.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The report's CPU and memory figures by scope (issue 10's {@code --cpu-scope all} lines of the jqperf clients):
 * qperf's system-wide figure, the jqperf process's and its cgroup's, for the client ({@code loc_}) and the server
 * ({@code rem_}, through the usage extension). Stock qperf has the system-wide figures only. Results saved before the
 * scopes were measured give {@code n/a} cells and a note. Pure.
 */
final class ScopeTables {

    /** What a missing figure shows. */
    static final String NA = "n/a";

    /** The lines {@code --cpu-scope all} adds ({@code loc_process_cpus_used}, {@code rem_usage}, ...). */
    private static final Pattern SCOPE_LINE = Pattern.compile("^(loc|rem)_((system|process|cgroup)_.+|usage)$");

    private static final List<String> SCOPES = List.of("system", "process", "cgroup");
    private static final List<String> SIDES = List.of("loc", "rem");

    private ScopeTables() {}

    /**
     * Whether a {@code test.metric} key is one of the scope lines (shown in the scope tables, not in the qperf-style
     * block).
     *
     * @param key e.g. {@code tcp_bw.loc_cgroup_cpus_used}
     * @return whether it is a scope line
     */
    static boolean isScopeKey(final String key) {
        return SCOPE_LINE.matcher(key.substring(key.indexOf('.') + 1)).matches();
    }

    /**
     * Whether any jqperf run of the scenario printed process or cgroup lines.
     *
     * @param st the figures
     * @param scenario the scenario
     * @return whether the scenario has scope figures
     */
    static boolean has(final Stats st, final String scenario) {
        return st.keys().stream()
                .filter(k -> k.matches("^[a-z_]+\\.(loc|rem)_(process|cgroup)_.*"))
                .anyMatch(k -> st.get(scenario, "jqperf", k).isPresent());
    }

    /**
     * Whether any scenario has scope figures.
     *
     * @param st the figures
     * @param scenarios the scenarios
     * @return whether the results hold any
     */
    static boolean any(final Stats st, final List<Scenario> scenarios) {
        return scenarios.stream().anyMatch(s -> has(st, s.name()));
    }

    /**
     * The median of a figure, formatted, or {@link #NA}.
     *
     * @param st the figures
     * @param scenario the scenario
     * @param key the figure
     * @return its text
     */
    private static String val(final Stats st, final String scenario, final String key) {
        final Optional<Summary> s = st.get(scenario, "jqperf", key);
        if (s.isPresent()) {
            return Fmt.value(s.get().median(), st.unit(key));
        }
        final List<String> t = st.texts(scenario, "jqperf", key);
        return t.isEmpty() ? NA : String.join(", ", t);
    }

    /**
     * The key of one side's figure in one scope. The system scope's figures are qperf's own lines (which jqperf prints
     * whatever the scope, and results saved before the scopes have): {@code send_}/{@code recv_} for the bandwidth
     * tests (the client sends), {@code loc_}/{@code rem_} for the latency tests.
     */
    private static String key(final String test, final String side, final String scope, final String figure) {
        if ("system".equals(scope)) {
            final boolean loc = "loc".equals(side);
            final String prefix = test.endsWith("_bw") ? (loc ? "send_" : "recv_") : (loc ? "loc_" : "rem_");
            return test + "." + prefix + figure;
        }
        return test + "." + side + "_" + scope + "_" + figure;
    }

    /**
     * The per-scenario table: each figure for the client and the server in the three scopes.
     *
     * @param st the figures
     * @param s the scenario
     * @param localTestbed whether the results come from the local testbed
     * @return the blocks (a paragraph saying what the scopes are here, the table, notes)
     */
    static List<Doc.Block> scenario(final Stats st, final Scenario s, final boolean localTestbed) {
        final String n = s.name();
        final List<Doc.Block> d = new ArrayList<>();
        d.add(new Doc.Para("CPU and memory by scope, jqperf (medians of the rounds; client = `loc_`, server = `rem_`,"
                + " the server's through the usage extension). system: qperf's machine-wide figure; process: the"
                + " jqperf JVM; cgroup: " + cgroupMeaning(st, s, localTestbed)
                + ". Stock qperf has the system-wide figures only (its"
                + " block above)."));
        final List<List<String>> rows = new ArrayList<>();
        for (final String test : List.of("tcp_bw", "udp_bw", "tcp_lat", "udp_lat")) {
            rows.add(row(st, n, test + " CPUs used", test, "cpus_used", SCOPES));
            if (test.endsWith("_bw")) {
                rows.add(row(st, n, test + " cost", test, "cost", SCOPES));
            }
        }
        rows.add(row(st, n, "memory at the end", "udp_lat", "memory", List.of("process", "cgroup")));
        rows.add(row(st, n, "memory peak", "udp_lat", "memory_peak", List.of("process", "cgroup")));
        rows.add(row(st, n, "cgroup CPU limit", "tcp_bw", "cpu_limit", List.of("cgroup")));
        rows.add(throttled(st, n));
        d.add(new Doc.Table(
                List.of(
                        "figure",
                        "client system",
                        "client process",
                        "client cgroup",
                        "server system",
                        "server process",
                        "server cgroup"),
                rows));
        final List<String> notes = notes(st, n);
        if (!notes.isEmpty()) {
            d.add(new Doc.Bullets(notes));
        }
        return d;
    }

    /**
     * What the cgroup scope is for each side of a scenario, from where it ran and whether it printed cgroup figures.
     *
     * @param st the figures
     * @param s the scenario
     * @param localTestbed whether the results come from the local testbed (nodes are {@code ip netns exec} processes)
     * @return the words
     */
    static String cgroupMeaning(final Stats st, final Scenario s, final boolean localTestbed) {
        final String client = side(st, s, "loc", s.client().pod(), localTestbed);
        final String server = side(st, s, "rem", s.server().pod(), localTestbed);
        return client.equals(server) ? client : "client: " + client + "; server: " + server;
    }

    private static String side(
            final Stats st, final Scenario s, final String side, final boolean pod, final boolean localTestbed) {
        final boolean figures = st.keys().stream()
                .filter(k -> k.contains("." + side + "_cgroup_"))
                .anyMatch(k -> st.get(s.name(), "jqperf", k).isPresent());
        if (pod) {
            return "the pod's own cgroup (this side alone)";
        }
        if (figures) {
            return "the cgroup the node's process ran in (a hostNetwork pod's own on a cluster; shared with whatever"
                    + " else runs there for a process started from a shell)";
        }
        return localTestbed
                ? "none for a node process (n/a): the local testbed starts it with `ip netns exec`, which mounts a"
                        + " fresh /sys without the cgroup file system, and it would share the runner's cgroup anyway"
                : "none for a node process (n/a)";
    }

    private static List<String> row(
            final Stats st,
            final String n,
            final String label,
            final String test,
            final String figure,
            final List<String> scopes) {
        final List<String> r = new ArrayList<>();
        r.add(label);
        for (final String side : SIDES) {
            for (final String scope : SCOPES) {
                r.add(scopes.contains(scope) ? val(st, n, key(test, side, scope, figure)) : "-");
            }
        }
        return r;
    }

    private static List<String> throttled(final Stats st, final String n) {
        final List<String> r = new ArrayList<>();
        r.add("tcp_bw throttled periods");
        for (final String side : SIDES) {
            r.add("-");
            r.add("-");
            final Optional<Summary> t = st.get(n, "jqperf", "tcp_bw." + side + "_cgroup_nr_throttled");
            final Optional<Summary> p = st.get(n, "jqperf", "tcp_bw." + side + "_cgroup_nr_periods");
            r.add(
                    t.isEmpty()
                            ? NA
                            : Fmt.num(t.get().median())
                                    + p.map(x -> " of " + Fmt.num(x.median())).orElse(""));
        }
        return r;
    }

    private static List<String> notes(final Stats st, final String n) {
        final List<String> notes = new ArrayList<>();
        if (!has(st, n)) {
            notes.add(NA + ": these results hold no process or cgroup figures for jqperf (its clients ran without"
                    + " `--cpu-scope all`, as in results saved before the runner asked for the scopes, or no jqperf"
                    + " run of this scenario succeeded). The system-wide figures are in the blocks above.");
        }
        for (final String side : SIDES) {
            final List<String> why = st.textsOfLine(n, "jqperf", side + "_usage");
            if (!why.isEmpty()) {
                notes.add(("loc".equals(side) ? "client" : "server") + ": " + NA + " where the scopes are missing: `"
                        + side + "_usage = " + String.join("`, `", why) + "`");
            }
        }
        return notes;
    }

    /**
     * The baseline comparison by scope (jqperf only): tcp_bw's cost against node-to-node's in the system and process
     * scopes (the nodes' processes have no cgroup of their own to compare with), the cost, CPUs used and memory peak
     * of both sides in the process and cgroup scopes.
     *
     * @param st the figures
     * @param scenarios the scenarios
     * @return the table
     */
    static Doc.Table baseline(final Stats st, final List<Scenario> scenarios) {
        final List<List<String>> rows = new ArrayList<>();
        for (final Scenario s : scenarios) {
            final String n = s.name();
            rows.add(List.of(
                    n,
                    times(st, n, key("tcp_bw", "loc", "system", "cost"))
                            + " / "
                            + times(st, n, key("tcp_bw", "rem", "system", "cost")),
                    times(st, n, key("tcp_bw", "loc", "process", "cost"))
                            + " / "
                            + times(st, n, key("tcp_bw", "rem", "process", "cost")),
                    pair(st, n, "tcp_bw", "process", "cost"),
                    pair(st, n, "tcp_bw", "cgroup", "cost"),
                    pair(st, n, "tcp_bw", "process", "cpus_used"),
                    pair(st, n, "tcp_bw", "cgroup", "cpus_used"),
                    pair(st, n, "tcp_lat", "process", "cpus_used"),
                    pair(st, n, "tcp_lat", "cgroup", "cpus_used"),
                    pair(st, n, "udp_lat", "process", "memory_peak"),
                    pair(st, n, "udp_lat", "cgroup", "memory_peak")));
        }
        return new Doc.Table(
                List.of(
                        "scenario (client / server)",
                        "tcp_bw cost × baseline, system",
                        "× baseline, process",
                        "tcp_bw cost, process",
                        "tcp_bw cost, cgroup",
                        "tcp_bw CPUs used, process",
                        "tcp_bw CPUs used, cgroup",
                        "tcp_lat CPUs used, process",
                        "tcp_lat CPUs used, cgroup",
                        "memory peak, process",
                        "memory peak, cgroup"),
                rows);
    }

    private static String pair(final Stats st, final String n, final String test, final String scope, final String f) {
        return val(st, n, key(test, "loc", scope, f)) + " / " + val(st, n, key(test, "rem", scope, f));
    }

    private static String times(final Stats st, final String n, final String key) {
        final Optional<Summary> v = st.get(n, "jqperf", key);
        final Optional<Summary> b = st.get(Scenario.BASELINE, "jqperf", key);
        return v.isPresent() && b.isPresent()
                ? Fmt.ratio(v.get().median() / b.get().median())
                : NA;
    }
}
