package io.github.jqperf.scenarios.report;

import io.github.jqperf.scenarios.parse.Metric;
import io.github.jqperf.scenarios.parse.QperfOutputParser;
import io.github.jqperf.scenarios.parse.TestBlock;
import io.github.jqperf.scenarios.results.Cell;
import io.github.jqperf.scenarios.results.Results;
import io.github.jqperf.scenarios.results.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The figures of saved results, by scenario and tool: every numeric line of the standard run, and the sweep's
 * tcp_bw and tcp_lat by message size. Parsed again from the raw outputs, so a parser fix redraws old results. Only
 * runs that did not fail count. Pure.
 */
public final class Stats {

    /** scenario -> tool -> "test.metric" -> values (in round order). */
    private final Map<String, Map<String, Map<String, List<Double>>>> standard = new LinkedHashMap<>();
    /** "test.metric" -> base unit, in the order first printed. */
    private final Map<String, String> units = new LinkedHashMap<>();
    /** scenario -> tool -> "test.metric" -> the text values printed (non-numeric lines, e.g. {@code unlimited}). */
    private final Map<String, Map<String, Map<String, java.util.Set<String>>>> texts = new LinkedHashMap<>();
    /** scenario -> tool -> "test.metric" -> msg size -> values. */
    private final Map<String, Map<String, Map<String, TreeMap<Long, List<Double>>>>> sweep = new LinkedHashMap<>();

    /**
     * Collects the figures.
     *
     * @param results saved results
     */
    public Stats(final Results results) {
        for (final Cell c : results.cells()) {
            if (c.error() != null) {
                continue;
            }
            for (final Run r : c.runs()) {
                if (r.failed()) {
                    continue;
                }
                final List<TestBlock> blocks = QperfOutputParser.parse(r.stdout());
                if (Run.STANDARD.equals(r.kind())) {
                    final Map<String, List<Double>> m = standard.computeIfAbsent(
                                    c.scenario(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(c.tool(), k -> new LinkedHashMap<>());
                    final Map<String, java.util.Set<String>> t = texts.computeIfAbsent(
                                    c.scenario(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(c.tool(), k -> new LinkedHashMap<>());
                    for (final TestBlock b : blocks) {
                        for (final Metric x : b.metrics()) {
                            final String key = b.test() + "." + x.name();
                            if (x.numeric() && !"time".equals(x.name())) {
                                units.putIfAbsent(key, x.name().contains("memory") ? Fmt.MEMORY : x.baseUnit());
                                m.computeIfAbsent(key, k -> new ArrayList<>()).add(x.base());
                            } else if (!x.numeric() && !"conf".equals(b.test())) {
                                t.computeIfAbsent(key, k -> new java.util.LinkedHashSet<>())
                                        .add(x.text());
                            }
                        }
                    }
                } else if (Run.SWEEP.equals(r.kind())) {
                    final Map<String, TreeMap<Long, List<Double>>> m = sweep.computeIfAbsent(
                                    c.scenario(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(c.tool(), k -> new LinkedHashMap<>());
                    for (final TestBlock b : blocks) {
                        final var size = b.base("msg_size");
                        if (size.isEmpty()) {
                            continue;
                        }
                        for (final String name : List.of("bw", "latency")) {
                            b.base(name)
                                    .ifPresent(v -> m.computeIfAbsent(b.test() + "." + name, k -> new TreeMap<>())
                                            .computeIfAbsent((long) size.getAsDouble(), k -> new ArrayList<>())
                                            .add(v));
                        }
                    }
                }
            }
        }
    }

    /**
     * The text values of a line that is not a number (e.g. {@code cgroup_cpu_limit = unlimited}, {@code rem_usage =
     * unavailable: ...}), as printed in any round.
     *
     * @param scenario the scenario
     * @param tool the tool
     * @param key e.g. {@code tcp_bw.rem_usage}
     * @return the distinct texts, in the order first printed; empty when none
     */
    public List<String> texts(final String scenario, final String tool, final String key) {
        return List.copyOf(texts.getOrDefault(scenario, Map.of())
                .getOrDefault(tool, Map.of())
                .getOrDefault(key, java.util.Set.of()));
    }

    /**
     * Every text line of one scenario and tool whose metric name is {@code name}, over all tests.
     *
     * @param scenario the scenario
     * @param tool the tool
     * @param name e.g. {@code rem_usage}
     * @return the distinct texts, in the order first printed
     */
    public List<String> textsOfLine(final String scenario, final String tool, final String name) {
        final java.util.Set<String> out = new java.util.LinkedHashSet<>();
        texts.getOrDefault(scenario, Map.of()).getOrDefault(tool, Map.of()).forEach((k, v) -> {
            if (k.substring(k.indexOf('.') + 1).equals(name)) {
                out.addAll(v);
            }
        });
        return List.copyOf(out);
    }

    /** {@return every "test.metric" of the standard run, in the order printed} */
    public List<String> keys() {
        return List.copyOf(units.keySet());
    }

    /**
     * The rounds of one figure.
     *
     * @param scenario the scenario
     * @param tool the tool
     * @param key e.g. {@code tcp_bw.bw}
     * @return its summary, if any round had it
     */
    public Optional<Summary> get(final String scenario, final String tool, final String key) {
        final List<Double> v = standard.getOrDefault(scenario, Map.of())
                .getOrDefault(tool, Map.of())
                .get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(Summary.of(v, units.get(key)));
    }

    /**
     * The sweep of one figure.
     *
     * @param scenario the scenario
     * @param tool the tool
     * @param key {@code tcp_bw.bw} or {@code tcp_lat.latency}
     * @return message size (bytes) -> summary, ascending; empty when there was no sweep
     */
    public Map<Long, Summary> sweep(final String scenario, final String tool, final String key) {
        final Map<Long, Summary> out = new TreeMap<>();
        final String unit = key.endsWith(".bw") ? "B/s" : "s";
        sweep.getOrDefault(scenario, Map.of())
                .getOrDefault(tool, Map.of())
                .getOrDefault(key, new TreeMap<>())
                .forEach((size, v) -> out.put(size, Summary.of(v, unit)));
        return out;
    }

    /** {@return whether any sweep figure exists} */
    public boolean hasSweep() {
        return !sweep.isEmpty();
    }

    /**
     * The base unit of a figure.
     *
     * @param key e.g. {@code tcp_bw.bw}
     * @return its base unit
     */
    public String unit(final String key) {
        return units.getOrDefault(key, "");
    }
}
