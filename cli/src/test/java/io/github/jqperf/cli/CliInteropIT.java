package io.github.jqperf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.jqperf.engine.QperfBinary;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 2×2 interop grid with the real qperf 0.4.11 binary, as separate processes on loopback: for every test and
 * option set, stock→stock is the reference and jqperf client→stock server, stock client→jqperf server and
 * jqperf→jqperf must all exit 0 and print the same lines (names, order, unit class) with positive main figures;
 * the main figures of the mixed pairings are compared with stock→stock's in the same run (medians of interleaved
 * runs, tolerances from the spreads measured in docs/interop.md).
 */
@Timeout(600)
class CliInteropIT {
    private static final Path JAR = Path.of("target", "jqperf-all.jar");
    private static Process jqperfServer;
    private static QperfBinary.Server stockServer;
    private static int jqperfPort;

    @BeforeAll
    static void startServers() throws Exception {
        if (!QperfBinary.present()) {
            return; // every test then skips (or fails with CI=true) in needQperf, with the reason
        }
        assertThat(JAR).as("run after package").exists();
        stockServer = new QperfBinary.Server(QperfBinary.freePort());
        jqperfPort = QperfBinary.freePort();
        jqperfServer = new ProcessBuilder(java(), "-jar", JAR.toString(), "-lp", Integer.toString(jqperfPort))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        awaitListening(jqperfPort);
    }

