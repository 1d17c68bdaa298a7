package io.github.jqperf.scenarios.report;

import java.util.List;

/** A report as a list of blocks, rendered as Markdown ({@link MarkdownRenderer}) or HTML ({@link HtmlRenderer}). */
public final class Doc {

    private Doc() {}

    /** One block of a report. */
    public sealed interface Block permits Heading, Para, Table, Pre, Image, Bullets {}

    /**
     * A heading.
     *
     * @param level 1 to 4
     * @param text its text
     */
    public record Heading(int level, String text) implements Block {}

    /**
     * A paragraph; {@code `code`} and {@code **strong**} spans are kept in both renderings.
     *
     * @param text its text
     */
    public record Para(String text) implements Block {}

    /**
     * A table.
     *
     * @param header the column names
     * @param rows the rows, each as long as the header
     */
    public record Table(List<String> header, List<List<String>> rows) implements Block {}

    /**
     * Preformatted text (a qperf-style block).
     *
     * @param text the text
     */
    public record Pre(String text) implements Block {}

    /**
     * A chart next to the report.
     *
     * @param file the PNG's file name in the report's directory
     * @param alt what it shows
     */
    public record Image(String file, String alt) implements Block {}

    /**
     * A bullet list.
     *
     * @param items the items (inline spans as in {@link Para})
     */
    public record Bullets(List<String> items) implements Block {}
}
