package io.github.jqperf.engine.report;

/**
 * Lines jqperf adds to qperf's result table when asked for (each is a jqperf-only option); with none of them the
 * table is exactly qperf's.
 */
public enum ExtraLine {
    /**
     * {@code --percentiles} (docs/latency.md): right after {@code latency}, {@code latency_p50}, {@code latency_p90},
     * {@code latency_p99}, {@code latency_p99.9}, {@code latency_p99.99} and {@code latency_max}, when the run
     * recorded a distribution.
     */
    PERCENTILES,
    /** {@code --loss} (docs/udp-rate.md): udp_bw's {@code loss}, the % of datagrams sent but not received, last. */
    LOSS
}
