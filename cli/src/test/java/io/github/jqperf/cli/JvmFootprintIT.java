package io.github.jqperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the jqperf JVM loads during a run, from the JVM's own class-loading log: work a run does not need must not
 * happen, since on loopback every CPU-millisecond of it shows up in the peer's {@code cpus_used}.
 */
@Timeout(120)
class JvmFootprintIT {
    private static final Path JAR = Path.of("target", "jqperf-all.jar");

    private static List<String> loadedClasses(final String... jvmOptions) throws Exception {
        final Path log = Files.createTempFile("classes", ".txt");
        try {
            final List<String> cmd = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC",
                    "-Xlog:class+load=info:file=" + log));
            cmd.addAll(List.of(jvmOptions));
            cmd.addAll(List.of("-jar", JAR.toString(), "--loopback", "-t", "1", "tcp_bw", "udp_lat"));
            final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            final String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("bw", "latency");
            return Files.readAllLines(log);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void shouldNotStartNettysFlightRecorderEventsUnlessAsked() throws Exception {
        final List<String> classes = loadedClasses();
        assertThat(classes)
                .as("the run loaded and used Netty's buffers")
                .anyMatch(l -> l.contains("io.netty.buffer.PooledByteBufAllocator "));
        assertThat(classes)
                .as("JFR event machinery")
                .noneMatch(l -> l.contains("jdk.jfr.internal.EventHandlerCreator"))
                .noneMatch(l -> l.contains("io.netty.buffer.AllocateBufferEvent"));
    }

    @Test
    void shouldNotLoadJacksonForTheTextOutput() throws Exception {
        assertThat(loadedClasses()).as("JSON output only").noneMatch(l -> l.contains(" com.fasterxml.jackson."));
    }

    @Test
    void shouldKeepNettysFlightRecorderEventsWhenAskedFor() throws Exception {
        final List<String> classes = loadedClasses("-Dio.netty.jfr.enabled=true");
        assertThat(classes).anyMatch(l -> l.contains("io.netty.buffer.AllocateBufferEvent"));
    }
}
