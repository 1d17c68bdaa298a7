package io.github.jqperf.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.ClientConfig;
import io.github.jqperf.engine.QperfBinary;
import io.github.jqperf.engine.QperfClient;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Soak (issue 12 §7): {@code jqperf.soak.tests} (default 100; 1,000 for the full soak) sequential one-second tests,
 * the four kinds in turn, half from stock qperf client processes and half from an in-process jqperf client, against
 * one jqperf server process (the CLI jar) that records a JFR. At the end, after a full GC in the server (jcmd
 * GC.run): no fd or thread growth over the baseline taken after a warm-up, heap in use after GC within
 * {@code jqperf.soak.heapGrowthMiB} (default 8) MiB of the baseline's, RSS within {@code jqperf.soak.rssGrowthMiB}
 * (default 48) MiB. qperf's {@code -t} takes whole seconds (0.5 is read as 0: a test without end), so each test
 * takes one second: 100 tests take about 2 minutes, 1,000 about 19.
 *
 * <pre>
 * mvn -o verify -pl cli -am -Dit.test=SoakIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.failIfNoSpecifiedTests=false -Djqperf.soak.tests=1000
 * </pre>
 * The figures go to {@code cli/target/soak/report.md}, the recording to {@code cli/target/soak/server.jfr} and
 * {@code jfr summary} of it to {@code cli/target/soak/jfr-summary.txt}.
 */
class SoakIT {
    private static final int TESTS = Integer.getInteger("jqperf.soak.tests", 100);
    private static final long HEAP_GROWTH_KIB = Long.getLong("jqperf.soak.heapGrowthMiB", 8) * 1024;
    private static final long RSS_GROWTH_KIB = Long.getLong("jqperf.soak.rssGrowthMiB", 48) * 1024;
    private static final Path DIR = Path.of("target", "soak");
    private static final Pattern GEN_USED = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

    private static long heapUsedAfterGcKib(final ServerProcess s) throws Exception {
        s.jcmd("GC.run");
        final String info = s.jcmd("GC.heap_info");
        final Matcher m = GEN_USED.matcher(info);
        long used = 0;
        boolean any = false;
        while (m.find()) {
            used += Long.parseLong(m.group(1));
            any = true;
        }
        assertThat(any).as("GC.heap_info of the server: " + info).isTrue();
        return used;
    }

