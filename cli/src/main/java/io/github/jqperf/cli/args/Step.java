package io.github.jqperf.cli.args;

import io.github.jqperf.engine.report.OutputOptions;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import java.util.List;
import java.util.Objects;

/**
 * One step of a parsed command line. qperf acts while it parses (a test runs the moment its name is read, an
 * obsolete option is warned about the moment it is read, an error stops everything after it); a
 * {@link ParsedCommandLine} is the list of those actions in order, for the caller to carry out.
 *
 * <p>Everything a step prints goes to stdout, as qperf prints everything (errors included) on stdout.
 */
public sealed interface Step permits Step.Warn, Step.RunTest, Step.Fail, Step.Help, Step.Version, Step.Serve {

    /**
     * A warning qperf prints while parsing, e.g. {@code warning: obsolete option: -a; use -ca instead}.
     *
     * @param text one line, without the newline
     */
    record Warn(String text) implements Step {
        public Warn {
            Objects.requireNonNull(text);
        }
    }

    /**
     * Run one test (one iteration of it when {@code -oo} loops are active).
     *
     * <p>Printing order of qperf: the header line {@code "<testName>:"}, then {@link #warnings()} (one line each),
     * then whatever the test itself prints. conf never has warnings.
     *
     * @param testName          the test as typed, e.g. {@code tcp_bw}
     * @param kind              the test (never null: tests jqperf does not implement give a {@link Fail})
     * @param params            snapshot of the parameters with the per-test defaults applied (time 2, timeout 5
     *                          and, for socket tests, the test's msg_size, each only where the user left that copy
     *                          alone; time is not defaulted after {@code -n}); owned by this step
     * @param output            verbosity and unit options at this point of the command line
     * @param host              server name (for {@code --loopback}: {@link QperfCommandLine#LOOPBACK_HOST})
     * @param listenPort        control port ({@code -lp}, default 19765; qperf keeps it in a C int)
     * @param waitServerSeconds connect retry window ({@code -ws}, default 5; 0 = a single attempt)
     * @param warnings          the {@code warning: -X set but not used in test T} lines for this run
     * @param extras            jqperf-only options ({@code --loopback}, {@code --busy-poll}, ...)
     * @param iteration         which run of this test word this is, 1-based ({@code -oo} loops expand one word to
     *                          several runs; 1 without loops)
     * @param iterations        how many runs this test word expands to (1 without loops)
     */
    record RunTest(
            String testName,
            TestKind kind,
            ParamSet params,
            OutputOptions output,
            String host,
            int listenPort,
            int waitServerSeconds,
            List<String> warnings,
            JqperfExtras extras,
            int iteration,
            int iterations)
            implements Step {
        public RunTest {
            Objects.requireNonNull(testName);
            Objects.requireNonNull(kind);
            Objects.requireNonNull(params);
            Objects.requireNonNull(output);
            Objects.requireNonNull(host);
            warnings = List.copyOf(warnings);
            Objects.requireNonNull(extras);
            if (iteration < 1 || iteration > iterations) {
                throw new IllegalArgumentException("iteration " + iteration + " of " + iterations);
            }
        }

        /** A single run (no {@code -oo} loop): iteration 1 of 1. */
        public RunTest(
                final String testName,
                final TestKind kind,
                final ParamSet params,
                final OutputOptions output,
                final String host,
                final int listenPort,
                final int waitServerSeconds,
                final List<String> warnings,
                final JqperfExtras extras) {
            this(testName, kind, params, output, host, listenPort, waitServerSeconds, warnings, extras, 1, 1);
        }

        /** This run as iteration {@code i} of {@code n} of its test word. */
        public RunTest withIteration(final int i, final int n) {
            return new RunTest(
                    testName, kind, params, output, host, listenPort, waitServerSeconds, warnings, extras, i, n);
        }

        /** True when jqperf must start its own in-process server on {@link #host()} (option --loopback). */
        public boolean loopback() {
            return extras.loopback();
        }
    }

    /**
     * An error: print the lines, exit with the code. Nothing after it runs (steps before it have run).
     *
     * @param lines    the message, one element per line, without newlines
     * @param exitCode always 1 for qperf's errors
     */
    record Fail(List<String> lines, int exitCode) implements Step {
        public Fail {
            lines = List.copyOf(lines);
        }

        /** A one-line error with exit code 1. */
        public static Fail of(final String line) {
            return new Fail(List.of(line), 1);
        }

        /** The lines joined with newlines (no trailing newline). */
        public String message() {
            return String.join("\n", lines);
        }
    }

    /**
     * Print a help text and exit 0.
     *
     * @param topic the category asked for ({@code main} when none)
     * @param text  the text, ending with a newline
     */
    record Help(String topic, String text) implements Step {}

    /**
     * Print the version line ({@code qperf 0.4.11}) and exit 0; the rest of the command line is ignored.
     *
     * @param text the line to print, without newline
     */
    record Version(String text) implements Step {}

    /**
     * Become a server (no server name and only server options on the command line).
     *
     * @param listenPort            {@code -lp}, default 19765
     * @param debug                 {@code -D}
     * @param requestTimeoutSeconds timeout for receiving each request: {@code -lto}, or 5 when unset or 0
     * @param params                the parameters as parsed (only the local timeout can be set)
     * @param extras                jqperf-only options valid for a server ({@code --busy-poll})
     */
    record Serve(int listenPort, boolean debug, int requestTimeoutSeconds, ParamSet params, JqperfExtras extras)
            implements Step {}
}
