package io.github.jqperf.cli.output;

import io.github.jqperf.cli.args.ParsedCommandLine;
import io.github.jqperf.cli.args.Step;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.result.IntervalSample;
import io.github.jqperf.engine.result.RateSearchResult;
import io.github.jqperf.engine.result.Result;
import java.io.PrintStream;
import java.util.List;

/**
 * Everything a client run prints about its tests goes through one reporter, chosen once per command line by
 * {@link #choose}: qperf's text ({@link TextReporter}, byte for byte what qperf prints), one JSON document
 * ({@link JsonReporter}) or CSV rows ({@link CsvReporter}).
 *
 * <p>The caller carries out the steps in order and tells the reporter what happened; at the end it calls
 * {@link #finish} once, which prints what is pending and gives the exit code.
 */
public interface Reporter {

    /**
     * Fetches a server's CONF for the JSON environment block (one extra control connection).
     */
    @FunctionalInterface
    interface RemoteConf {
        /**
         * The CONF of the server {@code run} talked to, or null when it is not to be asked.
         *
         * @throws QperfException when the server cannot be asked
         */
        Conf fetch(Step.RunTest run);
    }

    /** The reporter for a command line: JSON when a test asks for {@code --json}, CSV for {@code --csv}, else text. */
    static Reporter choose(
            final ParsedCommandLine parsed, final List<String> words, final PrintStream out, final PrintStream err) {
        return switch (Format.of(parsed, words)) {
            case JSON -> JsonReporter.create(words, out, err);
            case CSV -> new CsvReporter(out, err);
            case TEXT -> new TextReporter(out, err);
        };
    }

    /** A warning qperf prints while reading the command line. */
    void warning(String line);

    /** A test run starts (text: its header line and its "set but not used" warnings). */
    void started(Step.RunTest run);

    /**
     * The control port {@code run} talks to: {@code run.listenPort()}, or with {@code --loopback} the in-process
     * server's ephemeral port. Called after {@link #started} and before the test's outcome.
     */
    default void serverPort(final Step.RunTest run, final int port) {}

    /** A measurement test finished. */
    void measured(Step.RunTest run, Result result);

    /** An interval sample of a running test ({@code --interval}); text prints a line, JSON keeps it in the run. */
    default void interval(Step.RunTest run, IntervalSample sample) {}

    /**
     * A {@code --find-rate} search finished (instead of one measured result).
     *
     * @param found the search's outcome
     */
    void rateSearch(Step.RunTest run, RateSearchResult found);

    /** A conf test finished. */
    void conf(Step.RunTest run, Conf local, Conf remote);

    /** A quit test finished. */
    void quit(Step.RunTest run);

    /**
     * A test failed; nothing after it runs.
     *
     * @return the exit code
     */
    int failed(Step.RunTest run, QperfException error);

    /**
     * The command line is wrong (what qperf prints on stdout before it exits).
     *
     * @return the exit code
     */
    int commandFailed(Step.Fail fail);

    /**
     * An unexpected exception ended the run.
     *
     * @return the exit code
     * @throws RuntimeException {@code error} itself when this format leaves it to the caller
     */
    int internalError(RuntimeException error);

    /** Where an in-process ({@code --loopback}) server's log lines go: stdout for text, stderr otherwise. */
    PrintStream serverLog();

    /** Whether the progress line may be shown with this format (text only). */
    boolean allowsProgress();

    /**
     * The run ended with {@code exitCode} (0, or what {@link #failed} or {@link #commandFailed} returned): prints
     * what is pending.
     *
     * @param remoteConf asks a server for its CONF (JSON's environment block); called at most once per server
     * @return the process's exit code
     */
    int finish(int exitCode, RemoteConf remoteConf);

    /** The output formats. */
    enum Format {
        /** qperf's text. */
        TEXT,
        /** One JSON document. */
        JSON,
        /** CSV rows with a header. */
        CSV;

        /**
         * The format of a command line: the first of {@code --json}/{@code --csv} that any test run was given (they
         * apply to the whole run, since one document or one table covers every test), or, when no test run was
         * parsed (a command-line error), the option as typed.
         */
        public static Format of(final ParsedCommandLine parsed, final List<String> words) {
            final List<Step.RunTest> runs = parsed.tests();
            if (runs.isEmpty()) {
                return words.contains("--json") ? JSON : words.contains("--csv") ? CSV : TEXT;
            }
            if (runs.stream().anyMatch(r -> r.extras().json())) {
                return JSON;
            }
            return runs.stream().anyMatch(r -> r.extras().csv()) ? CSV : TEXT;
        }

        /** True when a command line asks for both {@code --json} and {@code --csv}. */
        public static boolean conflicting(final ParsedCommandLine parsed) {
            return parsed.tests().stream().anyMatch(r -> r.extras().json())
                    && parsed.tests().stream().anyMatch(r -> r.extras().csv());
        }
    }
}
