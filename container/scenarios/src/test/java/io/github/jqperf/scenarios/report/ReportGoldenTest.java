package io.github.jqperf.scenarios.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.scenarios.results.Results;
import io.github.jqperf.scenarios.results.ResultsStore;
import io.github.jqperf.scenarios.results.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report drawn from a checked-in results file must be exactly the checked-in Markdown: {@code results.json} (a
 * real run from before the CPU and memory scopes: node-to-node and pod-to-pod-cross-node, 2 rounds, -t 1, with the
 * sweep and one failed cell) and {@code results-scopes.json} (a real {@code --quick} run of all five scenarios with
 * the jqperf clients on {@code --cpu-scope all}). After an intended change of the report, rewrite the golden files:
 * {@code UPDATE_GOLDEN=1 mvn -o -q test -pl container/scenarios -am -Dtest=ReportGoldenTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ReportGoldenTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixture/results.json");
    private static final Path GOLDEN = Path.of("src/test/resources/fixture/report.md");
    private static final Path SCOPES = Path.of("src/test/resources/fixture/results-scopes.json");
    private static final Path SCOPES_GOLDEN = Path.of("src/test/resources/fixture/report-scopes.md");

    private static String golden(final Path fixture, final Path golden) throws IOException {
        final Results r = ResultsStore.read(fixture);
        final String md = MarkdownRenderer.render(ReportBuilder.build(r));
        if (System.getenv("UPDATE_GOLDEN") != null) {
            Files.writeString(golden, md, StandardCharsets.UTF_8);
        }
        assertThat(md).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        return md;
    }

    @Test
    void markdownIsTheGoldenFile() throws IOException {
        final String md = golden(FIXTURE, GOLDEN);
        // Results saved before the scopes: every scope cell n/a, and the report says why.
        assertThat(md)
                .contains("CPU and memory: system-wide figures only (`/proc/stat`), for both tools: these results"
                        + " hold no process or cgroup figures")
                .contains("n/a: these results hold no process or cgroup figures for jqperf")
                .contains("| tcp_bw CPUs used | 200 % cpus | n/a | n/a | 203 % cpus | n/a | n/a |");
        // Each flagged cell names the figure, the ratio of the medians and stock qperf's own spread.
        assertThat(md)
                .contains("- jqperf figures outside stock qperf's round-to-round spread: 5 of 18 judged")
                .contains("- pod-to-pod-cross-node tcp_lat.latency: jqperf / stock qperf = 3.52× (medians: jqperf"
                        + " 322 us, stock qperf 91.5 us); jqperf's median is above stock qperf's own round-to-round"
                        + " spread 67 – 116 us (2 rounds, max / min = 1.73×); jqperf's own rounds: 239 us – 406 us"
                        + " (2 rounds, max / min = 1.70×); the two tools' ranges do not overlap.")
                .contains("- node-to-node udp_bw.recv_bw: jqperf / stock qperf = 1.88×")
                .containsPattern("node-to-node udp_bw.recv_bw: .*; the two tools' ranges overlap\\.");
    }

    /** Results from a cluster run: the report speaks of the cluster, not of the testbed's addresses and paths. */
    @Test
    void aClusterRunsReportDoesNotDescribeTheTestbed() throws IOException {
        final Results r = ResultsStore.read(FIXTURE);
        final Settings s = r.settings();
        final java.util.Map<String, String> env = new java.util.HashMap<>(r.environment());
        env.put("kubernetes.version", null); // an API server that does not say its version
        final Results cluster = new Results(
                r.schema(),
                r.commandLine(),
                r.started(),
                r.finished(),
                env,
                new Settings(
                        s.rounds(),
                        s.seconds(),
                        s.quick(),
                        s.standardTests(),
                        s.sweepLoop(),
                        s.sweepTests(),
                        "Kubernetes cluster https://10.0.0.1:6443/, namespace jqperf, node A w1, node B w2",
                        "image",
                        s.pinning(),
                        s.scenarios()),
                r.cells());
        final String md = MarkdownRenderer.render(ReportBuilder.build(cluster));
        assertThat(md)
                .startsWith("# jqperf scenarios: five paths on a Kubernetes cluster\n")
                .contains("The client connects to the server pod's IP (the node's IP with hostNetwork)")
                .contains("A system-wide figure counts everything running on that side's node.")
                .doesNotContain("local testbed")
                .doesNotContain("198.18.0.2")
                .doesNotContain("share one machine");
    }

    @Test
    void scopesMarkdownIsTheGoldenFile() throws IOException {
        final String md = golden(SCOPES, SCOPES_GOLDEN);
        assertThat(md)
                .contains("CPU and memory: jqperf clients ran with `--cpu-scope all`")
                .contains("Stock qperf has no such scopes: its cells are system-wide only.")
                .contains("Stock qperf measures CPU system-wide only (`/proc/stat`)");
        // A pod-to-pod path: both sides' own cgroups, measured (the server's through the usage extension).
        final String pods = section(md, "### 1. pod-to-pod-same-node", "### 2.");
        assertThat(pods)
                .contains("cgroup: the pod's own cgroup (this side alone).")
                .containsPattern("\\| tcp_bw CPUs used \\| [0-9.]+ % cpus \\| [0-9.]+ % cpus \\| [0-9.]+ % cpus \\|"
                        + " [0-9.]+ % cpus \\| [0-9.]+ % cpus \\| [0-9.]+ % cpus \\|")
                .containsPattern(
                        "\\| memory peak \\| - \\| [0-9.]+ MB \\| [0-9.]+ MB \\| - \\| [0-9.]+ MB \\| [0-9.]+ MB \\|")
                .contains("| cgroup CPU limit | - | - | 100 % cpus | - | - | 100 % cpus |")
                .doesNotContain("n/a");
        // The baseline's node processes (ip netns exec) have no cgroup figures: n/a, explained.
        final String nodes = section(md, "### 3. node-to-node", "### 4.");
        assertThat(nodes)
                .contains("none for a node process (n/a): the local testbed starts it with `ip netns exec`")
                .containsPattern("\\| tcp_bw CPUs used \\| [0-9.]+ % cpus \\| [0-9.]+ % cpus \\| n/a \\|");
        // The qperf-style blocks keep qperf's lines only; the scope lines are in the tables.
        assertThat(md).doesNotContain("    loc_process_cpus_used").doesNotContain("    rem_cgroup_memory");
    }

    private static String section(final String md, final String from, final String to) {
        final int i = md.indexOf(from);
        assertThat(i).as(from).isNotNegative();
        final int j = md.indexOf(to, i + from.length());
        return md.substring(i, j < 0 ? md.length() : j);
    }

    /** The HTML page of the scopes run, charts left out (a chart's PNG bytes depend on the fonts installed). */
    @Test
    void scopesHtmlIsTheGoldenFile(@TempDir final Path noCharts) throws IOException {
        final Path golden = Path.of("src/test/resources/fixture/report-scopes.html");
        final String html =
                HtmlRenderer.render("jqperf scenarios", ReportBuilder.build(ResultsStore.read(SCOPES)), noCharts);
        if (System.getenv("UPDATE_GOLDEN") != null) {
            Files.writeString(golden, html, StandardCharsets.UTF_8);
        }
        assertThat(html).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void scopesHtmlHasTheScopeTables(@TempDir final Path dir) throws IOException {
        ReportWriter.write(ResultsStore.read(SCOPES), dir);
        final String html = Files.readString(dir.resolve("report.html"));
        assertThat(html)
                .contains("<th>client cgroup</th>")
                .contains("<th>memory peak, cgroup</th>")
                .contains("the pod's own cgroup (this side alone)")
                .doesNotContain("missing");
        assertThat(Files.readString(dir.resolve("report.md"))).isEqualTo(Files.readString(SCOPES_GOLDEN));
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
