package io.github.jqperf.cli.output;

import io.github.jqperf.cli.args.Step;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.result.BandwidthResult;
import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.result.LatencyDistribution;
import io.github.jqperf.engine.result.LatencyResult;
import io.github.jqperf.engine.result.RateSearchResult;
import io.github.jqperf.engine.result.Result;
import io.github.jqperf.engine.result.SendRecvBandwidthResult;
import io.github.jqperf.engine.spec.Param;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * {@code --csv}: a header line, then one row per test run ({@code -oo} iterations included) as it finishes, RFC 4180
 * quoting, CRLF line ends. A figure that does not apply to the test is an empty field. An error is a row too (the
 * {@code error_*} columns) and the exit code is non-zero; warnings go to stderr. docs/json.md lists the columns.
 */
public final class CsvReporter implements Reporter {
    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of(
            "test",
            "kind",
            "iteration",
            "iterations",
            "host",
            "port",
            "msg_size_bytes",
            "time_s",
            "latency_s",
            "msg_rate_per_s",
            "bw_bytes_per_s",
            "send_bw_bytes_per_s",
            "recv_bw_bytes_per_s",
            "send_cost_s_per_gb",
            "recv_cost_s_per_gb",
            "loc_cpus_used",
            "rem_cpus_used",
            "loss_percent",
            "latency_p50_s",
            "latency_p90_s",
            "latency_p99_s",
            "latency_p99.9_s",
            "latency_p99.99_s",
            "latency_max_s",
            "loc_node",
            "loc_os",
            "rem_node",
            "rem_os",
            "error_type",
            "error_message");

    private final PrintStream out;
    private final PrintStream err;
    private boolean headerDone;
    private int port = -1;

    /** Prints rows on {@code out}, warnings on {@code err}. */
    public CsvReporter(final PrintStream out, final PrintStream err) {
        this.out = Objects.requireNonNull(out);
        this.err = Objects.requireNonNull(err);
    }

    @Override
    public void warning(final String line) {
        err.println(line);
    }

    @Override
    public void started(final Step.RunTest run) {
        for (final String w : run.warnings()) {
            err.println(w);
        }
        port = -1;
    }

    @Override
    public void serverPort(final Step.RunTest run, final int port) {
        this.port = port;
    }

    /** The best probe's row (the rate found); nothing when no rate kept its loss within the threshold. */
    @Override
    public void rateSearch(final Step.RunTest run, final RateSearchResult found) {
        found.best().ifPresent(b -> measured(run, b.result()));
    }

    @Override
    public void measured(final Step.RunTest run, final Result r) {
        final String[] row = base(run);
        if (r instanceof LatencyResult lat) {
            set(row, "latency_s", lat.latencySeconds());
        }
        if (r instanceof BandwidthResult bw) {
            set(row, "bw_bytes_per_s", bw.bandwidthBytesPerSecond());
            set(row, "send_cost_s_per_gb", bw.sendCostSecondsPerGB());
            set(row, "recv_cost_s_per_gb", bw.recvCostSecondsPerGB());
        }
        if (r instanceof SendRecvBandwidthResult sr) {
            set(row, "send_bw_bytes_per_s", sr.sendBandwidthBytesPerSecond());
            set(row, "recv_bw_bytes_per_s", sr.recvBandwidthBytesPerSecond());
            set(row, "send_cost_s_per_gb", sr.sendCostSecondsPerGB());
            set(row, "recv_cost_s_per_gb", sr.recvCostSecondsPerGB());
            final OptionalDouble loss = JsonRuns.lossPercent(r);
            if (loss.isPresent()) {
                set(row, "loss_percent", loss.getAsDouble());
            }
        }
        set(row, "msg_rate_per_s", r.msgRatePerSecond());
        set(row, "loc_cpus_used", r.localCpusUsed());
        set(row, "rem_cpus_used", r.remoteCpusUsed());
        if (r.observations().latency().isPresent()) {
            final LatencyDistribution d = r.observations().latency().get();
            set(row, "latency_p50_s", d.p50Seconds());
            set(row, "latency_p90_s", d.p90Seconds());
            set(row, "latency_p99_s", d.p99Seconds());
            set(row, "latency_p99.9_s", d.p999Seconds());
            set(row, "latency_p99.99_s", d.p9999Seconds());
            set(row, "latency_max_s", d.maxSeconds());
        }
        print(row);
    }

    @Override
    public void conf(final Step.RunTest run, final Conf local, final Conf remote) {
        final String[] row = base(run);
        set(row, "loc_node", local.node());
        set(row, "loc_os", local.os());
        set(row, "rem_node", remote.node());
        set(row, "rem_os", remote.os());
        print(row);
    }

    @Override
    public void quit(final Step.RunTest run) {
        print(base(run));
    }

    @Override
    public int failed(final Step.RunTest run, final QperfException e) {
        printError(base(run), ErrorInfo.of(e));
        return 1;
    }

    @Override
    public int commandFailed(final Step.Fail fail) {
        final String[] row = new String[COLUMNS.size()];
        Arrays.fill(row, "");
        printError(row, ErrorInfo.usage(fail.message()));
        return fail.exitCode() == 0 ? 1 : fail.exitCode();
    }

    @Override
    public int internalError(final RuntimeException e) {
        final String[] row = new String[COLUMNS.size()];
        Arrays.fill(row, "");
        printError(row, ErrorInfo.of(e));
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
        if (!headerDone) {
            out.print(Csv.record(COLUMNS));
        }
        out.flush();
        return exitCode;
    }

    private String[] base(final Step.RunTest run) {
        final String[] row = new String[COLUMNS.size()];
        Arrays.fill(row, "");
        set(row, "test", run.testName());
        set(row, "kind", run.kind().qperfName());
        set(row, "iteration", Integer.toString(run.iteration()));
        set(row, "iterations", Integer.toString(run.iterations()));
        set(row, "host", run.host());
        set(row, "port", Integer.toString(port >= 0 ? port : run.listenPort()));
        set(row, "msg_size_bytes", Long.toString(run.params().local(Param.MSG_SIZE)));
        set(row, "time_s", Long.toString(run.params().local(Param.TIME)));
        return row;
    }

    private void printError(final String[] row, final ErrorInfo e) {
        set(row, "error_type", e.type());
        set(row, "error_message", e.message());
        print(row);
    }

    private void print(final String[] row) {
        if (!headerDone) {
            out.print(Csv.record(COLUMNS));
            headerDone = true;
        }
        out.print(Csv.record(new ArrayList<>(Arrays.asList(row))));
        out.flush();
    }

    private static void set(final String[] row, final String column, final double value) {
        set(row, column, Double.isFinite(value) ? Double.toString(value) : "");
    }

    private static void set(final String[] row, final String column, final String value) {
        row[COLUMNS.indexOf(column)] = value;
    }
}
