package io.github.jqperf.cli.output;

import io.github.jqperf.cli.args.JqperfExtras;
import io.github.jqperf.cli.args.Step;
import io.github.jqperf.engine.error.PeerException;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.report.CpuScope;
import io.github.jqperf.engine.report.ExtraLine;
import io.github.jqperf.engine.report.QperfTextFormat;
import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.result.IntervalSample;
import io.github.jqperf.engine.result.RateSearchResult;
import io.github.jqperf.engine.result.Result;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * qperf's text: exactly what qperf 0.4.11 prints (everything on stdout, a server's error message on stderr), through
 * {@link QperfTextFormat}.
 */
public final class TextReporter implements Reporter {
    private final PrintStream out;
    private final PrintStream err;

    /** Prints on {@code out}, a server's error message on {@code err}. */
    public TextReporter(final PrintStream out, final PrintStream err) {
        this.out = Objects.requireNonNull(out);
        this.err = Objects.requireNonNull(err);
    }

    @Override
    public void warning(final String line) {
        out.println(line);
    }

    @Override
    public void started(final Step.RunTest run) {
        out.println(run.testName() + ":");
        for (final String w : run.warnings()) {
            out.println(w);
        }
        out.flush();
    }

    @Override
    public void measured(final Step.RunTest run, final Result result) {
        print(QperfTextFormat.formatResult(
                result,
                run.output(),
                extraLines(run.extras()),
                CpuScope.valueOf(run.extras().cpuScope().name())));
    }

    @Override
    public void interval(final Step.RunTest run, final IntervalSample sample) {
        out.println(QperfTextFormat.formatInterval(sample, run.output()));
    }

    @Override
    public void rateSearch(final Step.RunTest run, final RateSearchResult found) {
        print(QperfTextFormat.formatRateSearch(found, run.output()));
    }

    /** The jqperf-only lines the options ask the text output for ({@code --percentiles}, {@code --loss}). */
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

    @Override
    public void conf(final Step.RunTest run, final Conf local, final Conf remote) {
        print(QperfTextFormat.formatConf(local, remote));
    }

    @Override
    public void quit(final Step.RunTest run) {
        // qperf prints nothing after "quit:"
    }

    @Override
    public int failed(final Step.RunTest run, final QperfException error) {
        if (error instanceof PeerException p) {
            out.flush();
            err.println("server: " + p.peerMessage());
        } else {
            out.println(error.getMessage());
        }
        return 1;
    }

    @Override
    public int commandFailed(final Step.Fail fail) {
        print(fail.lines());
        return fail.exitCode();
    }

    @Override
    public int internalError(final RuntimeException error) {
        throw error;
    }

    @Override
    public PrintStream serverLog() {
        return out;
    }

    @Override
    public boolean allowsProgress() {
        return true;
    }

    @Override
    public int finish(final int exitCode, final RemoteConf remoteConf) {
        out.flush();
        return exitCode;
    }

    private void print(final List<String> lines) {
        for (final String l : lines) {
            out.println(l);
        }
    }
}
