package io.github.jqperf.bench.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs stock qperf and jqperf against themselves (and each other) on loopback, alternately, and writes a comparison
 * table. Driven by {@code jmh-benchmarks/compare-with-qperf}; see {@code docs/performance.md}.
 *
 * <p>Method: for every case (test, message size, CPU layout) the harness runs {@code pairs} rounds; each round runs
 * qperf↔qperf then jqperf↔jqperf (then, in the split layout, jqperf client ↔ qperf server and qperf client ↔ jqperf
 * server), so slow drifts of the shared machine hit every implementation alike. Every process is pinned with
 * {@code taskset}: split = server on CPU 1, client on CPU 0; same = both on CPU 0 (the bimodal-latency trap of
 * these VMs makes unpinned latency runs meaningless, see perf-baseline.md). Both implementations print with
 * {@code -v -uu} and the harness parses those lines. It reports medians, min–max and the ratio jqperf/qperf per
 * metric, plus start-up time (process start → REQ on the wire, against a fake server) and the jqperf server's RSS
 * during tcp_bw.
 *
 * <p>Options: {@code --quick}, {@code --pairs N}, {@code --time S} (main cases), {@code --sweep-time S},
 * {@code --qperf CMD}, {@code --jqperf CMD} (whitespace-separated command), {@code --out DIR},
 * {@code --only REGEX} (case ids), {@code --no-sweep}, {@code --no-mixed}, {@code --no-busy-poll}, {@code --no-startup}.
 */
public final class CompareWithQperf {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern LINE = Pattern.compile("^\\s+(\\w+)\\s+=\\s+(-?[0-9.]+(?:[eE][-+]?\\d+)?)\\s*(.*)$");
    private static final int REQ_LENGTH = 200;

    /** One implementation pairing: who is the client, who is the server. */
    enum Pair {
        QQ("qperf", "qperf", "qperf↔qperf"),
        JJ("jqperf", "jqperf", "jqperf↔jqperf"),
        JQ("jqperf", "qperf", "jqperf client↔qperf server"),
        QJ("qperf", "jqperf", "qperf client↔jqperf server");

        final String client;
        final String server;
        final String label;

        Pair(final String client, final String server, final String label) {
            this.client = client;
            this.server = server;
            this.label = label;
        }
    }

    /** CPU placement of server and client. */
    enum Layout {
        SPLIT(1, 0),
        SAME(0, 0);

        final int serverCpu;
        final int clientCpu;

