package io.github.jqperf.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jqperf.cli.args.Step;
import io.github.jqperf.engine.LocalNode;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.result.RateProbe;
import io.github.jqperf.engine.result.RateSearchResult;
import io.github.jqperf.engine.result.Result;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code --json}: one JSON document for the whole command line, printed on stdout when the run ends (nothing else
 * goes to stdout; warnings go into the document). An error is in the document too ({@code error}, and in the run
 * entry it ended) and the exit code is non-zero. docs/json.md describes the document;
 * docs/jqperf-result.schema.json is its schema.
 */
public final class JsonReporter implements Reporter {
    /** The version of the document's layout ({@code format}); raised when a field changes meaning or goes away. */
    public static final int FORMAT = 1;

    private final ObjectMapper mapper = JsonMapper.create();
    private final JsonRuns runs = new JsonRuns(mapper);
    private final List<String> command;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final Instant started;
    private final ArrayNode entries;
    private final ArrayNode warnings;
    private final Map<String, Server> servers = new LinkedHashMap<>();
    private ObjectNode current;
    private ObjectNode error;

    /** What the document knows about one server (host and port). */
    private static final class Server {
        Step.RunTest lastRun;
        boolean lastOk;
        boolean quit;
        Conf conf;
        int port = -1;
    }

    private JsonReporter(final List<String> command, final PrintStream out, final PrintStream err, final Clock clock) {
        this.command = List.copyOf(command);
        this.out = Objects.requireNonNull(out);
        this.err = Objects.requireNonNull(err);
        this.clock = clock;
        this.started = clock.instant();
        this.entries = mapper.createArrayNode();
        this.warnings = mapper.createArrayNode();
    }

    /** A reporter for the command line {@code command} (the words after the program name). */
    public static JsonReporter create(final List<String> command, final PrintStream out, final PrintStream err) {
        return new JsonReporter(command, out, err, Clock.systemUTC());
    }

    @Override
    public void warning(final String line) {
        warnings.add(line);
    }

    @Override
    public void started(final Step.RunTest run) {
        current = runs.run(run);
        entries.add(current);
        final Server s = servers.computeIfAbsent(run.host() + ":" + run.listenPort(), k -> new Server());
        s.lastRun = run;
        s.lastOk = false;
    }

    @Override
    public void serverPort(final Step.RunTest run, final int port) {
        ((ObjectNode) current.get("server")).put("port", port);
        server(run).port = port;
    }

    /**
     * The best probe as the run's results (when a rate was found) and the search itself as {@code rateSearch}: the
     * rate found in bits/s, the threshold, the probes (rate asked for, loss) and the time it took.
     */
    @Override
    public void rateSearch(final Step.RunTest run, final RateSearchResult found) {
        found.best().ifPresent(b -> runs.measured(current, b.result()));
        final ObjectNode search = current.putObject("rateSearch");
        search.put("rateBitsPerSec", found.rateBitsPerSec());
        search.put("maxLossFraction", found.maxLossFraction());
        search.put("budgetSeconds", found.budgetNanos() / 1e9);
        search.put("elapsedSeconds", found.elapsedNanos() / 1e9);
        final ArrayNode probes = search.putArray("probes");
        for (final RateProbe p : found.probes()) {
            final ObjectNode o = probes.addObject();
            o.put("rateBitsPerSec", p.rateBitsPerSec());
            o.put("timeSeconds", p.timeSeconds());
            o.put("accepted", p.accepted());
            p.result().lossFraction().ifPresent(f -> o.put("lossFraction", f));
        }
        succeeded(run);
    }

    @Override
    public void measured(final Step.RunTest run, final Result result) {
        runs.measured(current, result);
        succeeded(run);
    }

    @Override
    public void conf(final Step.RunTest run, final Conf local, final Conf remote) {
        runs.conf(current, local, remote);
        succeeded(run);
        server(run).conf = remote;
    }

    @Override
    public void quit(final Step.RunTest run) {
        server(run).quit = true;
    }

    private void succeeded(final Step.RunTest run) {
        server(run).lastOk = true;
    }

    private Server server(final Step.RunTest run) {
        return servers.get(run.host() + ":" + run.listenPort());
    }

    @Override
    public int failed(final Step.RunTest run, final QperfException e) {
        error = runs.error(ErrorInfo.of(e));
        if (current != null) {
            current.set("error", error);
        }
        return 1;
    }

    @Override
    public int commandFailed(final Step.Fail fail) {
        error = runs.error(ErrorInfo.usage(fail.message()));
        return fail.exitCode() == 0 ? 1 : fail.exitCode();
    }

    @Override
    public int internalError(final RuntimeException e) {
        error = runs.error(ErrorInfo.of(e));
        if (current != null && !current.has("error") && !current.has("results") && !current.has("conf")) {
            current.set("error", error);
        }
        return 1;
    }

    @Override
    public PrintStream serverLog() {
        return err;
    }

    @Override
    public boolean allowsProgress() {
        return false;
    }

    @Override
    public int finish(final int exitCode, final RemoteConf remoteConf) {
        final ObjectNode doc = mapper.createObjectNode();
        doc.put("format", FORMAT);
        final ArrayNode cmd = doc.putArray("command");
        command.forEach(cmd::add);
        doc.put("startedAt", started.toString());
        final ObjectNode env = doc.putObject("environment");
        final ObjectNode local = env.putObject("local");
        local.set("conf", runs.conf(LocalNode.conf()));
        local.setAll((ObjectNode) mapper.valueToTree(Environment.local()));
        final ArrayNode remote = env.putArray("remote");
        for (final Map.Entry<String, Server> e : servers.entrySet()) {
            remote.add(remoteEnvironment(e.getValue(), remoteConf));
        }
        doc.set("runs", entries);
        doc.set("warnings", warnings);
        doc.put("finishedAt", clock.instant().toString());
        doc.put("exitCode", exitCode);
        if (error != null) {
            doc.set("error", error);
        }
        try {
            out.println(mapper.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            err.println("jqperf: cannot write the JSON document: " + e.getOriginalMessage());
            return exitCode == 0 ? 1 : exitCode;
        }
        out.flush();
        return exitCode;
    }

    /**
     * A server's entry: its CONF from a conf test of the run, else from one extra conf exchange after the run's
     * tests (only when its last test succeeded and it was not told to quit: a server that failed is not retried).
     */
    private ObjectNode remoteEnvironment(final Server s, final RemoteConf remoteConf) {
        final ObjectNode o = mapper.createObjectNode();
        o.put("host", s.lastRun.host());
        o.put("port", s.port >= 0 ? s.port : s.lastRun.listenPort());
        o.put("loopback", s.lastRun.loopback());
        Conf conf = s.conf;
        if (conf == null && s.lastOk && !s.quit) {
            try {
                conf = remoteConf.fetch(s.lastRun);
            } catch (QperfException e) {
                o.set("error", runs.error(ErrorInfo.of(e)));
            }
        }
        if (conf != null) {
            o.set("conf", runs.conf(conf));
        } else {
            o.putNull("conf");
        }
        return o;
    }
}
