package io.github.jqperf.scenarios.results;

import java.util.List;
import java.util.Map;

/**
 * Everything one scenario run measured, saved as {@code results.json} before any report is drawn.
 *
 * @param schema the format's name and version
 * @param commandLine the runner's command line
 * @param started when the run started (ISO-8601, UTC)
 * @param finished when it ended
 * @param environment kernel, CPU, versions, testbed status (KEY=VALUE), MTUs
 * @param settings how it was run
 * @param cells every cell, in the order run
 */
public record Results(
        String schema,
        String commandLine,
        String started,
        String finished,
        Map<String, String> environment,
        Settings settings,
        List<Cell> cells) {

    /** The current {@link #schema()}. */
    public static final String SCHEMA = "jqperf-scenarios/1";
}
