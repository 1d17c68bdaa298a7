package io.github.jqperf.cli;

import io.github.jqperf.cli.args.JqperfExtras;
import io.github.jqperf.cli.args.ParsedCommandLine;
import io.github.jqperf.cli.args.QperfCommandLine;
import io.github.jqperf.cli.args.Step;
import io.github.jqperf.engine.AllowList;
import io.github.jqperf.engine.ClientConfig;
import io.github.jqperf.engine.DataPathMode;
import io.github.jqperf.engine.LocalNode;
import io.github.jqperf.engine.Measurement;
import io.github.jqperf.engine.QperfClient;
import io.github.jqperf.engine.QperfServer;
import io.github.jqperf.engine.ServerConfig;
import io.github.jqperf.engine.TestListener;
import io.github.jqperf.engine.error.CannotConnectException;
import io.github.jqperf.engine.error.PeerException;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.report.CpuScope;
import io.github.jqperf.engine.report.ExtraLine;
import io.github.jqperf.engine.report.QperfTextFormat;
import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.result.IntervalSample;
import io.github.jqperf.engine.result.Result;
import io.github.jqperf.engine.spec.MeasureOptions;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code jqperf} command. picocli carries the invocation (streams, exit codes, in-process testing); the words
 * themselves are qperf's command line, which is applied strictly left to right with values persisting from test to
 * test (docs/protocol.md §9.1), so they go verbatim to {@link QperfCommandLine} and its steps are carried out here in order.
 */
@Command(name = "jqperf", description = "qperf 0.4.11-compatible network measurement", usageHelpAutoWidth = true)
public final class JqperfCommand implements Callable<Integer> {
    /** Everything on the command line, verbatim: qperf's grammar is not picocli's. */
    @Parameters(arity = "0..*", paramLabel = "ARG")
    private List<String> words = new ArrayList<>();

    @Spec
    private CommandLine.Model.CommandSpec spec;

    private PrintStream out;
    private final HdrLogFile hdrLog = new HdrLogFile();
    private PrintStream err;
    private QperfServer loopbackServer;
    private QperfClient client;
    private ClientConfig clientConfig;
    private boolean epollWarned;

