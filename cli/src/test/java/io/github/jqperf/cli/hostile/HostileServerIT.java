package io.github.jqperf.cli.hostile;

import static io.github.jqperf.cli.hostile.HostileClients.KINDS;
import static io.github.jqperf.cli.hostile.HostileClients.TCP_BW;
import static io.github.jqperf.cli.hostile.HostileClients.TCP_LAT;
import static io.github.jqperf.cli.hostile.HostileClients.UDP_BW;
import static io.github.jqperf.cli.hostile.HostileClients.UDP_LAT;
import static io.github.jqperf.cli.hostile.HostileClients.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jqperf.engine.QperfBinary;
import io.github.jqperf.engine.wire.Request;
import io.github.jqperf.engine.wire.RequestCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The live hostile suite (issue 12 §2): one jqperf server (the CLI jar, a separate JVM: {@link ServerProcess}) on a
 * free loopback port, and class by class the input a server on a shared network gets. After EACH class:
 *
 * <ol>
 * <li>a stock qperf client ({@code qperf -lp PORT -t 1 127.0.0.1 tcp_lat}) gets a correct result within
 *     {@code jqperf.hostile.probeBudgetMs} (default 2000) ms of asking;</li>
 * <li>the server's fd and thread counts (from {@code /proc/PID}, JIT compiler threads left out) return to the
 *     baseline taken after a warm-up, within 10 s;</li>
 * <li>its RSS stays under {@code jqperf.hostile.rssBoundMiB} (default 256) MiB;</li>
 * <li>its log has no stack trace and no {@code internal error} line; the lines of each class are counted.</li>
 * </ol>
 *
 * Some classes also ask WHILE the attack goes on (slow-loris, a silent client after PORT): that is the "nobody
 * waits" of the issue. A class whose probe fails leaves a wedged server: it is killed and a fresh one started, so
 * the later classes are judged on their own. Every method has its own timeout, so a hang cannot stop the suite.
 *
 * <p>Run it alone (1,000 connections, about 2 minutes):
 * <pre>
 * mvn -o verify -pl cli -am -Dit.test=HostileServerIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 * and with {@code -Djqperf.hostile.connections=10000} for the long version. The per-class figures go to the console
 * and to {@code cli/target/hostile/report.md}, the server's log to {@code cli/target/hostile/server-*.log}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileServerIT {
    private static final int CONNECTIONS = Integer.getInteger("jqperf.hostile.connections", 1000);
    private static final long PROBE_BUDGET_MS = Long.getLong("jqperf.hostile.probeBudgetMs", 2000);
    /**
     * The budget of a probe WHILE an attack goes on: the stock client's own control timeout ({@code -to}, 5 s). The
     * issue's rule for a waiting client is that it never times out without being told: it gets a result or the
     * server's refusal before its own timeout (the server refuses a waiting client 1.5 s before it, docs/operations.md).
     */
    private static final long DURING_BUDGET_MS = Long.getLong("jqperf.hostile.duringBudgetMs", 5000);

    private static final long RSS_BOUND_KIB = Long.getLong("jqperf.hostile.rssBoundMiB", 256) * 1024;
    private static final int LORIS = Integer.getInteger("jqperf.hostile.loris", 200);
    private static final long SETTLE_MS = 10_000;
    /** Connections the fixed classes make; the bulk classes share the rest of {@link #CONNECTIONS}. */
    private static final int FIXED = 240;

    private static final Path DIR = Path.of("target", "hostile");

    private final Random random = new Random(12);
    private final List<String> report = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong connections = new AtomicLong();
    private ServerProcess server;
    private int serverNo;
    private int baseFds;
    private int baseThreads;
    private Map<String, Integer> baseThreadNames;
    private long baseRss;
    private int logMark;
    private String current;
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> answers = new TreeMap<>();
    /** Whether the probe of {@link #afterClass} served; null when the class ended before it. */
    private Boolean lastProbeOk;

    @BeforeAll
    void startServer() throws Exception {
        assertThat(ServerProcess.JAR).as("the CLI jar (mvn package builds it)").exists();
        Files.createDirectories(DIR);
        report.add("# hostile suite: " + CONNECTIONS + " connections requested, probe budget " + PROBE_BUDGET_MS
                + " ms, RSS bound " + RSS_BOUND_KIB / 1024 + " MiB");
        report.add("");
        report.add("| class | connections | server's answers | log lines | probe after (ms) | fds base→after | "
                + "threads base→after | RSS MiB base→after | verdict |");
        report.add("|---|---:|---|---:|---|---|---|---|---|");
        if (QperfBinary.present()) { // without it, each test is skipped (or fails with CI=true) in @BeforeEach
            freshServer();
        }
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        report.add("");
        report.add("total hostile connections: " + connections.get());
        Files.write(DIR.resolve("report.md"), report, StandardCharsets.UTF_8);
        report.forEach(System.out::println);
    }

    /** Starts a server, warms it up with the four tests and takes the baseline. */
    private void freshServer() throws Exception {
        QperfBinary.require();
        serverNo++;
        server = ServerProcess.start(DIR.resolve("server-" + serverNo + ".log"), List.of());
        for (final String test : HostileClients.KIND_NAMES) {
            final HostileClients.Run r = HostileClients.startStock(
                            "-lp", Integer.toString(server.port()), "-t", "1", "127.0.0.1", test)
                    .await(15_000);
            assertThat(r.correct()).as("warm-up " + test + ": " + r.oneLine()).isTrue();
        }
        Thread.sleep(500);
        baseFds = server.fds();
        baseThreads = server.threads();
        baseThreadNames = server.threadNames();
        baseRss = server.rssKib();
        report.add("| (server " + serverNo + " started, pid " + server.pid() + ", port " + server.port()
                + ": baseline after warm-up) | | | | | " + baseFds + " | " + baseThreads + " | " + baseRss / 1024
                + " | |");
    }

    @BeforeEach
    void begin(final TestInfo info) {
        QperfBinary.require();
        current = info.getDisplayName();
        failures.clear();
        answers.clear();
        logMark = server.logLines().size();
        lastProbeOk = null;
        HostileClients.PORTS.clear();
    }

    /** A wedged (or dead) server is replaced so that the next class is judged on its own. */
    @AfterEach
    void replaceIfWedged() throws Exception {
        if (server == null) {
            return; // no stock qperf: nothing was started
        }
        if (Boolean.TRUE.equals(lastProbeOk) && server.alive()) {
            return;
        }
        final HostileClients.Run r = server.alive() ? HostileClients.probe(server.port()) : null;
        if (r == null || !r.correct()) {
            report.add("| (server " + serverNo + " wedged or dead after `" + current + "`: "
                    + (r == null ? "exited" : r.oneLine().replace('|', '/'))
                    + "; killed, fresh server) | | | | | | | | |");
            server.kill();
            freshServer();
        }
    }

    private void answer(final String a) {
        // digits of ports, addresses and versions vary: group answers by their shape
        answers.merge(a.replaceAll("\\d+", "N"), 1, Integer::sum);
    }

    /** An answer whose numbers matter (counts, times): kept as it is. */
    private void answerRaw(final String a) {
        answers.merge(a, 1, Integer::sum);
    }

    private void check(final boolean ok, final String message) {
        if (!ok) {
            failures.add("[" + current + "] " + message);
        }
    }

    /** The checks every class ends with; {@code expectedWaitMs} is the class's own documented wait (0 = none). */
    private void afterClass(final long count) throws Exception {
        connections.addAndGet(count);
        final HostileClients.Run probe = HostileClients.probe(server.port());
        lastProbeOk = probe.correct();
        check(
                probe.correct() && probe.elapsedMs() <= PROBE_BUDGET_MS,
                "after the class a stock `qperf -t 1 tcp_lat` must get a correct result within " + PROBE_BUDGET_MS
                        + " ms of asking; got " + probe.oneLine());
        final long settleStart = System.nanoTime();
        int fds = server.fds();
        int threads = server.threads();
        int logSize = server.logLines().size();
        long quietSince = System.nanoTime();
        while ((fds > baseFds || threads > baseThreads || System.nanoTime() - quietSince < 1_000_000_000L)
                && System.nanoTime() - settleStart < TimeUnit.MILLISECONDS.toNanos(SETTLE_MS)) {
            Thread.sleep(100);
            fds = server.fds();
            threads = server.threads();
            final int now = server.logLines().size();
            if (now != logSize) {
                logSize = now;
                quietSince = System.nanoTime();
            }
        }
        final long settledMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - settleStart);
        check(
                fds <= baseFds,
                "the server's fds must return to the baseline " + baseFds + " within " + SETTLE_MS + " ms; " + fds
                        + " are open");
        check(
                threads <= baseThreads,
                "the server's threads must return to the baseline " + baseThreads + " within " + SETTLE_MS
                        + " ms; there are " + threads + ": " + server.threadNames() + " (baseline " + baseThreadNames
                        + ")");
        final long rss = server.rssKib();
        check(
                rss <= RSS_BOUND_KIB,
                "the server's RSS must stay under " + RSS_BOUND_KIB / 1024 + " MiB; it is " + rss / 1024 + " MiB");
        final List<String> all = server.logLines();
        final List<String> lines = all.subList(Math.min(logMark, all.size()), all.size());
        final List<String> bad = lines.stream()
                .filter(l -> l.startsWith("\tat ") || l.contains("internal error") || l.contains("Exception"))
                .toList();
        check(
                bad.isEmpty(),
                "every refusal must be one clear line, never an internal error or a stack trace: "
                        + bad.stream().limit(3).toList());
        final List<String> unprintable = lines.stream()
                .filter(l -> !l.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f))
                .toList();
        check(
                unprintable.isEmpty(),
                unprintable.size() + " log lines carry a client's raw bytes (control characters, non-ASCII): a"
                        + " client can forge log lines or terminal escapes; first: "
                        + unprintable.stream()
                                .limit(2)
                                .map(HostileServerIT::escape)
                                .toList());
        // every line of the server names its client; a line that does not was forged (or is not a refusal). The
        // one exception is the log limiter's own count of what it dropped: "(N log lines suppressed)"
        final Pattern client = Pattern.compile("client /[0-9.:a-f\\[\\]]+:(\\d+)");
        final Pattern suppressed = Pattern.compile("^\\(\\d+ log lines suppressed\\)$");
        final List<String> anonymous = lines.stream()
                .filter(l -> !client.matcher(l).find() && !suppressed.matcher(l).matches())
                .toList();
        check(
                anonymous.isEmpty(),
                anonymous.size() + " log lines name no client (forged by a client's text, or not a refusal): "
                        + anonymous.stream()
                                .limit(3)
                                .map(HostileServerIT::escape)
                                .toList());
        final long own = lines.stream()
                .map(client::matcher)
                .filter(m -> m.find() && HostileClients.PORTS.contains(Integer.parseInt(m.group(1))))
                .count();
        check(own <= count, own + " log lines for " + count + " hostile connections: a refusal must be one line");
        answerRaw("log lines of this class's connections: " + own + "; of others (probes, late ones): "
                + (lines.size() - own - anonymous.size()) + "; naming no client: " + anonymous.size());
        final Map<String, Integer> shapes = new LinkedHashMap<>();
        lines.forEach(l -> shapes.merge(l.replaceAll("\\d+", "N"), 1, Integer::sum));
        System.out.println("[" + current + "] " + count + " connections; answers " + answers + "; " + lines.size()
                + " log lines " + shapes + "; probe " + probe.oneLine() + "; fds " + baseFds + "->" + fds
                + ", threads " + baseThreads + "->" + threads + " (settled in " + settledMs + " ms), RSS "
                + baseRss / 1024 + "->" + rss / 1024 + " MiB");
        report.add("| " + current + " | " + count + " | " + answers.toString().replace('|', '/') + " | "
                + lines.size() + " "
                + shapes.keySet().stream().limit(4).toList().toString().replace('|', '/') + " | "
                + (probe.correct()
                        ? probe.elapsedMs()
                        : "FAILED " + probe.oneLine().replace('|', '/')) + " | "
                + baseFds + "→" + fds + " | " + baseThreads + "→" + threads + " | " + baseRss / 1024 + "→" + rss / 1024
                + " | " + (failures.isEmpty() ? "pass" : "**FAIL**") + " |");
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    /** The probe WHILE the attack goes on: nobody waits without being told. */
    private void probeDuring(final String what) throws Exception {
        final HostileClients.Run during = HostileClients.probe(server.port());
        // the rule is "nobody waits without being told": a result, or the server's refusal
        // (qperf's error signal: the stock client prints `server: TEXT`), both before the client's own timeout
        // A refusal is the server's error signal: the stock client prints `server: TEXT`. It may print a bare
        // `server:` when the text comes after its single non-blocking read following the urgent byte (the stock
        // client's own race, seen with stock servers too; docs/operations-hostile.md B5): still told, not timed out.
        final boolean refused = during.exit() != 0 && during.err().lines().anyMatch(l -> l.startsWith("server:"));
        answerRaw("probe during: "
                + (during.correct()
                        ? "served in " + during.elapsedMs() / 100 * 100 + " ms"
                        : (refused ? "REFUSED" : "FAILED") + " after " + during.elapsedMs() + " ms: "
                                + (during.out() + " " + during.err().strip())));
        check(
                (during.correct() || refused) && during.elapsedMs() < DURING_BUDGET_MS,
                "while " + what + ", a stock `qperf -t 1 tcp_lat` must get a correct result or a clear refusal"
                        + " (`server: TEXT`) before its own " + DURING_BUDGET_MS + " ms timeout; got "
                        + during.oneLine());
    }

    private static String escape(final String l) {
        final StringBuilder b = new StringBuilder();
        l.chars()
                .limit(120)
                .forEach(ch ->
                        b.append(ch >= 0x20 && ch < 0x7f ? String.valueOf((char) ch) : String.format("\\x%02x", ch)));
        return b.toString();
    }

    private int share(final double fraction) {
        return (int) Math.max(20, Math.round(Math.max(0, CONNECTIONS - FIXED) * fraction));
    }

    @Test
    @Order(1)
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void randomBytes() throws Exception {
        final int n = share(0.40);
        for (int i = 0; i < n; i++) {
            final byte[] b = new byte[1 + random.nextInt(400)];
            random.nextBytes(b);
            if (b.length >= 8 && b[0] == 0 && b[1] == 0 && b[2] == 4 && b[3] == 0 && b[6] == 1 && b[7] == 0) {
                b[6] = 77; // never a quit request: a stranger's quit stops any qperf server, by design
            }
            answer(HostileClients.sendAndHalfClose(server.port(), b, 7000));
        }
        afterClass(n);
    }

    @Test
    @Order(2)
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void truncatedRequests() throws Exception {
        final byte[] req = HostileClients.req(TCP_LAT, 1, 1, 5);
        final int rounds = (int) Math.ceil(share(0.25) / (double) req.length);
        int n = 0;
        for (int r = 0; r < rounds; r++) {
            for (int len = 0; len < req.length; len++) {
                answer(HostileClients.sendAndHalfClose(server.port(), java.util.Arrays.copyOf(req, len), 7000));
                n++;
            }
        }
        afterClass(n);
    }

    @Test
    @Order(3)
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void wrongVersions() throws Exception {
        final int[][] fixed = {
            {0, 3, 9},
            {0, 5, 0},
            {0, 0, 0},
            {1, 0, 0},
            {1, 4, 11},
            {0, 65535, 11},
            {32768, 4, 11},
            {65535, 65535, 65535}
        };
        final int n = share(0.125);
        for (int i = 0; i < n; i++) {
            int[] v = i < fixed.length ? fixed[i] : new int[] {random.nextInt(65536), random.nextInt(65536), 0};
            if (v[0] == 0 && v[1] == 4) {
                v = new int[] {0, 3, 0};
            }
            answer(HostileClients.sendAndHalfClose(
                    server.port(), HostileClients.req(v[0], v[1], v[2], TCP_LAT, 1, 1, 5, 0), 7000));
        }
        afterClass(n);
    }

    @Test
    @Order(4)
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void unknownTestIndices() throws Exception {
        final List<Integer> idx =
                new ArrayList<>(List.of(2, 3, 4, 5, 6, 7, 12, 20, 32, 33, 100, 255, 256, 32767, 32768, 65535));
        final int n = share(0.125);
        while (idx.size() < n) {
            idx.add(33 + random.nextInt(65536 - 33));
        }
        for (final int i : idx) {
            answer(HostileClients.sendAndHalfClose(server.port(), HostileClients.req(i, 1, 1, 5), 7000));
        }
        afterClass(idx.size());
    }

    /**
     * A raw client that asks for a test, connects the data socket, syncs and then vanishes (closes both sockets), so
     * the server has started its half of the run with the REQ's values.
     */
    private void startThenVanish(final int index, final long msgSize, final long time, final long timeout)
            throws IOException {
        try (Socket s = HostileClients.connect(server.port(), 7000)) {
            final String[] a = new String[1];
            final int dataPort = HostileClients.requestPort(s, HostileClients.req(index, msgSize, time, timeout), a);
            if (dataPort < 0) {
                answer(name(index) + " m=" + msgSize + " t=" + time + ": " + a[0]);
                return;
            }
            final boolean udp = index == UDP_BW || index == UDP_LAT;
            try (Socket tcp = udp ? null : new Socket();
                    DatagramSocket dg = udp ? new DatagramSocket() : null) {
                if (udp) {
                    dg.connect(new InetSocketAddress("127.0.0.1", dataPort));
                    // the udp_lat server waits for the first ping; the udp_bw server for data: send one message
                    dg.send(new DatagramPacket(new byte[1], 1));
                } else {
                    tcp.connect(new InetSocketAddress("127.0.0.1", dataPort), 3000);
                }
                String sync;
                try {
                    sync = HostileClients.syncBefore(s);
                } catch (SocketTimeoutException e) {
                    sync = "no sync within 7 s";
                }
                answer(name(index) + " m=" + msgSize + " t=" + time + ": PORT, " + sync + ", vanished");
            }
        }
    }

    @Test
    @Order(5)
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void messageSizes() throws Exception {
        int n = 0;
        for (final long m : new long[] {0, 1, 1L << 31, (1L << 32) - 1}) {
            for (final int k : KINDS) {
                startThenVanish(k, m, 1, 2);
                n++;
            }
        }
        for (final String test : HostileClients.KIND_NAMES) {
            final HostileClients.Run r = HostileClients.startStock(
                            "-lp", Integer.toString(server.port()), "-m", "1", "-t", "1", "127.0.0.1", test)
                    .await(15_000);
            answer("stock -m 1 " + test + ": " + (r.correct() ? "result" : r.oneLine()));
            check(r.correct(), "a stock `qperf -m 1 -t 1 " + test + "` must get a result: " + r.oneLine());
            n++;
        }
        afterClass(n);
    }

    @Test
    @Order(6)
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void timeZeroAndHugeTcp() throws Exception {
        int n = 0;
        for (final long t : new long[] {0, (1L << 32) - 1}) {
            for (final int k : new int[] {TCP_BW, TCP_LAT}) {
                startThenVanish(k, HostileClients.defaultMsg(k), t, 5);
                n++;
            }
        }
        afterClass(n);
    }

    @Test
    @Order(7)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void timeZeroUdpBwVanish() throws Exception {
        startThenVanish(UDP_BW, 32768, 0, 5);
        afterClass(1);
    }

    @Test
    @Order(8)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void timeZeroUdpLatVanish() throws Exception {
        startThenVanish(UDP_LAT, 1, 0, 5);
        afterClass(1);
    }

    @Test
    @Order(9)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void timeHugeUdpVanish() throws Exception {
        startThenVanish(UDP_BW, 32768, (1L << 32) - 1, 5);
        startThenVanish(UDP_LAT, 1, (1L << 32) - 1, 5);
        afterClass(2);
    }

    /**
     * A client that asks and then goes silent without a FIN (its host died, or it froze): the server holds the
     * connection while it waits; the probe asks meanwhile.
     */
    private void silentAfterPort(final long timeout) throws Exception {
        try (Socket s = HostileClients.connect(server.port(), 7000)) {
            final String[] a = new String[1];
            final int dataPort = HostileClients.requestPort(s, HostileClients.req(TCP_BW, 65536, 1, timeout), a);
            answer("REQ timeout " + timeout + ": " + (dataPort > 0 ? "PORT, then silent" : a[0]));
            probeDuring("a client is silent after PORT (REQ timeout " + timeout + ")");
        }
    }

    @Test
    @Order(10)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void silentAfterPortDefaultTimeout() throws Exception {
        silentAfterPort(5);
        afterClass(1);
    }

    @Test
    @Order(11)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void silentAfterPortHugeTimeout() throws Exception {
        silentAfterPort((1L << 32) - 1);
        afterClass(1);
    }

    @Test
    @Order(12)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void silentAfterResultsTimeoutZero() throws Exception {
        // timeout 0 takes the server's deadline away: after its STAT it waits for the after-sync
        try (Socket s = HostileClients.connect(server.port(), 7000)) {
            final String[] a = new String[1];
            final int dataPort = HostileClients.requestPort(s, HostileClients.req(TCP_LAT, 1, 1, 0), a);
            if (dataPort > 0) {
                try (Socket data = new Socket()) {
                    data.connect(new InetSocketAddress("127.0.0.1", dataPort), 3000);
                    answer("REQ timeout 0 tcp_lat: PORT, " + HostileClients.syncBefore(s) + ", then silent");
                    Thread.sleep(1500); // the server's 1 s run ends; it sends STAT and waits for the after-sync
                    probeDuring("a client (REQ timeout 0) is silent where the after-sync belongs");
                }
            } else {
                answer(a[0]);
            }
        }
        afterClass(1);
    }

    @Test
    @Order(13)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void impossibleAffinity() throws Exception {
        final int cpus = Runtime.getRuntime().availableProcessors();
        int n = 0;
        for (final long aff : new long[] {cpus + 1L, 999, 1024, 4097, 65536, (1L << 31), (1L << 32) - 1}) {
            answer(HostileClients.sendAndHalfClose(
                    server.port(), HostileClients.req(0, 4, 11, TCP_LAT, 1, 1, 5, aff), 7000));
            n++;
        }
        // the stock client may print a bare `server:` when the text comes after its single non-blocking read that
        // follows the urgent byte (its own race, B5): every try must be refused, and the text must reach it in one
        // of up to 3 tries
        HostileClients.Run r = null;
        boolean told = false;
        for (int i = 0; i < 3 && !told; i++) {
            r = HostileClients.startStock(
                            "-lp", Integer.toString(server.port()), "-t", "1", "-rca", "999", "127.0.0.1", "tcp_lat")
                    .await(15_000);
            answer("stock -rca 999: exit " + r.exit() + " " + r.err().strip());
            check(
                    r.exit() != 0 && r.err().contains("server:"),
                    "a stock client with -rca 999 must be refused (`server: ...`): " + r.oneLine());
            told = r.err().contains("cannot set processor affinity");
            n++;
        }
        check(
                told,
                "a stock client with -rca 999 must be told `server: cannot set processor affinity ...` in one of 3"
                        + " tries: " + r.oneLine());
        afterClass(n);
    }

    @Test
    @Order(14)
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void slowLoris() throws Exception {
        final List<SocketChannel> held = new ArrayList<>();
        try {
            for (int i = 0; i < LORIS; i++) {
                final SocketChannel c = SocketChannel.open();
                c.configureBlocking(false);
                c.bind(new InetSocketAddress("127.0.0.1", 0)); // its port is known before the connect completes
                c.connect(new InetSocketAddress("127.0.0.1", server.port()));
                held.add(c);
                HostileClients.PORTS.add(((InetSocketAddress) c.getLocalAddress()).getPort());
            }
            Thread.sleep(2000);
            int established = 0;
            for (final SocketChannel c : held) {
                try {
                    if (c.finishConnect()) {
                        established++;
                    }
                } catch (IOException e) {
                    // refused or reset
                }
            }
            answerRaw(LORIS + " silent connects: " + established + " established after 2 s");
            probeDuring(LORIS + " connections are open and silent");
        } finally {
            for (final SocketChannel c : held) {
                c.close();
            }
        }
        afterClass(LORIS);
    }

    @Test
    @Order(15)
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void vanishAfterPort() throws Exception {
        final int n = share(0.10);
        for (int i = 0; i < n; i++) {
            final int k = KINDS[i % KINDS.length];
            try (Socket s = HostileClients.connect(server.port(), 7000)) {
                final String[] a = new String[1];
                final int p =
                        HostileClients.requestPort(s, HostileClients.req(k, HostileClients.defaultMsg(k), 1, 5), a);
                answer(name(k) + ": " + (p > 0 ? "PORT, vanished" : a[0]));
            }
        }
        afterClass(n);
    }

    /**
     * B4 ("7 of 976 FINs after PORT missed"): a data port of 63 modulo 256 makes a PORT whose first byte is
     * {@code ?}. The suite's own client took such a PORT for the error signal and waited for an EOF instead of
     * vanishing, so the server, which never got a FIN, timed out after 5 s as it should. Each test kind asks for
     * such a port (the REQ's {@code port} field), takes the PORT, vanishes; the server must log
     * {@code client not responding} for that connection within 1 s.
     */
    @Test
    @Order(15)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void vanishAfterPortThatStartsWithQuestionMark() throws Exception {
        int n = 0;
        for (final int k : KINDS) {
            final int want = HostileClients.freePortStartingWithQuestionMark(20_000 + 4_096 * n);
            check(want > 0, "no free port of 63 mod 256 found for " + name(k));
            if (want == 0) {
                continue;
            }
            final int local;
            final long closedNs;
            try (Socket s = HostileClients.connect(server.port(), 7000)) {
                local = s.getLocalPort();
                final String[] a = new String[1];
                final byte[] req = RequestCodec.encode(new Request(
                        0,
                        4,
                        11,
                        k,
                        0,
                        0,
                        0,
                        0,
                        HostileClients.defaultMsg(k),
                        0,
                        0,
                        0,
                        want,
                        0,
                        0,
                        0,
                        0,
                        1,
                        5,
                        0,
                        "",
                        ""));
                final int p = HostileClients.requestPort(s, req, a);
                answer(name(k) + ": " + (p > 0 ? "PORT ?.., vanished" : a[0]));
                check(p == want, name(k) + ": PORT " + want + " (first byte '?') must be read as a PORT; got " + a[0]);
                closedNs = System.nanoTime();
            }
            n++;
            final String tag = ":" + local + ")";
            String line = null;
            while (line == null && System.nanoTime() - closedNs < TimeUnit.SECONDS.toNanos(6)) {
                line = server.logLines().stream()
                        .filter(l -> l.contains(tag))
                        .findFirst()
                        .orElse(null);
                if (line == null) {
                    Thread.sleep(20);
                }
            }
            final long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedNs);
            check(
                    line != null && line.contains("client not responding") && ms < 1000,
                    name(k) + ": the server must see the FIN within 1 s (log 'client not responding'); got " + line
                            + " after " + ms + " ms");
        }
        afterClass(n);
    }

    private void killedMidTest(final String test) throws Exception {
        killedMidTest(test, "4");
    }

    private void killedMidTest(final String test, final String time) throws Exception {
        final HostileClients.Started c =
                HostileClients.startStock("-lp", Integer.toString(server.port()), "-t", time, "127.0.0.1", test);
        Thread.sleep(1500);
        c.kill();
        answerRaw("stock " + test + " -t " + time + " SIGKILLed after 1.5 s");
        probeDuring("(0 s after) a stock " + test + " -t " + time + " client was SIGKILLed mid-test");
    }

    @Test
    @Order(16)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void killedMidTcpBw() throws Exception {
        killedMidTest("tcp_bw");
        afterClass(1);
    }

    @Test
    @Order(17)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void killedMidUdpBw() throws Exception {
        killedMidTest("udp_bw");
        afterClass(1);
    }

    private static boolean udpBound(final String hexPort) {
        for (final String f : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
            try {
                if (Files.readAllLines(Path.of(f)).stream()
                        .anyMatch(l -> l.length() > 40 && l.substring(0, 50).contains(hexPort))) {
                    return true;
                }
            } catch (IOException e) {
                // no such table
            }
        }
        return false;
    }

    private void strayDatagrams(final String test) throws Exception {
        final int dataPort = ServerProcess.freePort();
        final HostileClients.Started c = HostileClients.startStock(
                "-lp",
                Integer.toString(server.port()),
                "-ip",
                Integer.toString(dataPort),
                "-t",
                "2",
                "127.0.0.1",
                test);
        final AtomicBoolean stop = new AtomicBoolean();
        final long[] sentGot = new long[2];
        final Thread stranger = new Thread(() -> {
            final int[] sizes = {0, 1, 8, 32, 1472, 65507};
            // the stranger is another host: 127.0.0.2 (the client's datagrams come from 127.0.0.1, the address of its
            // control connection, which is the only one a udp_lat server answers)
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
                s.setSoTimeout(1);
                final byte[] buf = new byte[65507];
                final DatagramPacket in = new DatagramPacket(new byte[65535], 65535);
                // start when the server has bound the data port (it shows in /proc/net/udp*), at most 3 s
                final long bound = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                final String hex = String.format(":%04X ", dataPort);
                while (System.nanoTime() < bound && !udpBound(hex)) {
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                int i = 0;
                while (!stop.get() && System.nanoTime() < end) {
                    try {
                        s.send(new DatagramPacket(
                                buf, sizes[i++ % sizes.length], new InetSocketAddress("127.0.0.1", dataPort)));
                        sentGot[0]++;
                        s.receive(in);
                        sentGot[1]++;
                    } catch (SocketTimeoutException e) {
                        // nothing came back: as it should
                    } catch (IOException e) {
                        // port unreachable before the server binds it
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        stranger.start();
        final HostileClients.Run r = c.await(20_000);
        stop.set(true);
        stranger.join(5000);
        answerRaw(test + " with a stranger's datagrams at its data port: " + sentGot[0] + " sent, " + sentGot[1]
                + " answered to the stranger; client " + (r.correct() ? "got " + r.out() : r.oneLine()));
        check(
                r.correct(),
                "a stock " + test + " client must get its result while a stranger sends datagrams to the"
                        + " data port: " + r.oneLine());
        check(sentGot[1] == 0, "the server must not answer a stranger's datagrams (" + sentGot[1] + " answers)");
    }

    @Test
    @Order(18)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void strayDatagramsUdpBw() throws Exception {
        strayDatagrams("udp_bw");
        afterClass(1);
    }

    @Test
    @Order(19)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void strayDatagramsUdpLat() throws Exception {
        strayDatagrams("udp_lat");
        afterClass(1);
    }

    @Test
    @Order(20)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void forgedErrorSignal() throws Exception {
        // qperf's error signal is `?` then text; a stranger's text goes to the server's log
        final String[] texts = {
            "x\nfailed to receive request version: timed out (client /10.0.0.1:1)",
            "y\r\njqperf server stopped",
            "\u001b[2J\u001b[31mred",
            "z".repeat(5000)
        };
        for (final String t : texts) {
            answer(HostileClients.sendAndHalfClose(
                    server.port(), ("?" + t).getBytes(StandardCharsets.ISO_8859_1), 7000));
        }
        afterClass(texts.length);
    }

    @Test
    @Order(21)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void killedMidUdpBwTimeZero() throws Exception {
        killedMidTest("udp_bw", "0");
        afterClass(1);
    }

    @Test
    @Order(22)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void killedMidUdpLatTimeZero() throws Exception {
        killedMidTest("udp_lat", "0");
        afterClass(1);
    }

    @Test
    @Order(23)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void killedMidTcpBwTimeZero() throws Exception {
        killedMidTest("tcp_bw", "0");
        afterClass(1);
    }

    /**
     * A udp_bw or udp_lat client with {@code -t 0} (no end, as qperf) whose host dies mid-test: no FIN, nothing more
     * on the control connection. The "wedge": the server's run has no end and nothing tells it the client
     * is gone; the probe asks while it goes on.
     */
    private void silentDuringEndlessRun(final int index) throws Exception {
        try (Socket s = HostileClients.connect(server.port(), 7000);
                DatagramSocket dg = new DatagramSocket()) {
            final String[] a = new String[1];
            final int dataPort =
                    HostileClients.requestPort(s, HostileClients.req(index, HostileClients.defaultMsg(index), 0, 5), a);
            if (dataPort < 0) {
                answer(a[0]);
                return;
            }
            dg.connect(new InetSocketAddress("127.0.0.1", dataPort));
            dg.send(new DatagramPacket(new byte[1], 1));
            answer(name(index) + " -t 0: PORT, " + HostileClients.syncBefore(s) + ", one datagram, then silent");
            probeDuring("a " + name(index) + " -t 0 client is silent (its host gone, no FIN)");
        }
    }

    @Test
    @Order(24)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void silentDuringEndlessUdpBw() throws Exception {
        silentDuringEndlessRun(UDP_BW);
        afterClass(1);
    }

    @Test
    @Order(25)
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void silentDuringEndlessUdpLat() throws Exception {
        silentDuringEndlessRun(UDP_LAT);
        afterClass(1);
    }

    @Test
    @Order(100)
    void totalConnections() {
        current = "total";
        lastProbeOk = true;
        assertThat(connections.get())
                .as("hostile connections in all (-Djqperf.hostile.connections=" + CONNECTIONS + ")")
                .isGreaterThanOrEqualTo(CONNECTIONS);
    }
}
