package io.github.jqperf.scenarios.report;

import io.github.jqperf.scenarios.results.Results;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes report.md, the charts and report.html (charts embedded) into a directory, from saved results. */
public final class ReportWriter {

    /** The Markdown report's file name. */
    public static final String MARKDOWN = "report.md";
    /** The HTML report's file name. */
    public static final String HTML = "report.html";

    private ReportWriter() {}

    /**
     * Draws the report.
     *
     * @param results saved results
     * @param dir the output directory
     * @return the files written
     * @throws IOException when a file cannot be written
     */
    public static List<Path> write(final Results results, final Path dir) throws IOException {
        Files.createDirectories(dir);
        final List<Doc.Block> doc = ReportBuilder.build(results);
        final List<Path> files = new ArrayList<>();
        final Path md = dir.resolve(MARKDOWN);
        Files.writeString(md, MarkdownRenderer.render(doc), StandardCharsets.UTF_8);
        files.add(md);
        try {
            files.addAll(Charts.write(results, dir));
        } catch (IOException | RuntimeException | LinkageError e) {
            // Charts come last: a headless-graphics problem must not cost the tables.
            System.err.println("jqperf scenarios: charts not drawn: " + e);
        }
        final Path html = dir.resolve(HTML);
        Files.writeString(html, HtmlRenderer.render("jqperf scenarios", doc, dir), StandardCharsets.UTF_8);
        files.add(html);
        return files;
    }
}
