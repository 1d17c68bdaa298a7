package io.github.jqperf.engine.report;

/**
 * Which CPU and memory scopes the text output shows ({@code --cpu-scope}, docs/cpu-memory.md). {@link #SYSTEM} is
 * qperf's output, byte for byte; the others add jqperf's lines after qperf's.
 */
public enum CpuScope {
    /** qperf's system-wide figures only (the default): no line added. */
    SYSTEM,
    /** Adds each side's process lines. */
    PROCESS,
    /** Adds each side's cgroup lines. */
    CGROUP,
    /** Adds process and cgroup lines, and each side's system {@code cpus_used} next to them. */
    ALL
}
