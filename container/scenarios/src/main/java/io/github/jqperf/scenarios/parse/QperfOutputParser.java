package io.github.jqperf.scenarios.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text that qperf 0.4.11 prints, and jqperf prints line for line: a {@code test:} line starts a block,
 * indented {@code name = value unit} lines fill it. Any other line (a warning, an error) is skipped: the raw
 * output is kept elsewhere. Pure: no I/O.
 */
public final class QperfOutputParser {

    private static final Pattern HEADER = Pattern.compile("^([A-Za-z0-9_]+):\\s*$");
    private static final Pattern LINE = Pattern.compile("^\\s+([A-Za-z0-9_]+)\\s+=\\s+(.*?)\\s*$");
    private static final Pattern NUMBER = Pattern.compile(
            "^(-?(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\\.[0-9]*)?|[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?)(?:\\s+(.*))?$");
    private static final Pattern EXACT = Pattern.compile("^(KiB|MiB|GiB|TiB) \\(([0-9,]+)\\)$");

    /** Unit as printed -> (factor to the base unit, base unit). */
    private static final Map<String, Object[]> UNITS = Map.ofEntries(
            unit("bytes/sec", 1, "B/s"),
            unit("KB/sec", 1e3, "B/s"),
            unit("MB/sec", 1e6, "B/s"),
            unit("GB/sec", 1e9, "B/s"),
            unit("TB/sec", 1e12, "B/s"),
            unit("bits/sec", 1 / 8.0, "B/s"),
            unit("Kb/sec", 1e3 / 8, "B/s"),
            unit("Mb/sec", 1e6 / 8, "B/s"),
            unit("Gb/sec", 1e9 / 8, "B/s"),
            unit("Tb/sec", 1e12 / 8, "B/s"),
            unit("ns", 1e-9, "s"),
            unit("us", 1e-6, "s"),
            unit("ms", 1e-3, "s"),
            unit("sec", 1, "s"),
            unit("ns/GB", 1e-9, "s/GB"),
            unit("us/GB", 1e-6, "s/GB"),
            unit("ms/GB", 1e-3, "s/GB"),
            unit("sec/GB", 1, "s/GB"),
            unit("/sec", 1, "1/s"),
            unit("K/sec", 1e3, "1/s"),
            unit("M/sec", 1e6, "1/s"),
            unit("G/sec", 1e9, "1/s"),
            unit("T/sec", 1e12, "1/s"),
            unit("% cpus", 0.01, "CPUs"),
            unit("bytes", 1, "B"),
            unit("KB", 1e3, "B"),
            unit("MB", 1e6, "B"),
            unit("GB", 1e9, "B"),
            unit("TB", 1e12, "B"),
            unit("KiB", 1024.0, "B"),
            unit("MiB", 1024.0 * 1024, "B"),
            unit("GiB", 1024.0 * 1024 * 1024, "B"),
            unit("TiB", 1024.0 * 1024 * 1024 * 1024, "B"),
            unit("", 1, ""),
            unit("thousand", 1e3, ""),
            unit("million", 1e6, ""),
            unit("billion", 1e9, ""),
            unit("trillion", 1e12, ""));

    private QperfOutputParser() {}

    private static Map.Entry<String, Object[]> unit(final String name, final double factor, final String base) {
        return Map.entry(name, new Object[] {factor, base});
    }

    /**
     * Parses a whole output.
     *
     * @param text what the client printed on stdout
     * @return the test blocks in the order printed (a {@code -oo} loop gives one block per value)
     */
    public static List<TestBlock> parse(final String text) {
        final List<TestBlock> blocks = new ArrayList<>();
        String test = null;
        List<Metric> metrics = new ArrayList<>();
        for (final String line : text.split("\r?\n", -1)) {
            final Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                if (test != null) {
                    blocks.add(new TestBlock(test, metrics));
                }
                test = h.group(1);
                metrics = new ArrayList<>();
                continue;
            }
            final Matcher l = LINE.matcher(line);
            if (test != null && l.matches()) {
                metrics.add(metric(l.group(1), l.group(2), "conf".equals(test)));
            }
        }
        if (test != null) {
            blocks.add(new TestBlock(test, metrics));
        }
        return List.copyOf(blocks);
    }

    /**
     * Parses one right-hand side.
     *
     * @param name the metric name
     * @param text the right-hand side, e.g. {@code 1 KiB (1,024)}
     * @param textOnly whether the block holds text values only ({@code conf})
     * @return the metric (a text metric when the unit is unknown)
     */
    static Metric metric(final String name, final String text, final boolean textOnly) {
        final Matcher n = NUMBER.matcher(text);
        if (!textOnly && n.matches()) {
            final double value = Double.parseDouble(n.group(1).replace(",", ""));
            final String unit = n.group(2) == null ? "" : n.group(2).trim();
            final Matcher exact = EXACT.matcher(unit);
            if (exact.matches()) {
                final double bytes = Double.parseDouble(exact.group(2).replace(",", ""));
                return new Metric(name, text, value, exact.group(1), bytes, "B");
            }
            final Object[] u = UNITS.get(unit);
            if (u != null) {
                return new Metric(name, text, value, unit, value * (double) u[0], (String) u[1]);
            }
        }
        return new Metric(name, text, Double.NaN, "", Double.NaN, Metric.TEXT);
    }
}
