package io.github.jqperf.engine;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real qperf 0.4.11 binary (Debian package {@code qperf}) for interop tests. With {@code CI=true} a missing binary
 * fails the test instead of skipping it. Call {@link #require()} from {@code @BeforeEach} (or the test itself), not
 * from {@code @BeforeAll}: an assumption that fails in {@code @BeforeAll} aborts the class, which Surefire and
 * Failsafe report as "Tests run: 0, Skipped: 0", while one per test shows every test as skipped, with the reason.
 */
public final class QperfBinary {
    /** Where Debian installs it; {@code -Djqperf.qperf=PATH} names another (e.g. a missing one, to see the skips). */
    public static final Path PATH = Path.of(System.getProperty("jqperf.qperf", "/usr/bin/qperf"));

    private QperfBinary() {}

    /** Whether the binary is there (an executable file at {@link #PATH}). */
    public static boolean present() {
        return Files.isExecutable(PATH);
    }

    /** Skips (locally) or fails (CI) when qperf is not installed. */
    public static void require() {
        final boolean present = present();
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("real qperf is required in CI (CI=true) but " + PATH + " is missing: apt-get install -y qperf");
        }
        assumeTrue(
                present,
                () -> "skipped: real qperf 0.4.11 not found at " + PATH
                        + " (apt-get install -y qperf; with CI=true this fails instead)");
    }

    /** A free TCP port on loopback (never assumes 19765 is free). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stock qperf server on {@code port}; close() kills it. */
    public static final class Server implements AutoCloseable {
        private final Process process;
        private final int port;

        /** Starts {@code qperf -lp port} and waits (≤ 5 s) until it listens. */
        public Server(final int port) throws IOException, InterruptedException {
            require();
            this.port = port;
            // env --default-signal=QUIT: a process started by the JVM inherits SIGQUIT blocked (the JVM's thread-dump
            // signal), and the stock server's quit child stops its parent with SIGQUIT: blocked, it never exits
            this.process = new ProcessBuilder(
                            "env", "--default-signal=QUIT", PATH.toString(), "-lp", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    // the probe is a connection without a request; the stock server times it out after 5 s,
                    // so wait for the probe's child to be reaped before using the server
                    break;
                } catch (IOException e) {
                    Thread.sleep(50);
                }
            }
        }

        /** The control port. */
        public int port() {
            return port;
        }

        /**
         * Waits (bounded) for the server process to exit by itself, e.g. after a client's {@code quit}. The stock
         * server serves one connection at a time, and the listening probe of the constructor holds it for 5 s.
         */
        public boolean awaitExit(final long timeout, final TimeUnit unit) throws InterruptedException {
            return process.waitFor(timeout, unit);
        }

        /** The exit code, once {@link #awaitExit} returned true. */
        public int exitValue() {
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Result of running the qperf client. */
    public record Run(int exitCode, List<String> stdout, String stderr) {}

    /** Runs {@code qperf args...} with a time limit and returns exit code and output. */
    public static Run client(final long timeoutSec, final String... args) throws IOException, InterruptedException {
        require();
        final List<String> cmd = new ArrayList<>();
        cmd.add(PATH.toString());
        cmd.addAll(List.of(args));
        final Path out = Files.createTempFile("qperf-out", ".txt");
        final Path err = Files.createTempFile("qperf-err", ".txt");
        try {
            final Process p = new ProcessBuilder(cmd)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(timeoutSec, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return new Run(
                        -1,
                        Files.readAllLines(out, StandardCharsets.UTF_8),
                        "timed out after " + timeoutSec + " s\n" + Files.readString(err));
            }
            return new Run(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
