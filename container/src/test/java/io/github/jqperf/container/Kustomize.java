package io.github.jqperf.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The kustomize renderer the manifest tests use, found as {@link KustomizeOverlaysTest} finds it:
 * {@code $JQPERF_KUBECTL} or {@code kubectl} on the PATH ({@code kubectl kustomize DIR}), else {@code kustomize}
 * ({@code kustomize build DIR}). Without one the calling test is skipped, except under {@code CI=true}, where it
 * fails.
 */
final class Kustomize {

    private final List<String> renderer;

    private Kustomize(final List<String> renderer) {
        this.renderer = renderer;
    }

    /** The directory {@code container/k8s}, from the system property container/pom.xml sets. */
    static Path k8sDir() {
        return Paths.get(Objects.requireNonNull(
                System.getProperty("jqperf.k8s.dir"), "system property jqperf.k8s.dir (set by container/pom.xml)"));
    }

    /** Finds the renderer, or skips (fails under CI=true) when there is none. */
    static Kustomize find() {
        final String explicit = System.getenv("JQPERF_KUBECTL");
        List<String> cmd = null;
        if (explicit != null && !explicit.isBlank()) {
            cmd = List.of(explicit, "kustomize");
        } else if (onPath("kubectl") != null) {
            cmd = List.of(onPath("kubectl"), "kustomize");
        } else if (onPath("kustomize") != null) {
            cmd = List.of(onPath("kustomize"), "build");
        }
        if (cmd == null) {
            final String why =
                    "neither kubectl nor kustomize is on the PATH (see .ci/run for one from the npm registry)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + "; CI=true, so this is a failure, not a skip");
            }
            Assumptions.abort(why);
        }
        return new Kustomize(cmd);
    }

    /** Renders {@code dir}: exit 0 and nothing at all on stderr (today's syntax, no deprecation warning). */
    String render(final Path dir) throws Exception {
        final List<String> cmd = new ArrayList<>(renderer);
        cmd.add(dir.toString());
        final Path out = Files.createTempFile("jqperf-kustomize", ".yaml");
        final Path err = Files.createTempFile("jqperf-kustomize", ".err");
        try {
            final Process p = new ProcessBuilder(cmd)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", cmd) + " did not finish in 60 s");
            }
            assertThat(p.exitValue())
                    .as(String.join(" ", cmd) + ": " + Files.readString(err))
                    .isZero();
            assertThat(Files.readString(err))
                    .as(String.join(" ", cmd) + " on stderr")
                    .isEmpty();
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String onPath(final String name) {
        for (final String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            final File f = new File(dir, name);
            if (f.isFile() && f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }
}
