package io.github.jqperf.scenarios.results;

import java.util.List;

/**
 * One server start and the client runs against it: one scenario, one round, one tool.
 *
 * @param scenario the scenario's name
 * @param round the round, from 1
 * @param tool {@code qperf} or {@code jqperf}
 * @param serverCommand the command that started the server
 * @param serverLog what the server printed (at most its last 64 KiB)
 * @param error why the cell failed before or around its runs (e.g. the server never listened), or {@code null}
 * @param runs the client runs that were made
 * @param firstAttempt when this is a second attempt: the first, failed one with all its outputs; else {@code null}
 */
public record Cell(
        String scenario,
        int round,
        String tool,
        List<String> serverCommand,
        String serverLog,
        String error,
        List<Run> runs,
        Cell firstAttempt) {

    /**
     * This cell as the second attempt after {@code first}.
     *
     * @param first the failed first attempt
     * @return a copy that keeps {@code first}
     */
    public Cell after(final Cell first) {
        return new Cell(scenario, round, tool, serverCommand, serverLog, error, runs, first);
    }

    /** {@return whether the cell or one of its runs failed} */
    public boolean failed() {
        return error != null || runs.stream().anyMatch(Run::failed);
    }

    /** {@return the first error of the cell or of its runs, or {@code null}} */
    public String firstError() {
        if (error != null) {
            return error;
        }
        return runs.stream()
                .filter(Run::failed)
                .map(r -> r.kind() + ": " + r.error())
                .findFirst()
                .orElse(null);
    }
}
