package io.github.jqperf.engine.result;

import java.util.List;

/**
 * One side's CPU and memory use over a run, per scope ({@link ScopeUsage}), with one-line notes about sources that
 * were odd or unreadable.
 *
 * @param scopes the scopes measured, each at most once
 * @param notes  diagnostics, empty when all was well
 */
public record UsageReport(List<ScopeUsage> scopes, List<String> notes) {
    /** Copies the lists. */
    public UsageReport {
        scopes = List.copyOf(scopes);
        notes = List.copyOf(notes);
    }
}