    private record Sample(int tests, int fds, int threads, long rssKib) {
        String line() {
            return "| " + tests + " | " + fds + " | " + threads + " | " + rssKib / 1024 + " |";
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.HOURS)
    void shouldNotGrowOverManyShortTests() throws Exception {
        QperfBinary.require();
        Files.createDirectories(DIR);
        final Path jfr = DIR.resolve("server.jfr").toAbsolutePath();
        Files.deleteIfExists(jfr);
        final List<String> report = new ArrayList<>();
        final long t0 = System.nanoTime();
        try (ServerProcess server = ServerProcess.start(
                DIR.resolve("server.log"), List.of("-XX:StartFlightRecording=name=soak,settings=profile"))) {
            final String[] kinds = HostileClients.KIND_NAMES;
            // warm-up: each kind once from each client
            runStock(server, kinds);
            runOurs(server, kinds);
            Thread.sleep(500);
            final long heap0 = heapUsedAfterGcKib(server);
            final Sample base = new Sample(0, server.fds(), server.threads(), server.rssKib());
            final List<Sample> samples = new ArrayList<>(List.of(base));
            int done = 0;
            int failed = 0;
            final List<String> failures = new ArrayList<>();
            boolean stock = true;
            while (done < TESTS) {
                final int n = Math.min(4, TESTS - done);
                final String[] batch = java.util.Arrays.copyOf(kinds, n);
                final List<String> f = stock ? runStock(server, batch) : runOurs(server, batch);
                failed += f.size();
                if (failures.size() < 10) {
                    failures.addAll(f);
                }
                done += n;
                stock = !stock;
                if (done % 40 == 0 || done >= TESTS) {
                    samples.add(new Sample(done, server.fds(), server.threads(), server.rssKib()));
                }
            }
            Thread.sleep(500);
            final long heap1 = heapUsedAfterGcKib(server);
            final Sample end = new Sample(done, server.fds(), server.threads(), server.rssKib());
            final long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            server.jcmd("JFR.dump", "name=soak", "filename=" + jfr);
            report.add("# soak: " + done + " tests (stock and jqperf clients, tcp_bw tcp_lat udp_bw udp_lat, -t 1) in "
                    + seconds + " s; " + failed + " failed");
            report.add("");
            report.add("heap in use after GC: " + heap0 / 1024 + " MiB after the warm-up, " + heap1 / 1024
                    + " MiB at the end (" + heap0 + " KiB -> " + heap1 + " KiB)");
            report.add("");
            report.add("| tests | fds | threads | RSS MiB |");
            report.add("|---:|---:|---:|---:|");
            samples.forEach(s -> report.add(s.line()));
            report.add(end.line() + " (after GC)");
            report.add("");
            report.add("server threads at the end: " + server.threadNames());
            report.add("server log lines: " + server.logLines().size() + " "
                    + server.logLines().stream().limit(5).toList());
            report.add("first failures: " + failures);
            Files.write(DIR.resolve("report.md"), report, StandardCharsets.UTF_8);
            report.forEach(System.out::println);

            assertThat(failed).as("failed tests of the soak: " + failures).isZero();
            assertThat(end.fds())
                    .as("server fds after the soak (baseline " + base.fds() + ")")
                    .isLessThanOrEqualTo(base.fds());
            assertThat(end.threads())
                    .as("server threads after the soak (baseline " + base.threads() + "): " + server.threadNames())
                    .isLessThanOrEqualTo(base.threads());
            assertThat(heap1)
                    .as("server heap in use after GC, KiB (baseline " + heap0 + ")")
                    .isLessThanOrEqualTo(heap0 + HEAP_GROWTH_KIB);
            assertThat(end.rssKib())
                    .as("server RSS, KiB (baseline " + base.rssKib() + ")")
                    .isLessThanOrEqualTo(base.rssKib() + RSS_GROWTH_KIB);
        }
        summarize(jfr);
    }

    /** One stock qperf process running the tests in turn; returns what failed. */
    private static List<String> runStock(final ServerProcess server, final String... tests) throws Exception {
        final List<String> args =
                new ArrayList<>(List.of("-lp", Integer.toString(server.port()), "-t", "1", "127.0.0.1"));
        args.addAll(List.of(tests));
        final HostileClients.Run r = HostileClients.startStock(args.toArray(String[]::new))
                .await(TimeUnit.SECONDS.toMillis(10L * tests.length));
        final long results = r.out().stream()
                .filter(l -> l.matches("^\\s+(latency|bw|recv_bw)\\s+=\\s+[0-9.]+ .*"))
                .count();
        if (r.exit() != 0 || results != tests.length) {
            return List.of("stock " + List.of(tests) + ": " + r.oneLine());
        }
        return List.of();
    }

    /** The in-process jqperf client running the tests in turn. */
    private static List<String> runOurs(final ServerProcess server, final String... tests) {
        final List<String> failed = new ArrayList<>();
        try (QperfClient c = new QperfClient(
                ClientConfig.of("127.0.0.1").withListenPort(server.port()).withWaitServerSec(0))) {
            for (final String t : tests) {
                try {
                    c.measure(TestKind.byName(t).orElseThrow(), new ParamSet().set(Param.TIME, 1, "-t"));
                } catch (RuntimeException e) {
                    failed.add("jqperf " + t + ": " + e);
                }
            }
        }
        return failed;
    }

    /** {@code jfr summary} of the recording into the target directory, for the review. */
    private static void summarize(final Path jfr) throws Exception {
        if (!Files.exists(jfr)) {
            return;
        }
        final Path jfrTool = Path.of(System.getProperty("java.home"), "bin", "jfr");
        final Process p = new ProcessBuilder(jfrTool.toString(), "summary", jfr.toString())
                .redirectErrorStream(true)
                .redirectOutput(DIR.resolve("jfr-summary.txt").toFile())
                .start();
        p.waitFor(60, TimeUnit.SECONDS);
    }
}
