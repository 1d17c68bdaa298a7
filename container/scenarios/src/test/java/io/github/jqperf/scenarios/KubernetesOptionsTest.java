package io.github.jqperf.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster options ({@code --kubernetes ...}) and {@code --dry-run} through the command line. */
class KubernetesOptionsTest {

    private static Options parse(final String... args) {
        return Options.parse(List.of(args), Path.of("."));
    }

    @Test
    void defaultsAndValues() {
        assertThat(parse("--quick").kubernetes()).isNull();
        final Options.Kubernetes d = parse("--kubernetes").kubernetes();
        assertThat(d).isEqualTo(new Options.Kubernetes(null, "jqperf", List.of(), null, null, false, 120, false));
        final Options.Kubernetes k = parse(
                        "--kubernetes",
                        "--context",
                        "kind-x",
                        "--namespace",
                        "bench",
                        "--nodes",
                        "n1,n2",
                        "--image",
                        "r/j:1",
                        "--qperf-image",
                        "r/q:1",
                        "--ready-timeout",
                        "30",
                        "--dry-run")
                .kubernetes();
        assertThat(k)
                .isEqualTo(new Options.Kubernetes(
                        "kind-x", "bench", List.of("n1", "n2"), "r/j:1", "r/q:1", true, 30, false));
        assertThat(parse("--kubernetes", "cleanup").kubernetes().cleanup()).isTrue();
        assertThat(parse("--kubernetes", "--cleanup").kubernetes().cleanup()).isTrue();
    }

    @Test
    void badInputIsOneLine() {
        assertThatThrownBy(() -> parse("--namespace", "x"))
                .hasMessage("--namespace needs --kubernetes (a run on a cluster)");
        assertThatThrownBy(() -> parse("--kubernetes", "--mode", "host-gw"))
                .hasMessage("--mode is for the local testbed, not --kubernetes (drop one of them)");
        assertThatThrownBy(() -> parse("--kubernetes", "--nodes", "a"))
                .hasMessage("--nodes a: two different node names, A,B");
        assertThatThrownBy(() -> parse("--kubernetes", "--nodes", "a,a"))
                .hasMessage("--nodes a,a: two different node names, A,B");
        assertThatThrownBy(() -> parse("--kubernetes", "--namespace", "Bad_NS"))
                .hasMessageStartingWith("--namespace Bad_NS: not a namespace name");
        assertThatThrownBy(() -> parse("--kubernetes", "--ready-timeout", "0"))
                .hasMessage("--ready-timeout 0: a whole number from 1 to 3600");
    }

    @Test
    void dryRunPrintsTheStreamOnStdoutWithoutACluster() {
        final PrintStream old = System.out;
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        final String home = System.getProperty("jqperf.home");
        System.setProperty(
                "jqperf.home", Path.of("../..").toAbsolutePath().normalize().toString());
        final int rc;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            rc = ScenariosMain.run(
                    new String[] {"--scenarios", "--kubernetes", "--dry-run", "--quick", "--nodes", "x,y"});
        } finally {
            System.setOut(old);
            if (home == null) {
                System.clearProperty("jqperf.home");
            } else {
                System.setProperty("jqperf.home", home);
            }
        }
        final String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(rc).isZero();
        assertThat(out.split("(?m)^---$")).hasSize(1 + 5 * 2);
        for (final Scenario s : Scenario.ALL) {
            assertThat(out).contains("jqperf.io/scenario: \"" + s.name() + "\"");
        }
        assertThat(out).contains("kubernetes.io/hostname: \"x\"").contains("kubernetes.io/hostname: \"y\"");
    }
}
