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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 2×2 interop grid with the real qperf 0.4.11 binary, as separate processes on loopback: for every test and
 * option set, stock→stock is the reference and jqperf client→stock server, stock client→jqperf server and
 * jqperf→jqperf must all exit 0 and print the same lines (names, order, unit class) with plausible numbers.
 */
@Timeout(600)
class CliInteropIT {
    private static final Path JAR = Path.of("target", "jqperf-all.jar");
    private static Process jqperfServer;
    private static QperfBinary.Server stockServer;
    private static int jqperfPort;

    @BeforeAll
    static void startServers() throws Exception {
        QperfBinary.require();
        assertThat(JAR).as("run after package").exists();
        stockServer = new QperfBinary.Server(QperfBinary.freePort());
        jqperfPort = QperfBinary.freePort();
        jqperfServer = new ProcessBuilder(java(), "-jar", JAR.toString(), "-lp", Integer.toString(jqperfPort))
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitListening(jqperfPort);
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (jqperfServer != null) {
            jqperfServer.destroy();
            jqperfServer.waitFor(5, TimeUnit.SECONDS);
            jqperfServer.destroyForcibly();
        }
        if (stockServer != null) {
            stockServer.close();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void awaitListening(final int port) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("jqperf server did not listen on " + port);
    }

    /** Runs a client: jqperf (the jar) or stock qperf, against a server port. */
    private static QperfBinary.Run client(final boolean jqperf, final int port, final List<String> args)
        throws IOException, InterruptedException {
        final List<String> cmd = new ArrayList<>();
        cmd.add("127.0.0.1");
        cmd.add("-lp");
        cmd.add(Integer.toString(port));
        cmd.addAll(args);
        if (!jqperf) {
            return QperfBinary.client(60, cmd.toArray(String[]::new));
        }
        final List<String> full = new ArrayList<>(List.of(java(), "-XX:+UseSerialGC", "-jar", JAR.toString()));
        full.addAll(cmd);
        final Path out = Files.createTempFile("jqperf-out", ".txt");
        final Path err = Files.createTempFile("jqperf-err", ".txt");
        try {
            final Process p = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new QperfBinary.Run(-1, Files.readAllLines(out), "timed out");
            }
            return new QperfBinary.Run(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static final Pattern LINE = Pattern.compile("^    (\\S+)\\s+=\\s+(\\S+)(?: (.*?))?\\s*$");
    private static final Map<String, String> UNIT_CLASS = Map.ofEntries(
        Map.entry("ns", "time"), Map.entry("us", "time"), Map.entry("ms", "time"), Map.entry("sec", "time"),
        Map.entry("bytes/sec", "bw"), Map.entry("KB/sec", "bw"), Map.entry("MB/sec", "bw"),
        Map.entry("GB/sec", "bw"), Map.entry("TB/sec", "bw"),
        Map.entry("/sec", "rate"), Map.entry("K/sec", "rate"), Map.entry("M/sec", "rate"),
        Map.entry("G/sec", "rate"),
        Map.entry("ns/GB", "cost"), Map.entry("us/GB", "cost"), Map.entry("ms/GB", "cost"),
        Map.entry("sec/GB", "cost"), Map.entry("% cpus", "cpus"),
        Map.entry("bytes", "size"), Map.entry("KB", "size"), Map.entry("MB", "size"), Map.entry("GB", "size"),
        Map.entry("", "count"), Map.entry("million", "count"), Map.entry("billion", "count"));

    /** "name:unit-class" per line; headers as they are. */
    private static List<String> layout(final List<String> lines) {
        final List<String> out = new ArrayList<>();
        for (final String l : lines) {
            final Matcher m = LINE.matcher(l);
            if (!m.matches()) {
                out.add(l);
                continue;
            }
            String unit = m.group(3) == null ? "" : m.group(3).replaceAll(" \\(.*\\)$", "");
            if (unit.matches("[KMGT]iB")) {
                unit = "KB";
            }
            out.add(m.group(1) + ":" + UNIT_CLASS.getOrDefault(unit, "?" + unit));
        }
        return out;
    }

    /** The numbers of lines named {@code name}, in order, scaled to base units where it matters. */
    private static List<Double> values(final List<String> lines, final String name) {
        final List<Double> v = new ArrayList<>();
        for (final String l : lines) {
            final Matcher m = LINE.matcher(l);
            if (m.matches() && m.group(1).equals(name)) {
                final double x = Double.parseDouble(m.group(2).replace(",", ""));
                final String unit = m.group(3) == null ? "" : m.group(3);
                final double scale = unit.startsWith("K") ? 1e3 : unit.startsWith("M") ? 1e6
                    : unit.startsWith("G") ? 1e9 : unit.startsWith("T") ? 1e12 : 1;
                v.add(x * scale);
            }
        }
        return v;
    }

    static Stream<String> grid() {
        return Stream.of(
            "-t 1 tcp_bw", "-t 1 tcp_lat", "-t 1 udp_bw", "-t 1 udp_lat",
            "-t 1 -v tcp_bw", "-t 1 -v tcp_lat", "-t 1 -v udp_bw", "-t 1 -v udp_lat",
            "-t 1 -m 8K -v tcp_bw", "-t 1 -m 64 -v tcp_lat", "-t 1 -m 1K -v udp_bw", "-t 1 -m 100 -v udp_lat",
            "-t 1 -vu -oo msg_size:1:4:*2 tcp_lat");
    }

    @ParameterizedTest
    @MethodSource("grid")
    void shouldPrintTheSameLinesInAllFourPairings(final String line) throws Exception {
        final List<String> args = List.of(line.split(" "));
        final QperfBinary.Run reference = client(false, stockServer.port(), args);
        final QperfBinary.Run jqToStock = client(true, stockServer.port(), args);
        final QperfBinary.Run stockToJq = client(false, jqperfPort, args);
        final QperfBinary.Run jqToJq = client(true, jqperfPort, args);
        final Map<String, QperfBinary.Run> runs = Map.of("stock->stock", reference, "jqperf->stock", jqToStock,
            "stock->jqperf", stockToJq, "jqperf->jqperf", jqToJq);
        for (final Map.Entry<String, QperfBinary.Run> e : runs.entrySet()) {
            final QperfBinary.Run r = e.getValue();
            assertThat(r.exitCode()).as(e.getKey() + " " + line + ": " + r).isZero();
            assertThat(r.stderr()).as(e.getKey() + " stderr").isEmpty();
            assertThat(layout(r.stdout())).as(e.getKey() + " " + line + "\n" + String.join("\n", r.stdout()))
                .isEqualTo(layout(reference.stdout()));
            for (final String main : List.of("bw", "send_bw", "recv_bw", "latency")) {
                assertThat(values(r.stdout(), main)).as(e.getKey() + " " + main).allSatisfy(x ->
                    assertThat(x).isPositive());
            }
        }
        if (line.endsWith("tcp_bw")) {
            final double ref = values(reference.stdout(), "bw").get(0);
            for (final QperfBinary.Run r : List.of(jqToStock, stockToJq, jqToJq)) {
                assertThat(values(r.stdout(), "bw").get(0) / ref).as("tcp_bw vs stock->stock " + r)
                    .isBetween(0.3, 3.0);
            }
        }
    }

    @Test
    void confShouldPrintExactlyWhatQperfPrints() throws Exception {
        final List<String> args = List.of("conf");
        final QperfBinary.Run stock = client(false, stockServer.port(), args);
        final QperfBinary.Run ours = client(true, stockServer.port(), args);
        assertThat(ours.exitCode()).isZero();
        assertThat(ours.stdout()).isEqualTo(stock.stdout());
        assertThat(client(false, jqperfPort, args).stdout()).isEqualTo(stock.stdout());
    }

    @Test
    void quitShouldStopAStockServerFromJqperfAndAJqperfServerFromQperf() throws Exception {
        final int port = QperfBinary.freePort();
        final Process ours = new ProcessBuilder(java(), "-jar", JAR.toString(), "-lp", Integer.toString(port))
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitListening(port);
            final QperfBinary.Run q = client(false, port, List.of("quit"));
            assertThat(q.exitCode()).isZero();
            assertThat(q.stdout()).containsExactly("quit:");
            assertThat(ours.waitFor(10, TimeUnit.SECONDS)).as("jqperf server exits on quit").isTrue();
            assertThat(ours.exitValue()).isZero();
        } finally {
            ours.destroyForcibly();
        }
        try (QperfBinary.Server stock = new QperfBinary.Server(QperfBinary.freePort())) {
            final QperfBinary.Run q = client(true, stock.port(), List.of("quit"));
            assertThat(q.exitCode()).isZero();
            assertThat(q.stdout()).containsExactly("quit:");
        }
    }
}
