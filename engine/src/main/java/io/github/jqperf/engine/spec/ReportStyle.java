package io.github.jqperf.engine.spec;

/** How a test's main figure is reported: qperf's {@code MEASURE}, plus the two tests without a result table. */
public enum ReportStyle {
    /** conf: the eight {@code loc_}/{@code rem_} configuration lines. */
    CONF,
    /** quit: prints nothing. */
    NONE,
    /** {@code latency} (half the mean round trip), then {@code msg_rate}. */
    LATENCY,
    /** {@code bw} (what the receiver got), then {@code msg_rate}. */
    BANDWIDTH,
    /** {@code send_bw} and {@code recv_bw} (they differ by what was lost), then {@code msg_rate}. */
    BANDWIDTH_SR;

    /** True for the styles with a measured result table (latency and bandwidth). */
    public boolean isMeasurement() {
        return this == LATENCY || this == BANDWIDTH || this == BANDWIDTH_SR;
    }
}
