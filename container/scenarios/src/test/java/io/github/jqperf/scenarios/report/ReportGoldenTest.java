package io.github.jqperf.scenarios.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.scenarios.results.Results;
import io.github.jqperf.scenarios.results.ResultsStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report drawn from a checked-in results file (a real run: node-to-node and pod-to-pod-cross-node, 2 rounds,
 * -t 1, with the sweep) must be exactly the checked-in Markdown. After an intended change of the report, rewrite
 * the golden file: {@code UPDATE_GOLDEN=1 mvn -o -q test -pl container/scenarios -Dtest=ReportGoldenTest}.
 */
class ReportGoldenTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixture/results.json");
    private static final Path GOLDEN = Path.of("src/test/resources/fixture/report.md");

    @Test
    void markdownIsTheGoldenFile() throws IOException {
        final Results r = ResultsStore.read(FIXTURE);
        final String md = MarkdownRenderer.render(ReportBuilder.build(r));
        if (System.getenv("UPDATE_GOLDEN") != null) {
            Files.writeString(GOLDEN, md, StandardCharsets.UTF_8);
        }
        assertThat(md).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void writerDrawsMarkdownChartsAndSelfContainedHtml(@TempDir final Path dir) throws IOException {
        final Results r = ResultsStore.read(FIXTURE);
        ReportWriter.write(r, dir);
        assertThat(Files.readString(dir.resolve("report.md"))).isEqualTo(Files.readString(GOLDEN));
        for (final String png : new String[] {
            "bandwidth.png", "latency.png", "sweep-node-to-node.png", "sweep-pod-to-pod-cross-node.png"
        }) {
            final byte[] b = Files.readAllBytes(dir.resolve(png));
            assertThat(b).as(png).startsWith(0x89, 'P', 'N', 'G');
        }
        final String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<table>").doesNotContain("missing");
        assertThat(html.split("src=\"data:image/png;base64,", -1)).hasSize(5);
    }

    @Test
    void resultsSurviveAWriteAndARead(@TempDir final Path dir) throws IOException {
        final Results r = ResultsStore.read(FIXTURE);
        ResultsStore.write(dir, r);
        assertThat(ResultsStore.read(dir)).isEqualTo(r);
    }
}
