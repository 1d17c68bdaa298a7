package io.github.jqperf.cli;

import io.github.jqperf.cli.args.JqperfExtras;
import io.github.jqperf.cli.args.ParsedCommandLine;
import io.github.jqperf.cli.args.QperfCommandLine;
import io.github.jqperf.cli.args.Step;
import io.github.jqperf.cli.output.Progress;
import io.github.jqperf.cli.output.Reporter;
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
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.result.IntervalSample;
import io.github.jqperf.engine.result.RateSearchResult;
import io.github.jqperf.engine.result.Result;
import io.github.jqperf.engine.spec.MeasureOptions;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
    /** stdout and stderr are terminals: progress may be shown. */
    private boolean terminal;
    /** What the tests print (text, JSON or CSV): chosen once per command line. */
    private Reporter reporter;

    private Progress progress;

    /** A picocli command line writing to {@code out} and {@code err}, neither of them a terminal. */
    static CommandLine commandLine(final PrintStream out, final PrintStream err) {
        return commandLine(out, err, false);
    }

    /** A picocli command line writing to {@code out} and {@code err}; {@code terminal}: both are terminals. */
    static CommandLine commandLine(final PrintStream out, final PrintStream err, final boolean terminal) {
        final JqperfCommand cmd = new JqperfCommand();
        cmd.out = out;
        cmd.err = err;
        cmd.terminal = terminal;
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
        if (Reporter.Format.conflicting(parsed)) {
            out.println("jqperf: --json and --csv cannot be used together; choose one");
            return 1;
        }
        reporter = Reporter.choose(parsed, words, out, err);
        progress = new Progress(err, Progress.enabled(terminal, reporter, false));
        try {
            for (final Step step : parsed.steps()) {
                final Integer exit = carryOut(step);
                out.flush();
                if (exit != null) {
                    return step instanceof Step.Help || step instanceof Step.Version
                            ? exit
                            : reporter.finish(exit, this::remoteConf);
                }
            }
            return reporter.finish(0, this::remoteConf);
        } catch (RuntimeException e) {
            return reporter.finish(reporter.internalError(e), t -> null); // no server is asked after a bug
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
            reporter.warning(w.text());
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
            return reporter.commandFailed(f);
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

    /** {@code --max-time}, {@code --max-msg-size}, {@code --allow}, {@code --queue}, {@code --idle-limit} (docs/operations.md). */
    static ServerConfig.Limits serverLimits(final JqperfExtras x) {
        return new ServerConfig.Limits(
                x.maxTimeSeconds().orElse(0),
                x.maxMsgSize().orElse(0),
                AllowList.parse(x.allow().orElse("")),
                x.queue().orElse(ServerConfig.DEFAULT_QUEUE),
                x.idleLimitSeconds().orElse(ServerConfig.DEFAULT_IDLE_SEC));
    }

    private synchronized void serverLog(final String line) {
        final PrintStream log = reporter == null ? out : reporter.serverLog();
        log.println(line);
        log.flush();
    }

    private Integer runTest(final Step.RunTest t) {
        reporter.started(t);
        try {
            final QperfClient c = client(t);
            reporter.serverPort(t, clientConfig.listenPort());
            switch (t.kind()) {
                case CONF -> {
                    final Conf remote = c.conf(t.params());
                    reporter.conf(t, LocalNode.conf(), remote);
                }
                case QUIT -> {
                    c.quit(t.params());
                    reporter.quit(t);
                }
                default -> {
                    if (t.kind() == TestKind.UDP_BW && t.extras().findRate()) {
                        findRate(c, t);
                        return null;
                    }
                    final TestSpec spec = TestSpec.of(t.kind(), t.params());
                    final Measurement m;
                    try (Progress.Shown shown = progress.show(t)) {
                        m = c.measure(spec.kind(), spec.params(), measureOptions(t.extras()), intervalReporter(t));
                    }
                    reporter.measured(t, Result.of(spec, m.local(), m.remote(), m.observed()));
                    writeHdrLog(t, m);
                    warnIfNoEpoll(); // after the run: loading the native transport must not delay the REQ
                }
            }
            return null;
        } catch (QperfException e) {
            return reporter.failed(t, e);
        }
    }

    /** {@code --interval}: each sample to the reporter as the test runs (text: one line), else nobody is told. */
    private TestListener intervalReporter(final Step.RunTest t) {
        if (t.extras().intervalSeconds().isEmpty()) {
            return null;
        }
        return new TestListener() {
            @Override
            public void onInterval(final IntervalSample sample) {
                synchronized (JqperfCommand.this) {
                    reporter.interval(t, sample);
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

    /** {@code --find-rate}: the search's outcome instead of one run's result. */
    private void findRate(final QperfClient c, final Step.RunTest t) {
        final JqperfExtras x = t.extras();
        final long budgetNs = TimeUnit.SECONDS.toNanos(x.findTimeSeconds());
        final RateSearchResult found;
        try (Progress.Shown shown = progress.show(t)) {
            found = c.findRate(t.params(), measureOptions(x), x.maxLossPercent() / 100, budgetNs);
        }
        reporter.rateSearch(t, found);
        warnIfNoEpoll();
    }

    /** The CONF of the server {@code t} ran against (the JSON document's remote environment). */
    private Conf remoteConf(final Step.RunTest t) {
        return client(t).conf(t.params());
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
