package io.github.jqperf.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image's entrypoint runs the JVM with the flags the repository's {@code ./jqperf} launcher uses, the set every
 * figure in docs/performance.md was measured with: a pod must not measure with a different JIT, GC or allocator, and
 * JVM messages must never reach stdout (scripts parse it). Read from both scripts as text, so a flag changed in one
 * place and not the other fails here.
 */
class ContainerLauncherTest {
    private static final Path ENTRYPOINT = Path.of("src", "main", "jib", "usr", "local", "bin", "jqperf");
    private static final Path ROOT_LAUNCHER = Path.of("..", "jqperf");
    /** Root-launcher flags that are about the host, not the measurement. */
    private static final List<String> HOST_ONLY = List.of(
            "-Xmx256m",
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--enable-native-access=ALL-UNNAMED",
            "-Xlog:cds=off",
            "-Xlog:cds+dynamic=off");

    @Test
    void imageShouldRunTheJvmAsTheMeasuredLauncherDoes() throws IOException {
        final List<String> image = imageDefaults();
        final List<String> root = rootLauncherOptions();
        assertThat(root).as("flags parsed from ../jqperf").contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        final List<String> measured = new ArrayList<>(root);
        measured.removeAll(HOST_ONLY);
        assertThat(image).as("image entrypoint defaults vs ../jqperf").containsAll(measured);
    }

    @Test
    void imageShouldKeepJvmMessagesOffStdoutAndItsHeapBounded() throws IOException {
        final List<String> image = imageDefaults();
        assertThat(image)
                .contains(
                        "-Xlog:disable",
                        "-Xlog:all=warning:stderr",
                        "-XX:MaxRAMPercentage=50",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-Djava.io.tmpdir=/tmp");
        assertThat(image.indexOf("-Xlog:disable"))
                .as("disable first, then route warnings to stderr")
                .isLessThan(image.indexOf("-Xlog:all=warning:stderr"));
        assertThat(image).noneMatch(f -> f.startsWith("-XX:TieredStopAtLevel=") && !f.endsWith("=1"));
    }

    /** The default of {@code ${JQPERF_JAVA_OPTS:-...}} in the entrypoint. */
    private static List<String> imageDefaults() throws IOException {
        final Matcher m = Pattern.compile("\\$\\{JQPERF_JAVA_OPTS:-([^}]*)}").matcher(Files.readString(ENTRYPOINT));
        assertThat(m.find()).as("JQPERF_JAVA_OPTS default in " + ENTRYPOINT).isTrue();
        return Arrays.asList(m.group(1).trim().split("\\s+"));
    }

    /** Every flag in the {@code opts=(...)} and {@code opts+=(...)} arrays of ../jqperf. */
    private static List<String> rootLauncherOptions() throws IOException {
        final List<String> flags = new ArrayList<>();
        final Matcher m = Pattern.compile("(?m)^opts\\+?=\\(([^)]*)\\)").matcher(Files.readString(ROOT_LAUNCHER));
        while (m.find()) {
            flags.addAll(Arrays.asList(m.group(1).trim().split("\\s+")));
        }
        return flags;
    }
}