    /** A picocli command line writing to {@code out} and {@code err}. */
    static CommandLine commandLine(final PrintStream out, final PrintStream err) {
        final JqperfCommand cmd = new JqperfCommand();
        cmd.out = out;
        cmd.err = err;
        final CommandLine cl = new CommandLine(cmd);
        cl.setUnmatchedOptionsArePositionalParams(true);
        cl.setExpandAtFiles(false);
        cl.setEndOfOptionsDelimiter("\u0000");
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            err.println("jqperf: internal error: " + ex);
            return 1;
        });
        return cl;
    }

    @Override
    public Integer call() {
        final ParsedCommandLine parsed = QperfCommandLine.parse(words);
        try {
            for (final Step step : parsed.steps()) {
                final Integer exit = carryOut(step);
                out.flush();
                if (exit != null) {
                    return exit;
                }
            }
            return 0;
        } finally {
            closeClient();
            if (loopbackServer != null) {
                loopbackServer.close();
            }
        }
    }

    /** Carries out one step; returns an exit code when the program ends with it. */
    private Integer carryOut(final Step step) {
        if (step instanceof Step.Warn w) {
            out.println(w.text());
            return null;
        }
        if (step instanceof Step.Help h) {
            out.print(h.text());
            return 0;
        }
        if (step instanceof Step.Version v) {
            out.println(v.text());
            return 0;
        }
        if (step instanceof Step.Fail f) {
            for (final String line : f.lines()) {
                out.println(line);
            }
            return f.exitCode();
        }
        if (step instanceof Step.Serve s) {
            return serve(s);
        }
        return runTest((Step.RunTest) step);
    }

    private Integer serve(final Step.Serve s) {
        warnIfNoEpoll();
        final QperfServer server;
        try {
            server = QperfServer.start(ServerConfig.defaults()
                    .withListenPort(s.listenPort())
                    .withRequestTimeoutSec(s.requestTimeoutSeconds())
                    .withLog(this::serverLog)
                    .withPollMode(pollMode(s.extras()))
                    .withLimits(serverLimits(s.extras())));
        } catch (QperfException e) {
            out.println(e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "jqperf-shutdown"));
        try {
            while (!server.awaitStop(1, TimeUnit.DAYS)) {
                // serve until quit or SIGTERM
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        return 0;
    }

    /** {@code --max-time}, {@code --max-msg-size}, {@code --allow}, {@code --queue} (docs/operations.md). */
    static ServerConfig.Limits serverLimits(final JqperfExtras x) {
        return new ServerConfig.Limits(
                x.maxTimeSeconds().orElse(0),
                x.maxMsgSize().orElse(0),
                AllowList.parse(x.allow().orElse("")),
                x.queue().orElse(ServerConfig.DEFAULT_QUEUE));
    }

    private synchronized void serverLog(final String line) {
        out.println(line);
        out.flush();
    }

    private Integer runTest(final Step.RunTest t) {
        out.println(t.testName() + ":");
        for (final String w : t.warnings()) {
            out.println(w);
        }
        out.flush();
        try {
            final QperfClient c = client(t);
            switch (t.kind()) {
                case CONF -> {
                    final Conf remote = c.conf(t.params());
                    print(QperfTextFormat.formatConf(LocalNode.conf(), remote));
                }
                case QUIT -> c.quit(t.params());
                default -> {
                    if (t.kind() == TestKind.UDP_BW && t.extras().findRate()) {
                        findRate(c, t);
                        return null;
                    }
                    final TestSpec spec = TestSpec.of(t.kind(), t.params());
                    final Measurement m =
                            c.measure(spec.kind(), spec.params(), measureOptions(t.extras()), intervalPrinter(t));
                    print(QperfTextFormat.formatResult(
                            Result.of(spec, m.local(), m.remote(), m.observed()),
                            t.output(),
                            extraLines(t.extras()),
                            CpuScope.valueOf(t.extras().cpuScope().name())));
                    writeHdrLog(t, m);
                    warnIfNoEpoll(); // after the run: loading the native transport must not delay the REQ
                }
            }
            return null;
        } catch (PeerException e) {
            out.flush();
            err.println("server: " + e.peerMessage());
            return 1;
        } catch (QperfException e) {
            out.println(e.getMessage());
            return 1;
        }
    }

    /** {@code --interval}: one line per sample as the test runs (docs/latency.md), else nobody is told. */
    private TestListener intervalPrinter(final Step.RunTest t) {
        if (t.extras().intervalSeconds().isEmpty()) {
            return null;
        }
        return new TestListener() {
            @Override
            public void onInterval(final IntervalSample sample) {
                synchronized (JqperfCommand.this) {
                    out.println(QperfTextFormat.formatInterval(sample, t.output()));
                    out.flush();
                }
            }
        };
    }

    /** {@code --hdr-log FILE}: the latency test's histogram in HdrHistogram's log format. */
    private void writeHdrLog(final Step.RunTest t, final Measurement m) {
        final var path = t.extras().hdrLog();
        if (path.isPresent() && m.observed().latency().isPresent()) {
            hdrLog.write(path.get(), t.testName(), m.observed().latency().get());
        }
    }

    /** {@code --find-rate}: the search's lines instead of one run's table. */
    private void findRate(final QperfClient c, final Step.RunTest t) {
        final JqperfExtras x = t.extras();
        final long budgetNs = TimeUnit.SECONDS.toNanos(x.findTimeSeconds());
        print(QperfTextFormat.formatRateSearch(
                c.findRate(t.params(), measureOptions(x), x.maxLossPercent() / 100, budgetNs), t.output()));
        warnIfNoEpoll();
    }

    private void print(final List<String> lines) {
        for (final String l : lines) {
            out.println(l);
        }
    }

    /** The client for this test's host and ports, starting the in-process server for {@code --loopback}. */
    private QperfClient client(final Step.RunTest t) {
        String host = t.host();
        int port = t.listenPort();
        if (t.loopback()) {
            if (loopbackServer == null) {
                warnIfNoEpoll();
                loopbackServer = QperfServer.start(ServerConfig.defaults()
                        .withListenPort(0)
                        .withBindAddress(InetAddress.getLoopbackAddress())
                        .withLog(this::serverLog)
                        .withPollMode(pollMode(t.extras())));
            }
            host = "127.0.0.1";
            port = loopbackServer.port();
        }
        if (port < 1 || port > 65535) {
            // qperf cannot connect to port 0 (or a truncated one) and says so in its usual words
            throw new CannotConnectException(host + ": failed to connect");
        }
        final ClientConfig wanted = ClientConfig.of(host)
                .withListenPort(port)
                .withWaitServerSec(t.waitServerSeconds())
                .withPollMode(pollMode(t.extras()));
        if (!Objects.equals(wanted, clientConfig)) {
            closeClient();
            client = new QperfClient(wanted);
            clientConfig = wanted;
        }
        return client;
    }

    /** The jqperf-only lines the options ask the text output for. */
    static Set<ExtraLine> extraLines(final JqperfExtras x) {
        final Set<ExtraLine> lines = EnumSet.noneOf(ExtraLine.class);
        if (x.percentiles()) {
            lines.add(ExtraLine.PERCENTILES);
        }
        if (x.loss()) {
            lines.add(ExtraLine.LOSS);
        }
        return lines;
    }

    /** What the jqperf-only options ask the engine to record beyond qperf's figures (nothing by default). */
    static MeasureOptions measureOptions(final JqperfExtras x) {
        final boolean wantsLatency = x.percentiles()
                || x.json()
                || x.hdrLog().isPresent()
                || x.intervalSeconds().isPresent();
        return MeasureOptions.NONE
                .withLatencyRecording(wantsLatency)
                .withIntervalNanos(Math.round(x.intervalSeconds().orElse(0) * 1e9))
                .withRateBitsPerSec(x.rateBitsPerSec().orElse(0))
                .withUsage(x.json() || x.cpuScope() != JqperfExtras.CpuScope.SYSTEM);
    }

    /** {@code --busy-poll}, else the mode named by the {@code jqperf.poll} system property, else blocking. */
    private static DataPathMode pollMode(final JqperfExtras extras) {
        if (extras.busyPoll()) {
            return DataPathMode.BUSY_POLL;
        }
        final String name = System.getProperty("jqperf.poll", DataPathMode.BLOCK.name());
        try {
            return DataPathMode.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new QperfException("unknown data-path mode -Djqperf.poll=" + name + "; use one of "
                    + java.util.Arrays.toString(DataPathMode.values()));
        }
    }

    private void closeClient() {
        if (client != null) {
            client.close();
            client = null;
            clientConfig = null;
        }
    }

    private void warnIfNoEpoll() {
        final java.util.Optional<String> reason = LocalNode.epollUnavailableReason();
        if (reason.isPresent() && !epollWarned) {
            epollWarned = true;
            err.println("jqperf: warning: " + reason.get());
        }
    }
}
