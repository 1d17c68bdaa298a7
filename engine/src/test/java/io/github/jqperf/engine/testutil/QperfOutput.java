package io.github.jqperf.engine.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Verbatim stock-qperf console output kept as test resources ({@code /qperf-output/*.txt}, copied byte for byte
 * from the reference captures and the samples of docs/protocol.md §8.6), split into one table per test.
 */
public final class QperfOutput {
    private QperfOutput() {}

    /**
     * One printed table: the header ({@code "tcp_bw:"}) and the lines below it.
     *
     * @param header the test header line
     * @param lines  the table lines, without newlines (trailing spaces kept)
     */
    public record Table(String header, List<String> lines) {}

    /** All tables of a resource file, in print order. */
    public static List<Table> tables(final String resource) {
        final List<Table> tables = new ArrayList<>();
        String header = null;
        List<String> lines = null;
        for (final String line : read(resource)) {
            if (!line.startsWith(" ")) {
                if (header != null) {
                    tables.add(new Table(header, List.copyOf(lines)));
                }
                header = line;
                lines = new ArrayList<>();
            } else {
                lines.add(line);
            }
        }
        if (header != null) {
            tables.add(new Table(header, List.copyOf(lines)));
        }
        return tables;
    }

    /** The only table of a resource file. */
    public static Table table(final String resource) {
        final List<Table> tables = tables(resource);
        if (tables.size() != 1) {
            throw new IllegalStateException(resource + " has " + tables.size() + " tables");
        }
        return tables.get(0);
    }

    /** The value part of the line {@code name} (text after {@code "  =  "}, leading padding removed). */
    public static String valueOf(final List<String> lines, final String name) {
        for (final String line : lines) {
            final int eq = line.indexOf("  =  ");
            if (eq >= 0 && line.substring(0, eq).strip().equals(name)) {
                return line.substring(eq + 5).stripLeading();
            }
        }
        throw new AssertionError("no line " + name + " in " + lines);
    }

    private static List<String> read(final String resource) {
        try (InputStream in = QperfOutput.class.getResourceAsStream("/qperf-output/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing resource " + resource);
            }
            final String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return List.of(text.split("\n", -1)).subList(0, (int) text.lines().count());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