    @BeforeEach
    void needQperf() {
        QperfBinary.require();
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
            final Process p = new ProcessBuilder(full)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new QperfBinary.Run(-1, Files.readAllLines(out), "timed out");
            }
            return new QperfBinary.Run(
                    p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static final Pattern LINE = Pattern.compile("^    (\\S+)\\s+=\\s+(\\S+)(?: (.*?))?\\s*$");
    private static final Map<String, String> UNIT_CLASS = Map.ofEntries(
            Map.entry("ns", "time"),
            Map.entry("us", "time"),
            Map.entry("ms", "time"),
            Map.entry("sec", "time"),
            Map.entry("bytes/sec", "bw"),
            Map.entry("KB/sec", "bw"),
            Map.entry("MB/sec", "bw"),
            Map.entry("GB/sec", "bw"),
            Map.entry("TB/sec", "bw"),
            Map.entry("/sec", "rate"),
            Map.entry("K/sec", "rate"),
            Map.entry("M/sec", "rate"),
            Map.entry("G/sec", "rate"),
            Map.entry("ns/GB", "cost"),
            Map.entry("us/GB", "cost"),
            Map.entry("ms/GB", "cost"),
            Map.entry("sec/GB", "cost"),
            Map.entry("% cpus", "cpus"),
            Map.entry("bytes", "size"),
            Map.entry("KB", "size"),
            Map.entry("MB", "size"),
            Map.entry("GB", "size"),
            Map.entry("", "count"),
            Map.entry("million", "count"),
            Map.entry("billion", "count"));

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
                final double scale = unit.startsWith("K")
                        ? 1e3
                        : unit.startsWith("M") ? 1e6 : unit.startsWith("G") ? 1e9 : unit.startsWith("T") ? 1e12 : 1;
                v.add(x * scale);
            }
        }
        return v;
    }

    static Stream<String> grid() {
        return Stream.of(
                "-t 1 tcp_bw",
                "-t 1 tcp_lat",
                "-t 1 udp_bw",
                "-t 1 udp_lat",
                "-t 1 -v tcp_bw",
                "-t 1 -v tcp_lat",
                "-t 1 -v udp_bw",
                "-t 1 -v udp_lat",
                "-t 1 -m 8K -v tcp_bw",
                "-t 1 -m 64 -v tcp_lat",
                "-t 1 -m 1K -v udp_bw",
                "-t 1 -m 100 -v udp_lat",
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
        final Map<String, QperfBinary.Run> runs = Map.of(
                "stock->stock",
                reference,
                "jqperf->stock",
                jqToStock,
                "stock->jqperf",
                stockToJq,
                "jqperf->jqperf",
                jqToJq);
        for (final Map.Entry<String, QperfBinary.Run> e : runs.entrySet()) {
            final QperfBinary.Run r = e.getValue();
            assertThat(r.exitCode()).as(e.getKey() + " " + line + ": " + r).isZero();
            assertThat(r.stderr()).as(e.getKey() + " stderr").isEmpty();
            assertThat(layout(r.stdout()))
                    .as(e.getKey() + " " + line + "\n" + String.join("\n", r.stdout()))
                    .isEqualTo(layout(reference.stdout()));
            for (final String main : List.of("bw", "send_bw", "recv_bw", "latency")) {
                assertThat(values(r.stdout(), main))
                        .as(e.getKey() + " " + main)
                        .allSatisfy(x -> assertThat(x).isPositive());
            }
        }
        // the numbers themselves: mainFiguresShouldTrackStockQperfOnTheSamePath (medians of interleaved runs)
    }

    /** Rounds of the figure comparison: each round runs the three pairings once, interleaved. */
    static final int ROUNDS = 3;
    /** Bandwidth: each pairing's median within [1/2, 2] × stock→stock's (docs/interop.md has the measurements). */
    static final double BW_TOLERANCE = 2.0;
    /**
     * udp_bw's recv_bw: within [1/3, 3] × stock→stock's. It counts what the receiver got, so it moves with datagram
     * loss, which depends on how sender and receiver share the CPUs: jqperf→stock measured 0.61× and 0.66× at loads
     * of 2.2 and ~2 per CPU (0.87× on a calm machine).
     */
    static final double RECV_BW_TOLERANCE = 3.0;
    /**
     * Latency: each pairing's median within [1/5, 5] × stock→stock's. Unpinned loopback latency is bimodal (halted or
     * busy peer vCPU), and a JVM client can land in the other mode than qperf's client: 2.8× measured at a load of
     * 2.2 per CPU. Still catches a unit mix-up or a ping-pong that waits for a timer.
     */
    static final double LAT_TOLERANCE = 5.0;
    /**
     * A figure is compared only when stock→stock's own runs agree within this factor (max/min): beyond it the machine
     * is too busy for any comparison to mean something, and the test reports itself skipped with the numbers.
     */
    static final double MAX_STOCK_SPREAD = 2.0;
    /** Nor when the 1-minute load average exceeds this many runnable threads per CPU (other jobs on the machine). */
    static final double MAX_LOAD_PER_CPU = 2.0;

    /** The 1-minute load average per CPU (0 where /proc/loadavg cannot be read). */
    private static double loadPerCpu() {
        try {
            final String avg = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            return Double.parseDouble(avg) / Runtime.getRuntime().availableProcessors();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The main figures of jqperf client → stock server and stock client → jqperf server against stock → stock on the
     * same loopback path in the same run: {@value #ROUNDS} interleaved rounds of {@code -t 1}, medians compared.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tcp_bw", "udp_bw", "tcp_lat", "udp_lat"})
    void mainFiguresShouldTrackStockQperfOnTheSamePath(final String test) throws Exception {
        final List<String> figures = switch (test) {
            case "tcp_bw" -> List.of("bw");
            case "udp_bw" -> List.of("send_bw", "recv_bw");
            default -> List.of("latency");
        };
        final List<String> pairings = List.of("stock->stock", "jqperf->stock", "stock->jqperf");
        final Map<String, Map<String, List<Double>>> runs = new LinkedHashMap<>(); // figure -> pairing -> values
        double load = loadPerCpu();
        for (int round = 0; round < ROUNDS; round++) {
            for (final String pairing : pairings) {
                final int port = pairing.endsWith("->jqperf") ? jqperfPort : stockServer.port();
                final QperfBinary.Run r = client(pairing.startsWith("jqperf"), port, List.of("-t", "1", test));
                assertThat(r.exitCode()).as(pairing + " " + test + ": " + r).isZero();
                for (final String f : figures) {
                    final List<Double> v = baseUnits(r.stdout(), f);
                    assertThat(v)
                            .as(pairing + " " + f + " in " + r.stdout())
                            .hasSize(1)
                            .allMatch(x -> x > 0);
                    runs.computeIfAbsent(f, k -> new LinkedHashMap<>())
                            .computeIfAbsent(pairing, k -> new ArrayList<>())
                            .add(v.get(0));
                }
            }
        }
        load = Math.max(load, loadPerCpu());
        final List<String> report = new ArrayList<>();
        final List<String> tooNoisy = new ArrayList<>();
        if (load > MAX_LOAD_PER_CPU) {
            tooNoisy.add(String.format(Locale.ROOT, "all (load average %.1f per CPU)", load));
        }
        final SoftAssertions soft = new SoftAssertions();
        for (final String f : figures) {
            final double tolerance =
                    f.equals("recv_bw") ? RECV_BW_TOLERANCE : test.endsWith("_bw") ? BW_TOLERANCE : LAT_TOLERANCE;
            final List<Double> stock = runs.get(f).get("stock->stock");
            final double ref = median(stock);
            final double spread = load > MAX_LOAD_PER_CPU
                    ? Double.POSITIVE_INFINITY
                    : Collections.max(stock) / Collections.min(stock);
            for (final String pairing : pairings.subList(1, pairings.size())) {
                final List<Double> v = runs.get(f).get(pairing);
                final double ratio = median(v) / ref;
                report.add(String.format(
                        Locale.ROOT,
                        "%s %s %s: median %.3g / stock->stock %.3g = %.2fx (runs %s, " + "stock->stock %s)",
                        test,
                        f,
                        pairing,
                        median(v),
                        ref,
                        ratio,
                        v,
                        stock));
                if (spread <= MAX_STOCK_SPREAD) {
                    soft.assertThat(ratio).as(report.get(report.size() - 1)).isBetween(1 / tolerance, tolerance);
                }
            }
            if (spread > MAX_STOCK_SPREAD && load <= MAX_LOAD_PER_CPU) {
                tooNoisy.add(String.format(Locale.ROOT, "%s %s (stock->stock runs spread %.2fx)", test, f, spread));
            }
        }
        System.out.println(String.join(System.lineSeparator(), report));
        soft.assertAll();
        assumeTrue(tooNoisy.isEmpty(), () -> "not compared, machine too noisy: " + tooNoisy + "; " + report);
    }

    private static double median(final List<Double> v) {
        final List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        final int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** The numbers of lines named {@code name} in base units: bytes/sec or bytes, and nanoseconds for times. */
    private static List<Double> baseUnits(final List<String> lines, final String name) {
        final Map<String, Double> time = Map.of("ns", 1.0, "us", 1e3, "ms", 1e6, "sec", 1e9);
        final List<Double> v = new ArrayList<>();
        for (final String l : lines) {
            final Matcher m = LINE.matcher(l);
            if (m.matches() && m.group(1).equals(name)) {
                final double x = Double.parseDouble(m.group(2).replace(",", ""));
                final String unit = m.group(3) == null ? "" : m.group(3);
                final double scale = time.containsKey(unit)
                        ? time.get(unit)
                        : unit.startsWith("K")
                                ? 1e3
                                : unit.startsWith("M")
                                        ? 1e6
                                        : unit.startsWith("G") ? 1e9 : unit.startsWith("T") ? 1e12 : 1;
                v.add(x * scale);
            }
        }
        return v;
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
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            awaitListening(port);
            final QperfBinary.Run q = client(false, port, List.of("quit"));
            assertThat(q.exitCode()).isZero();
            assertThat(q.stdout()).containsExactly("quit:");
            assertThat(ours.waitFor(10, TimeUnit.SECONDS))
                    .as("jqperf server exits on quit")
                    .isTrue();
            assertThat(ours.exitValue()).isZero();
        } finally {
            ours.destroyForcibly();
        }
        try (QperfBinary.Server stock = new QperfBinary.Server(QperfBinary.freePort())) {
            final QperfBinary.Run q = client(true, stock.port(), List.of("quit"));
            assertThat(q.exitCode()).isZero();
            assertThat(q.stdout()).containsExactly("quit:");
            assertThat(stock.awaitExit(15, TimeUnit.SECONDS))
                    .as("stock server exits on quit")
                    .isTrue();
            assertThat(stock.exitValue())
                    .as("stock server exit code after quit")
                    .isZero();
        }
    }
}
