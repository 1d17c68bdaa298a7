package io.github.jqperf.scenarios.results;

import io.github.jqperf.scenarios.parse.TestBlock;
import java.util.List;

/**
 * One client invocation of a cell, with everything it printed.
 *
 * @param kind {@code standard} (the qperf run) or {@code sweep} (tcp_bw and tcp_lat over message sizes)
 * @param command the command as run
 * @param exitCode the exit code ({@code -1} when killed on a timeout or never started)
 * @param millis wall time
 * @param stdout everything printed on stdout (qperf's output)
 * @param stderr everything printed on stderr
 * @param parsed {@code stdout} parsed (informational: reports parse {@code stdout} again)
 * @param error why the run counts as failed, or {@code null}
 */
public record Run(
        String kind,
        List<String> command,
        int exitCode,
        long millis,
        String stdout,
        String stderr,
        List<TestBlock> parsed,
        String error) {

    /** The standard run's kind. */
    public static final String STANDARD = "standard";
    /** The sweep's kind. */
    public static final String SWEEP = "sweep";

    /** {@return whether the run failed} */
    public boolean failed() {
        return error != null;
    }
}
