package io.github.jqperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.QperfBinary;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Signals to real processes (the built CLI jar and the stock qperf client): SIGTERM to a server during a test
 * (server exits 143 within 2 s, the client prints one error and exits 1 within 3 s), SIGTERM/SIGINT to a client
 * (the server serves the next client at once), SIGQUIT (a thread dump, the server goes on). docs/operations.md.
 */
@Timeout(120)
class SignalsIT {
    private static final Path JAR = Path.of("target", "jqperf-all.jar");
    private final List<Process> started = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    @BeforeEach
    void needQperf() {
        QperfBinary.require();
        assertThat(JAR).as("run after package").exists();
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (final Process p : started) {
            p.destroyForcibly();
        }
        for (final Path f : files) {
            Files.deleteIfExists(f);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Path tempFile() throws IOException {
        final Path f = Files.createTempFile("jqperf-signals", ".txt");
        files.add(f);
        return f;
    }

    private Process start(final Path out, final Path err, final String... cmd) throws IOException {
        final Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        started.add(p);
        return p;
    }

    private Process jqperf(final Path out, final Path err, final String... args) throws IOException {
        final List<String> cmd = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return start(out, err, cmd.toArray(String[]::new));
    }

    private static void awaitListening(final int port) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("server not listening on " + port);
    }

    private static void signal(final Process p, final String name) throws Exception {
        final Process k = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start();
        assertThat(k.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(k.exitValue()).isZero();
    }

    private static long waitMs(final Process p, final long limitSec) throws InterruptedException {
        final long t0 = System.nanoTime();
        assertThat(p.waitFor(limitSec, TimeUnit.SECONDS))
                .as("exited within %d s", limitSec)
                .isTrue();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static String read(final Path f) throws IOException {
        return Files.readString(f, StandardCharsets.UTF_8);
    }

    /** A first short test, as a server in service has served before: classes loaded, JIT warm. */
    private static void warmUp(final int port) throws Exception {
        final QperfBinary.Run r = QperfBinary.client(30, "-lp", "" + port, "-t", "1", "127.0.0.1", "tcp_lat");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
    }

    /** Started from the moment a test clearly runs (the client printed nothing yet and has not exited). */
    private static void letItRun(final Process client) throws InterruptedException {
        Thread.sleep(4000);
        assertThat(client.isAlive()).as("test still running").isTrue();
    }

    @Test
    void shouldAbortTheTestTellTheClientAndExitOnSigterm() throws Exception {
        for (final boolean stockClient : new boolean[] {true, false}) {
            final int port = QperfBinary.freePort();
            final Process server = jqperf(tempFile(), tempFile(), "-lp", Integer.toString(port));
            awaitListening(port);
            warmUp(port);
            final Path out = tempFile();
            final Path err = tempFile();
            final Process client = stockClient
                    ? start(out, err, QperfBinary.PATH.toString(), "-lp", "" + port, "-t", "15", "127.0.0.1", "tcp_bw")
                    : jqperf(out, err, "-lp", "" + port, "-t", "15", "127.0.0.1", "tcp_bw");
            letItRun(client);
            if (!stockClient) {
                Thread.sleep(3000); // a JVM client's own start takes seconds on a loaded machine
            }
            signal(server, "TERM");
            assertThat(waitMs(server, 2)).as("server exit").isLessThan(2000);
            assertThat(server.exitValue()).as("the JVM's status after SIGTERM").isEqualTo(143);
            waitMs(client, 3);
            assertThat(client.exitValue()).isEqualTo(1);
            if (stockClient) {
                // the stock client reads the text once, without waiting, in its SIGURG handler: on a loaded
                // machine it can print just "server:" (docs/operations.md, Signals), with stock servers too
                assertThat(read(err).strip()).isIn("server: server closed", "server:");
            } else {
                // a JVM client that started cold on a loaded machine may still be connecting its data socket:
                // then its own error is the one line ("could not make TCP connection to server")
                final List<String> lines = new ArrayList<>(read(out).lines().toList());
                lines.addAll(read(err).lines().toList());
                lines.remove("tcp_bw:");
                assertThat(lines).as("one clear error").hasSize(1);
                assertThat(lines.get(0)).isIn("server: server closed", "could not make TCP connection to server");
            }
        }
    }

    @Test
    void shouldServeTheNextClientAtOnceAfterAClientIsKilled() throws Exception {
        final int port = QperfBinary.freePort();
        final Path serverOut = tempFile();
        jqperf(serverOut, tempFile(), "-lp", Integer.toString(port));
        awaitListening(port);
        warmUp(port);
        for (final String sig : List.of("TERM", "INT")) {
            final Process client = jqperf(tempFile(), tempFile(), "-lp", "" + port, "-t", "10", "127.0.0.1", "udp_bw");
            letItRun(client);
            signal(client, sig);
            waitMs(client, 3);
            assertThat(client.exitValue()).as("client exit after SIG%s", sig).isNotZero();
            final long t0 = System.nanoTime();
            final QperfBinary.Run next = QperfBinary.client(20, "-lp", "" + port, "-t", "1", "127.0.0.1", "tcp_lat");
            final long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(next.exitCode()).as(next.stderr()).isZero();
            assertThat(tookMs).as("served within 2 s of asking (1 s test)").isLessThan(2000 + 1000);
        }
    }

    @Test
    void shouldDumpThreadsOnSigquitAndGoOn() throws Exception {
        final int port = QperfBinary.freePort();
        final Path out = tempFile();
        final Process server = jqperf(out, tempFile(), "-lp", Integer.toString(port));
        awaitListening(port);
        warmUp(port);
        signal(server, "QUIT");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!read(out).contains("jqperf-server-accept") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(read(out)).contains("Full thread dump").contains("jqperf-server-accept");
        assertThat(server.isAlive()).isTrue();
        final QperfBinary.Run next = QperfBinary.client(20, "-lp", "" + port, "-t", "1", "127.0.0.1", "tcp_lat");
        assertThat(next.exitCode()).as("%s %s", next.stdout(), next.stderr()).isZero();
    }
}
