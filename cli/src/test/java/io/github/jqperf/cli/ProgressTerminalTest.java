package io.github.jqperf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The progress line in a real jqperf process: shown under a pseudo-terminal ({@code script} from util-linux runs
 * the command with stdin, stdout and stderr on a new pty), never when the output is piped, never in JSON mode,
 * never for a test after {@code --no-progress}.
 */
@Timeout(120)
class ProgressTerminalTest {
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    /** stdout and stderr of a finished process (merged under a pty). */
    private record Ran(int exitCode, String out, String err) {}

    private static List<String> jqperf(final String... args) {
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Ran run(final List<String> cmd) throws IOException, InterruptedException {
        final Path out = Files.createTempFile("jqperf-out", ".txt");
        final Path err = Files.createTempFile("jqperf-err", ".txt");
        try {
            final ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().put("TERM", "xterm");
            final Process p = pb.start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Ran(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The command under a new pseudo-terminal. */
    private static Ran underPty(final String... args) throws IOException, InterruptedException {
        assumeThat(Files.isExecutable(SCRIPT)).as("util-linux script").isTrue();
        final String line =
                jqperf(args).stream().map(ProgressTerminalTest::quote).collect(Collectors.joining(" "));
        return run(List.of(SCRIPT.toString(), "-qec", line, "/dev/null"));
    }

    private static String quote(final String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Test
    void shouldShowProgressOnATerminalOnlyForLongRunsAndLoops() throws Exception {
        final Ran r = underPty(
                "--loopback",
                "-t",
                "3",
                "tcp_lat",
                "-t",
                "1",
                "-oo",
                "msg_size:1:2:*2",
                "udp_lat",
                "--no-progress",
                "tcp_bw");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        final String s = r.out();
        assertThat(s).contains("\rjqperf: tcp_lat, 3 s left").contains("\rjqperf: tcp_lat, 1 s left");
        assertThat(s).contains("\rjqperf: udp_lat 1/2, 1 s left").contains("\rjqperf: udp_lat 2/2, ");
        assertThat(s).as("--no-progress").doesNotContain("jqperf: tcp_bw");
        // erased before the results: the line ends with spaces and a carriage return, then qperf's lines
        assertThat(s).containsPattern("\r {20,}\r {4}latency  =  ");
        assertThat(s.replaceAll("\rjqperf: [^\r]*", "").replaceAll("\r +\r", "").replace("\r\n", "\n"))
                .contains("tcp_lat:\n    latency  =  ")
                .contains("udp_lat:\n    latency  =  ")
                .contains("tcp_bw:\n    bw  =  ");
    }

    @Test
    void shouldNeverShowProgressInJsonModeEvenOnATerminal() throws Exception {
        final Ran r = underPty("--loopback", "--json", "-t", "3", "tcp_lat");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("jqperf: tcp_lat");
        // a pty turns \n into \r\n: JSON takes \r as white space
        assertThat(new ObjectMapper().readTree(r.out()).get("runs").size()).isEqualTo(1);
    }

    @Test
    void shouldNeverShowProgressWhenTheOutputIsPiped() throws Exception {
        final Ran r = run(jqperf("--loopback", "-t", "3", "tcp_lat"));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("\r").doesNotContain("jqperf: tcp_lat");
        assertThat(r.out()).startsWith("tcp_lat:\n    latency  =  ").doesNotContain("\r");
    }
}