        Layout(final int serverCpu, final int clientCpu) {
            this.serverCpu = serverCpu;
            this.clientCpu = clientCpu;
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One case: a test with a message size in a layout. */
    record Case(String group, String test, int msgSize, Layout layout, int timeSec, boolean mixed) {
        String id() {
            return test + "/" + msgSize + "/" + layout.id() + (busyPoll() ? "/busy-poll" : "");
        }

        /** jqperf runs with {@code --busy-poll} on both sides (qperf has no such mode: it is compared as is). */
        boolean busyPoll() {
            return group.equals("busy-poll");
        }
    }

    /** One client run's outcome. */
    record Run(
            Case c,
            int round,
            Pair pair,
            int exitCode,
            double wallSec,
            Map<String, Double> values,
            String output,
            long serverRssMaxKb) {}

    private final Options opt;
    private final Path outDir;
    private final List<Run> runs = new ArrayList<>();
    private final Map<String, Map<String, Double>> startup = new LinkedHashMap<>();
    private final Map<Layout, Long> serverHwmKb = new TreeMap<>();
    private final StringBuilder log = new StringBuilder();

    private CompareWithQperf(final Options opt) throws IOException {
        this.opt = opt;
        this.outDir = opt.out.resolve(STAMP.format(Instant.now()) + (opt.quick ? "-quick" : ""));
        Files.createDirectories(outDir);
    }

    /** Entry point. */
    public static void main(final String[] args) throws Exception {
        final Options o = Options.parse(args);
        final CompareWithQperf h = new CompareWithQperf(o);
        final int code = h.run();
        System.exit(code);
    }

    private int run() throws Exception {
        final long t0 = System.nanoTime();
        final List<Case> cases = cases();
        say("jqperf vs qperf: " + cases.size() + " cases, " + opt.pairs + " rounds each; results in " + outDir);
        say("qperf: " + String.join(" ", opt.qperf) + "; jqperf: " + String.join(" ", opt.jqperf));
        if (opt.startup) {
            measureStartup();
        }
        for (final Layout layout : Layout.values()) {
            final List<Case> mine =
                    cases.stream().filter(c -> c.layout() == layout).toList();
            if (mine.isEmpty()) {
                continue;
            }
            try (Server q = Server.start("qperf", opt.qperf, layout, freePort(), opt, this);
                    Server j = Server.start("jqperf", opt.jqperf, layout, freePort(), opt, this)) {
                for (final Case c : mine) {
                    if (!c.busyPoll()) {
                        runCase(c, q, j);
                    }
                }
                serverHwmKb.put(layout, j.hwmKb());
                if (mine.stream().anyMatch(Case::busyPoll)) {
                    final List<String> busy = new ArrayList<>(opt.jqperf);
                    busy.add("--busy-poll");
                    try (Server jb = Server.start("jqperf --busy-poll", busy, layout, freePort(), opt, this)) {
                        for (final Case c : mine) {
                            if (c.busyPoll()) {
                                runCase(c, q, jb);
                            }
                        }
                    }
                }
            }
        }
        final double minutes = (System.nanoTime() - t0) / 60e9;
        say(String.format(Locale.ROOT, "done in %.1f min", minutes));
        write(cases, minutes);
        final long failed = runs.stream()
                .filter(r -> r.exitCode() != 0 || r.values().isEmpty())
                .count();
        if (failed > 0) {
            say(failed + " run(s) failed; see runs.json");
        }
        return failed == runs.size() ? 1 : 0;
    }

    private List<Case> cases() {
        final int t = opt.timeSec;
        final List<Case> all = new ArrayList<>();
        for (final Layout l : Layout.values()) {
            // Mixed pairs on the four headline cases of the split layout only: keeps the full run under 10 minutes.
            final boolean mixed = opt.mixed && l == Layout.SPLIT;
            all.add(new Case("main", "tcp_bw", 65_536, l, t, mixed));
            all.add(new Case("main", "udp_bw", 32_768, l, t, mixed));
            all.add(new Case("main", "udp_bw", 1_024, l, t, false));
            all.add(new Case("main", "tcp_lat", 1, l, t, mixed));
            all.add(new Case("main", "tcp_lat", 16_384, l, t, false));
            all.add(new Case("main", "udp_lat", 1, l, t, mixed));
        }
        if (opt.busyPoll) {
            // the opt-in polling mode beside the default one (target: <= 0.20x qperf's latency, split layout)
            all.add(new Case("busy-poll", "tcp_lat", 1, Layout.SPLIT, t, false));
            all.add(new Case("busy-poll", "udp_lat", 1, Layout.SPLIT, t, false));
        }
        if (opt.sweep) {
            final int[] sizes =
                    opt.quick ? new int[] {1, 1_024, 65_536} : new int[] {1, 64, 1_024, 4_096, 16_384, 65_536};
            for (final String test : new String[] {"tcp_bw", "tcp_lat"}) {
                for (final int size : sizes) {
                    final boolean covered = all.stream()
                            .anyMatch(
                                    c -> c.layout() == Layout.SPLIT && c.test().equals(test) && c.msgSize() == size);
                    if (!covered) {
                        all.add(new Case("sweep", test, size, Layout.SPLIT, opt.sweepTimeSec, false));
                    }
                }
            }
        }
        return all.stream()
                .filter(c -> opt.only == null || opt.only.matcher(c.id()).find())
                .toList();
    }

    private void runCase(final Case c, final Server q, final Server j) throws Exception {
        final List<Pair> order = new ArrayList<>(List.of(Pair.QQ, Pair.JJ));
        if (c.mixed()) {
            order.add(Pair.JQ);
            order.add(Pair.QJ);
        }
        for (int round = 1; round <= opt.pairs; round++) {
            for (final Pair p : order) {
                final Server server = p.server.equals("qperf") ? q : j;
                final List<String> client = new ArrayList<>(p.client.equals("qperf") ? opt.qperf : opt.jqperf);
                if (c.busyPoll() && p.client.equals("jqperf")) {
                    client.add("--busy-poll");
                }
                final Run r = runClient(c, round, p, client, server);
                runs.add(r);
                final String key = mainMetric(c.test());
                say(String.format(
                        Locale.ROOT,
                        "%-22s round %d %-28s %s = %s%s",
                        c.id(),
                        round,
                        p.label,
                        key,
                        r.values().containsKey(key) ? fmt(r.values().get(key)) : "FAILED (exit " + r.exitCode() + ")",
                        r.serverRssMaxKb() > 0 ? "  server RSS max " + r.serverRssMaxKb() / 1024 + " MiB" : ""));
            }
        }
    }

    private Run runClient(final Case c, final int round, final Pair p, final List<String> client, final Server server)
            throws Exception {
        final List<String> cmd = new ArrayList<>(List.of("taskset", "-c", Integer.toString(c.layout().clientCpu)));
        cmd.addAll(client);
        cmd.addAll(List.of(
                "127.0.0.1",
                "-lp",
                Integer.toString(server.port),
                "-t",
                Integer.toString(c.timeSec()),
                "-m",
                Integer.toString(c.msgSize()),
                "-v",
                "-uu",
                c.test()));
        final long start = System.nanoTime();
        final Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        final boolean sampleRss = c.test().equals("tcp_bw") && server.name.equals("jqperf");
        long rssMax = 0;
        final OutputCollector reader = OutputCollector.start(proc.getInputStream());
        final long deadline = start + TimeUnit.SECONDS.toNanos(c.timeSec() + 25L);
        while (proc.isAlive() && System.nanoTime() < deadline) {
            if (sampleRss) {
                rssMax = Math.max(rssMax, server.rssKb());
            }
            proc.waitFor(100, TimeUnit.MILLISECONDS);
        }
        if (proc.isAlive()) {
            proc.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        reader.join(2000);
        final String out = reader.text();
        final double wall = (System.nanoTime() - start) / 1e9;
        final int exit = proc.exitValue();
        return new Run(c, round, p, exit, wall, parse(out), out, rssMax);
    }

    /** Parses qperf's {@code -v -uu} lines: {@code name = number unit}; unified units make every number plain. */
    static Map<String, Double> parse(final String output) {
        final Map<String, Double> m = new LinkedHashMap<>();
        for (final String line : output.split("\n")) {
            final Matcher x = LINE.matcher(line);
            if (x.matches()) {
                m.put(x.group(1), Double.parseDouble(x.group(2)));
            }
        }
        return m;
    }

    private static String mainMetric(final String test) {
        return switch (test) {
            case "tcp_bw" -> "bw";
            case "udp_bw" -> "recv_bw";
            default -> "latency";
        };
    }

    /** Metrics compared per test, in table order. */
    private static List<String> metrics(final String test) {
        return switch (test) {
            case "tcp_bw" -> List.of("bw", "msg_rate", "send_cost", "recv_cost");
            case "udp_bw" -> List.of("send_bw", "recv_bw", "msg_rate", "send_cost", "recv_cost");
            default -> List.of("latency", "msg_rate", "loc_cpus_used", "rem_cpus_used");
        };
    }

    /** Start-up: process start → 200-byte REQ received by a fake server on loopback (client on CPU 0). */
    private void measureStartup() throws Exception {
        final int n = opt.quick ? 3 : 7;
        for (final String impl : List.of("qperf", "jqperf")) {
            final List<String> base = impl.equals("qperf") ? opt.qperf : opt.jqperf;
            final double[] ms = new double[n];
            for (int i = 0; i < n; i++) {
                try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    ss.setSoTimeout(20_000);
                    final List<String> cmd = new ArrayList<>(List.of("taskset", "-c", "0"));
                    cmd.addAll(base);
                    cmd.addAll(List.of("127.0.0.1", "-lp", Integer.toString(ss.getLocalPort()), "-t", "1", "tcp_lat"));
                    final long t0 = System.nanoTime();
                    final Process p = new ProcessBuilder(cmd)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
                    try (Socket s = ss.accept();
                            InputStream in = s.getInputStream()) {
                        int got = 0;
                        final byte[] buf = new byte[REQ_LENGTH];
                        while (got < REQ_LENGTH) {
                            final int k = in.read(buf, got, REQ_LENGTH - got);
                            if (k < 0) {
                                break;
                            }
                            got += k;
                        }
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                        if (got < REQ_LENGTH) {
                            ms[i] = Double.NaN;
                        }
                    }
                    if (!p.waitFor(10, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            }
            final Map<String, Double> st = stats(ms);
            startup.put(impl, st);
            say(String.format(
                    Locale.ROOT,
                    "start-up %s: median %.1f ms (min %.1f, max %.1f) over %d runs",
                    impl,
                    st.get("median"),
                    st.get("min"),
                    st.get("max"),
                    n));
        }
    }

    // ---- output -------------------------------------------------------------------------------------------------

    private void write(final List<Case> cases, final double minutes) throws IOException {
        Files.writeString(outDir.resolve("runs.csv"), csv());
        Files.writeString(outDir.resolve("runs.json"), json());
        final String md = markdown(cases, minutes);
        Files.writeString(outDir.resolve("summary.md"), md);
        Files.writeString(outDir.resolve("harness.log"), log);
        System.out.println();
        System.out.println(md);
        say("wrote " + outDir.resolve("summary.md") + ", runs.csv, runs.json, harness.log");
    }

    private String csv() {
        final List<String> cols = List.of(
                "bw",
                "send_bw",
                "recv_bw",
                "latency",
                "msg_rate",
                "send_cost",
                "recv_cost",
                "send_cpus_used",
                "recv_cpus_used",
                "loc_cpus_used",
                "rem_cpus_used",
                "time");
        final StringBuilder b = new StringBuilder("group,test,msg_size,layout,time_s,round,pair,client,server,exit,"
                + "wall_s,server_rss_max_kb," + String.join(",", cols) + "\n");
        for (final Run r : runs) {
            b.append(String.join(
                    ",",
                    r.c().group(),
                    r.c().test(),
                    Integer.toString(r.c().msgSize()),
                    r.c().layout().id(),
                    Integer.toString(r.c().timeSec()),
                    Integer.toString(r.round()),
                    r.pair().name().toLowerCase(Locale.ROOT),
                    r.pair().client,
                    r.pair().server,
                    Integer.toString(r.exitCode()),
                    String.format(Locale.ROOT, "%.3f", r.wallSec()),
                    Long.toString(r.serverRssMaxKb())));
            for (final String col : cols) {
                final Double v = r.values().get(col);
                b.append(',').append(v == null ? "" : fmtRaw(v));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private String json() {
        final StringBuilder b = new StringBuilder("{\n  \"machine\": ")
                .append(jsonMap(machine()))
                .append(",\n  \"startup_ms\": {");
        int k = 0;
        for (final var e : startup.entrySet()) {
            b.append(k++ > 0 ? ", " : "")
                    .append('"')
                    .append(e.getKey())
                    .append("\": ")
                    .append(jsonNumbers(e.getValue()));
        }
        b.append("},\n  \"server_hwm_kb\": {");
        k = 0;
        for (final var e : serverHwmKb.entrySet()) {
            b.append(k++ > 0 ? ", " : "")
                    .append('"')
                    .append(e.getKey().id())
                    .append("\": ")
                    .append(e.getValue());
        }
        b.append("},\n  \"runs\": [\n");
        for (int i = 0; i < runs.size(); i++) {
            final Run r = runs.get(i);
            b.append("    {\"case\": \"")
                    .append(r.c().id())
                    .append("\", \"group\": \"")
                    .append(r.c().group())
                    .append("\", \"round\": ")
                    .append(r.round())
                    .append(", \"pair\": \"")
                    .append(r.pair().name().toLowerCase(Locale.ROOT))
                    .append("\", \"exit\": ")
                    .append(r.exitCode())
                    .append(", \"wall_s\": ")
                    .append(String.format(Locale.ROOT, "%.3f", r.wallSec()))
                    .append(", \"server_rss_max_kb\": ")
                    .append(r.serverRssMaxKb())
                    .append(", \"values\": ")
                    .append(jsonNumbers(r.values()))
                    .append(", \"output\": \"")
                    .append(escape(r.output()))
                    .append("\"}")
                    .append(i + 1 < runs.size() ? ",\n" : "\n");
        }
        return b.append("  ]\n}\n").toString();
    }

    private String markdown(final List<Case> cases, final double minutes) {
        final StringBuilder b = new StringBuilder();
        final Map<String, String> m = machine();
        b.append("# jqperf vs qperf on loopback\n\n");
        b.append("- date: ")
                .append(m.get("date"))
                .append(", ")
                .append(String.format(Locale.ROOT, "%.1f", minutes))
                .append(" min")
                .append(opt.quick ? " (**--quick**)" : "")
                .append('\n');
        b.append("- machine: ")
                .append(m.get("nproc"))
                .append(" CPUs, ")
                .append(m.get("cpu"))
                .append(", kernel ")
                .append(m.get("kernel"))
                .append(", ")
                .append(m.get("jdk"))
                .append('\n');
        b.append("- qperf: `")
                .append(String.join(" ", opt.qperf))
                .append("`; jqperf: `")
                .append(String.join(" ", opt.jqperf))
                .append("`\n");
        b.append("- ")
                .append(opt.pairs)
                .append(" alternating rounds per case; split = server `taskset -c 1`, client ")
                .append("`taskset -c 0`; same = both `taskset -c 0`; ratio = median(jqperf) / median(qperf); ")
                .append("[min–max] over the rounds; bandwidth in bytes/s, latency in ns, cost in ns/GB, cpus in %\n\n");
        if (!startup.isEmpty()) {
            b.append(
                    "## Start-up (process start → REQ on the wire)\n\n| impl | median | min | max |\n|---|---|---|---|\n");
            startup.forEach((impl, st) -> b.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f ms | %.1f ms | %.1f ms |%n",
                    impl,
                    st.get("median"),
                    st.get("min"),
                    st.get("max"))));
            b.append('\n');
        }
        if (!serverHwmKb.isEmpty()) {
            final long rss = runs.stream().mapToLong(Run::serverRssMaxKb).max().orElse(0);
            b.append("## jqperf server memory\n\n- RSS sampled every 100 ms during tcp_bw: max ")
                    .append(String.format(Locale.ROOT, "%.1f MiB", rss / 1024.0))
                    .append("; VmHWM at the end of each layout: ");
            serverHwmKb.forEach((l, kb) -> b.append(l.id())
                    .append(' ')
                    .append(String.format(Locale.ROOT, "%.1f MiB", kb / 1024.0))
                    .append("; "));
            b.append("\n\n");
        }
        for (final String group : List.of("main", "busy-poll", "sweep")) {
            final List<Case> gc =
                    cases.stream().filter(c -> c.group().equals(group)).toList();
            if (gc.isEmpty()) {
                continue;
            }
            b.append(
                    switch (group) {
                        case "main" -> "## Main cases\n\n";
                        case "busy-poll" -> "## jqperf --busy-poll (both sides) against qperf, split layout\n\n";
                        default -> "## Message-size sweep (split layout)\n\n";
                    });
            b.append("| case | metric | qperf median [min–max] | jqperf median [min–max] | jqperf/qperf |"
                    + " jq client→q server | q client→jq server |\n|---|---|---|---|---|---|---|\n");
            for (final Case c : gc) {
                for (final String metric : metrics(c.test())) {
                    final Map<String, Double> qq = stats(values(c, Pair.QQ, metric));
                    final Map<String, Double> jj = stats(values(c, Pair.JJ, metric));
                    if (qq.get("n") == 0 && jj.get("n") == 0) {
                        continue;
                    }
                    b.append("| ")
                            .append(c.test())
                            .append(' ')
                            .append(size(c.msgSize()))
                            .append(' ')
                            .append(c.layout().id())
                            .append(" | ")
                            .append(metric)
                            .append(" | ")
                            .append(cell(qq))
                            .append(" | ")
                            .append(cell(jj))
                            .append(" | ")
                            .append(ratio(jj, qq))
                            .append(" | ");
                    if (c.mixed()) {
                        b.append(ratio(stats(values(c, Pair.JQ, metric)), qq))
                                .append(" | ")
                                .append(ratio(stats(values(c, Pair.QJ, metric)), qq))
                                .append(" |\n");
                    } else {
                        b.append("– | – |\n");
                    }
                }
            }
            b.append('\n');
        }
        b.append("Mixed columns: median of that pairing / median of qperf↔qperf.\n");
        return b.toString();
    }

    private double[] values(final Case c, final Pair p, final String metric) {
        return runs.stream()
                .filter(r -> r.c().equals(c) && r.pair() == p && r.values().containsKey(metric))
                .mapToDouble(r -> r.values().get(metric))
                .toArray();
    }

    static Map<String, Double> stats(final double[] xs) {
        final double[] s =
                Arrays.stream(xs).filter(x -> !Double.isNaN(x)).sorted().toArray();
        final Map<String, Double> m = new LinkedHashMap<>();
        m.put("n", (double) s.length);
        if (s.length == 0) {
            m.put("median", Double.NaN);
            m.put("min", Double.NaN);
            m.put("max", Double.NaN);
            return m;
        }
        final int h = s.length / 2;
        m.put("median", s.length % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2);
        m.put("min", s[0]);
        m.put("max", s[s.length - 1]);
        return m;
    }

    private static String cell(final Map<String, Double> st) {
        if (st.get("n") == 0) {
            return "n/a";
        }
        return fmt(st.get("median")) + " [" + fmt(st.get("min")) + "–" + fmt(st.get("max")) + "]";
    }

    private static String ratio(final Map<String, Double> a, final Map<String, Double> q) {
        if (a.get("n") == 0 || q.get("n") == 0 || q.get("median") == 0) {
            return "n/a";
        }
        return String.format(
                Locale.ROOT,
                "**%.2f×** [%.2f–%.2f]",
                a.get("median") / q.get("median"),
                a.get("min") / q.get("median"),
                a.get("max") / q.get("median"));
    }

    private static String size(final int bytes) {
        return bytes >= 1024 && bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }

    static String fmt(final double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        final double a = Math.abs(v);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.3g G", v / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.3g M", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.3g k", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String fmtRaw(final double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private Map<String, String> machine() {
        final Map<String, String> m = new LinkedHashMap<>();
        m.put(
                "date",
                DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        m.put("nproc", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("cpu", cpuModel());
        m.put("kernel", System.getProperty("os.version"));
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("qperf", String.join(" ", opt.qperf));
        m.put("jqperf", String.join(" ", opt.jqperf));
        m.put("pairs", Integer.toString(opt.pairs));
        m.put("time_s", Integer.toString(opt.timeSec));
        m.put("sweep_time_s", Integer.toString(opt.sweepTimeSec));
        return m;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String jsonMap(final Map<String, String> m) {
        final StringBuilder b = new StringBuilder("{");
        int i = 0;
        for (final var e : m.entrySet()) {
            b.append(i++ > 0 ? ", " : "")
                    .append('"')
                    .append(e.getKey())
                    .append("\": \"")
                    .append(escape(e.getValue()))
                    .append('"');
        }
        return b.append('}').toString();
    }

    private static String jsonNumbers(final Map<String, Double> m) {
        final StringBuilder b = new StringBuilder("{");
        int i = 0;
        for (final var e : m.entrySet()) {
            b.append(i++ > 0 ? ", " : "")
                    .append('"')
                    .append(e.getKey())
                    .append("\": ")
                    .append(Double.isNaN(e.getValue()) ? "null" : fmtRaw(e.getValue()));
        }
        return b.append('}').toString();
    }

    private static String escape(final String s) {
        final StringBuilder b = new StringBuilder();
        for (final char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }

    void say(final String line) {
        System.out.println(line);
        System.out.flush();
        log.append(line).append('\n');
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            final int p = s.getLocalPort();
            if (p == 19_765) {
                return freePort();
            }
            return p;
        }
    }

    // ---- processes ----------------------------------------------------------------------------------------------

    /** A pinned server process (stock or jqperf) on a private port. */
    static final class Server implements AutoCloseable {
        final String name;
        final int port;
        final Process process;
        private final OutputCollector drain;

        private Server(final String name, final int port, final Process process) {
            this.name = name;
            this.port = port;
            this.process = process;
            this.drain = OutputCollector.start(process.getInputStream());
        }

        static Server start(
                final String name,
                final List<String> base,
                final Layout layout,
                final int port,
                final Options opt,
                final CompareWithQperf h)
                throws Exception {
            final List<String> cmd = new ArrayList<>(List.of("taskset", "-c", Integer.toString(layout.serverCpu)));
            cmd.addAll(base);
            cmd.addAll(List.of("-lp", Integer.toString(port)));
            final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            final Server s = new Server(name, port, p);
            // Ready when a stock client's conf test gets an answer (works against both servers).
            final List<String> probe = new ArrayList<>(opt.qperf);
            probe.addAll(List.of("127.0.0.1", "-lp", Integer.toString(port), "-ws", "20", "conf"));
            final Process pr = new ProcessBuilder(probe)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!pr.waitFor(30, TimeUnit.SECONDS) || pr.exitValue() != 0 || !p.isAlive()) {
                pr.destroyForcibly();
                s.close();
                throw new IOException(name + " server on port " + port + " did not answer conf: " + s.drain.text());
            }
            h.say(name + " server (pid " + p.pid() + ") on 127.0.0.1:" + port + ", CPU " + layout.serverCpu);
            return s;
        }

        long rssKb() {
            return status("VmRSS:");
        }

        long hwmKb() {
            return status("VmHWM:");
        }

        private long status(final String key) {
            try {
                for (final String l : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    if (l.startsWith(key)) {
                        return Long.parseLong(l.substring(key.length()).trim().split("\\s+")[0]);
                    }
                }
            } catch (IOException | UncheckedIOException | NumberFormatException e) {
                return 0;
            }
            return 0;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Collects a process's output on a daemon thread. */
    static final class OutputCollector extends Thread {
        private final InputStream in;
        private final StringBuffer text = new StringBuffer();

        private OutputCollector(final InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        static OutputCollector start(final InputStream in) {
            final OutputCollector t = new OutputCollector(in);
            t.start();
            return t;
        }

        @Override
        public void run() {
            final byte[] buf = new byte[8192];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        String text() {
            return text.toString();
        }
    }

    /** Command-line options. */
    static final class Options {
        boolean quick;
        int pairs = 5;
        int timeSec = 2;
        int sweepTimeSec = 1;
        List<String> qperf = List.of("/usr/bin/qperf");
        List<String> jqperf = List.of("./jqperf");
        Path out = Path.of("jmh-benchmarks/results");
        Pattern only;
        boolean sweep = true;
        boolean mixed = true;
        boolean busyPoll = true;
        boolean startup = true;

        static Options parse(final String[] args) {
            final Options o = new Options();
            boolean pairsSet = false;
            boolean timeSet = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> o.quick = true;
                    case "--pairs" -> {
                        o.pairs = Integer.parseInt(args[++i]);
                        pairsSet = true;
                    }
                    case "--time" -> {
                        o.timeSec = Integer.parseInt(args[++i]);
                        timeSet = true;
                    }
                    case "--sweep-time" -> o.sweepTimeSec = Integer.parseInt(args[++i]);
                    case "--qperf" -> o.qperf = List.of(args[++i].trim().split("\\s+"));
                    case "--jqperf" -> o.jqperf = List.of(args[++i].trim().split("\\s+"));
                    case "--out" -> o.out = Path.of(args[++i]);
                    case "--only" -> o.only = Pattern.compile(args[++i]);
                    case "--no-sweep" -> o.sweep = false;
                    case "--no-mixed" -> o.mixed = false;
                    case "--no-busy-poll" -> o.busyPoll = false;
                    case "--no-startup" -> o.startup = false;
                    default ->
                        throw new IllegalArgumentException("unknown option " + args[i] + " (see the class comment of "
                                + CompareWithQperf.class.getName() + ")");
                }
            }
            if (o.quick) {
                o.pairs = pairsSet ? o.pairs : 2;
                o.timeSec = timeSet ? o.timeSec : 1;
            }
            return o;
        }
    }
}
