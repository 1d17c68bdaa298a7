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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --percentiles}, {@code --hdr-log} and {@code --interval} of the jqperf client (the jar, a separate process)
 * against the jqperf server and against the stock qperf 0.4.11 server on loopback (docs/latency.md): six lines
 * after {@code latency}, in order, p50 &lt;= p99 &lt;= max; the log reads back; without the flags the table has
 * qperf's lines only.
 */
@Timeout(300)
class LatencyPercentilesIT {
    private static final Path JAR = Path.of("target", "jqperf-all.jar");
    private static final List<String> PERCENTILE_NAMES =
            List.of("latency_p50", "latency_p90", "latency_p99", "latency_p99.9", "latency_p99.99", "latency_max");
    private static final Pattern LINE = Pattern.compile("^    (\\S+)\\s+=\\s+(\\S+) (\\S+)$");
    private static final Map<String, Double> TIME_UNITS = Map.of("ns", 1e-9, "us", 1e-6, "ms", 1e-3, "sec", 1.0);

    private static Process jqperfServer;
    private static QperfBinary.Server stockServer;
    private static int jqperfPort;

    @BeforeAll
    static void startServers() throws Exception {
        assertThat(JAR).as("run after package").exists();
        jqperfPort = QperfBinary.freePort();
        jqperfServer = new ProcessBuilder(java(), "-jar", JAR.toString(), "-lp", Integer.toString(jqperfPort))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        awaitListening(jqperfPort);
        if (QperfBinary.present()) {
            stockServer = new QperfBinary.Server(QperfBinary.freePort());
        }
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

    private static int port(final boolean stock) {
        if (stock) {
            QperfBinary.require();
            return stockServer.port();
        }
        return jqperfPort;
    }

    /** Runs the jqperf client jar against {@code port}. */
    private static QperfBinary.Run client(final int port, final String... args) throws Exception {
        final List<String> cmd =
                new ArrayList<>(List.of(java(), "-XX:+UseSerialGC", "-jar", JAR.toString(), "127.0.0.1"));
        cmd.add("-lp");
        cmd.add(Integer.toString(port));
        // a generous control timeout (both sides take it from the REQ): on a loaded 2-CPU machine the client's
        // start-up can exceed qperf's 5 s before the synchronization
        cmd.add("-to");
        cmd.add("30");
        cmd.addAll(List.of(args));
        final Path out = Files.createTempFile("jqperf-out", ".txt");
        final Path err = Files.createTempFile("jqperf-err", ".txt");
        try {
            final Process p = new ProcessBuilder(cmd)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("client timed out: " + cmd);
            }
            return new QperfBinary.Run(
                    p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The table's {@code name -> seconds} (time lines only), in order. */
    private static Map<String, Double> times(final List<String> lines) {
        final Map<String, Double> m = new LinkedHashMap<>();
        for (final String l : lines) {
            final Matcher x = LINE.matcher(l);
            if (x.matches() && TIME_UNITS.containsKey(x.group(3))) {
                m.put(x.group(1), Double.parseDouble(x.group(2).replace(",", "")) * TIME_UNITS.get(x.group(3)));
            }
        }
        return m;
    }

    private static void assertPercentiles(final QperfBinary.Run r, final String test) {
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout().get(0)).isEqualTo(test + ":");
        final Map<String, Double> t = times(r.stdout());
        final List<String> expected = new ArrayList<>(List.of("latency"));
        expected.addAll(PERCENTILE_NAMES);
        assertThat(List.copyOf(t.keySet())).as(String.join("\n", r.stdout())).isEqualTo(expected);
        assertThat(t.get("latency")).isPositive();
        assertThat(t.get("latency_p50")).isPositive();
        assertThat(t.get("latency_p50"))
                .isLessThanOrEqualTo(t.get("latency_p90"))
                .isLessThanOrEqualTo(t.get("latency_p99"))
                .isLessThanOrEqualTo(t.get("latency_p99.9"))
                .isLessThanOrEqualTo(t.get("latency_p99.99"))
                .isLessThanOrEqualTo(t.get("latency_max"));
    }

    @ParameterizedTest(name = "{0} against the stock server")
    @ValueSource(strings = {"tcp_lat", "udp_lat"})
    void percentilesAgainstStockQperf(final String test) throws Exception {
        assertPercentiles(client(port(true), "-t", "1", "--percentiles", test), test);
    }

    @ParameterizedTest(name = "{0} against the jqperf server")
    @ValueSource(strings = {"tcp_lat", "udp_lat"})
    void percentilesAgainstJqperf(final String test) throws Exception {
        assertPercentiles(client(port(false), "-t", "1", "--percentiles", test), test);
    }

    @Test
    void percentilesWithVerboseAndUnifiedUnits() throws Exception {
        final QperfBinary.Run r = client(port(false), "-t", "1", "-v", "-uu", "--percentiles", "tcp_lat");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).anyMatch(l -> l.startsWith("    latency_p99.99  =") && l.endsWith(" ns"));
        assertThat(r.stdout()).anyMatch(l -> l.startsWith("    msg_rate "));
        assertThat(r.stdout()).anyMatch(l -> l.startsWith("    loc_cpus_used "));
    }

    @ParameterizedTest(name = "{0} without the flags: qperf's lines only")
    @ValueSource(strings = {"tcp_lat", "udp_lat"})
    void withoutTheFlagsTheOutputIsUnchanged(final String test) throws Exception {
        // against the stock server, the stock client's lines are the reference
        final int port = QperfBinary.present() ? port(true) : port(false);
        final QperfBinary.Run mine = client(port, "-t", "1", "-vv", test);
        assertThat(mine.exitCode()).isZero();
        assertThat(mine.stdout()).noneMatch(l -> l.contains("latency_") || l.contains("interval"));
        if (QperfBinary.present()) {
            final QperfBinary.Run stock = QperfBinary.client(
                    60, "127.0.0.1", "-lp", Integer.toString(port), "-to", "30", "-t", "1", "-vv", test);
            assertThat(names(mine.stdout())).isEqualTo(names(stock.stdout()));
        }
    }

    private static List<String> names(final List<String> lines) {
        return lines.stream().map(l -> l.split("=")[0].trim()).toList();
    }

    @Test
    void hdrLogReadsBack() throws Exception {
        final Path log = Files.createTempFile("jqperf", ".hlog");
        try {
            final QperfBinary.Run r =
                    client(port(false), "-t", "1", "--percentiles", "--hdr-log", log.toString(), "tcp_lat", "udp_lat");
            assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
            final List<Histogram> read = new ArrayList<>();
            final HistogramLogReader reader = new HistogramLogReader(log.toFile());
            for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
                read.add((Histogram) h);
            }
            assertThat(read).hasSize(2);
            assertThat(read.get(0).getTag()).isEqualTo("tcp_lat");
            assertThat(read.get(1).getTag()).isEqualTo("udp_lat");
            // the printed figures are the logged histogram's (one-way ns); the table rounds to 3 digits
            final List<String> out = r.stdout();
            final int udp = out.indexOf("udp_lat:");
            final Map<String, Double> tcpTimes = times(out.subList(0, udp));
            final Map<String, Double> udpTimes = times(out.subList(udp, out.size()));
            for (final var pair : List.of(Map.entry(read.get(0), tcpTimes), Map.entry(read.get(1), udpTimes))) {
                final Histogram h = pair.getKey();
                assertThat(h.getTotalCount()).isPositive();
                assertThat(h.getValueAtPercentile(99) * 1e-9)
                        .isCloseTo(
                                pair.getValue().get("latency_p99"), org.assertj.core.data.Percentage.withPercentage(1));
                assertThat(h.getMaxValue() * 1e-9)
                        .isCloseTo(
                                pair.getValue().get("latency_max"), org.assertj.core.data.Percentage.withPercentage(1));
            }
            // HdrHistogram's own command-line tool reads it too (the HistogramLogProcessor)
            final Process proc = new ProcessBuilder(
                            java(),
                            "-cp",
                            JAR.toString(),
                            "org.HdrHistogram.HistogramLogProcessor",
                            "-i",
                            log.toString(),
                            "-tag",
                            "udp_lat")
                    .redirectErrorStream(true)
                    .start();
            final String processed = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(proc.exitValue()).as(processed).isZero();
            assertThat(processed)
                    .containsPattern("Total count += +" + read.get(1).getTotalCount() + "\\]");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void hdrLogToAnUnwritablePlaceIsOneLineAndExitCodeOne() throws Exception {
        final QperfBinary.Run r = client(port(false), "-t", "1", "--hdr-log", "/nonexistent-dir/x.hlog", "tcp_lat");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).anyMatch(l -> l.startsWith("--hdr-log /nonexistent-dir/x.hlog: cannot open"));
    }

    @ParameterizedTest(name = "--interval with {0} against the stock server")
    @ValueSource(strings = {"tcp_lat", "tcp_bw", "udp_bw"})
    void intervalLinesAsItGoes(final String test) throws Exception {
        final int port = QperfBinary.present() ? port(true) : port(false);
        final QperfBinary.Run r = client(port, "-t", "2", "--interval", "0.5", test);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        final List<String> intervals =
                r.stdout().stream().filter(l -> l.startsWith("    interval ")).toList();
        // 4 intervals and a partial one, or more when a loaded machine delays the end of the run (a stock server
        // that ended its run before the client stops replying: the client's intervals then count nothing)
        assertThat(intervals).hasSizeBetween(3, 10);
        assertThat(intervals.get(0)).startsWith("    interval 0.0-0.5 s: ");
        assertThat(intervals).anyMatch(l -> !l.contains("msg_rate = 0 /sec"));
        if (test.endsWith("_lat")) {
            assertThat(intervals).allMatch(l -> l.contains("msg_rate = ") && l.contains("latency_p99 = "));
        } else {
            assertThat(intervals).allMatch(l -> l.contains("send_bw = "));
        }
        // the table follows, as without --interval
        assertThat(r.stdout().get(r.stdout().size() - 1)).matches("    (latency|bw|send_bw|recv_bw).*");
    }
}
