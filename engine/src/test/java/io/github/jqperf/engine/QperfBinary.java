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
 * fails the test instead of skipping it.
 */
public final class QperfBinary {
    /** Where Debian installs it. */
    public static final Path PATH = Path.of("/usr/bin/qperf");

    private QperfBinary() {
    }

    /** Skips (locally) or fails (CI) when qperf is not installed. */
    public static void require() {
        final boolean present = Files.isExecutable(PATH);
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("real qperf is required in CI: apt-get install -y qperf");
        }
        assumeTrue(present, "real qperf not installed (apt-get install -y qperf)");
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
            this.process = new ProcessBuilder(PATH.toString(), "-lp", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
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

        @Override
        public void close() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Result of running the qperf client. */
    public record Run(int exitCode, List<String> stdout, String stderr) {
    }

    /** Runs {@code qperf args...} with a time limit and returns exit code and output. */
    public static Run client(final long timeoutSec, final String... args) throws IOException, InterruptedException {
        require();
        final List<String> cmd = new ArrayList<>();
        cmd.add(PATH.toString());
        cmd.addAll(List.of(args));
        final Path out = Files.createTempFile("qperf-out", ".txt");
        final Path err = Files.createTempFile("qperf-err", ".txt");
        try {
            final Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
            if (!p.waitFor(timeoutSec, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return new Run(-1, Files.readAllLines(out, StandardCharsets.UTF_8),
                    "timed out after " + timeoutSec + " s\n" + Files.readString(err));
            }
            return new Run(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
