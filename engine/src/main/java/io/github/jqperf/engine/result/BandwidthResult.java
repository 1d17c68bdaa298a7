package io.github.jqperf.engine.result;

import io.github.jqperf.engine.spec.TestSpec;

/**
 * The result of a one-way stream over a reliable connection (tcp_bw; qperf's {@code BANDWIDTH} style): the
 * bandwidth the receiver saw, message rate, send and receive cost, and both sides' CPU use.
 *
 * <p>Immutable; obtained from {@link Result#of(TestSpec, Stat, Stat)}. Fields may be added in later versions.
 */
public final class BandwidthResult extends MeasuredResult implements Result {
    BandwidthResult(final Measured m) {
        super(m);
    }

    /** Bytes per second the receiver got (qperf's {@code bw}: server bytes / server real time). */
    public double bandwidthBytesPerSecond() {
        return m.calc().recvBwBytesPerSec();
    }

    /**
     * CPU seconds the sender spent per 10⁹ bytes sent (qperf's {@code send_cost}; 0 when the sender's CPU counters
     * showed no busy time).
     */
    public double sendCostSecondsPerGB() {
        return m.calc().sendCostSecondsPerGB();
    }

    /** CPU seconds the receiver spent per 10⁹ bytes received (qperf's {@code recv_cost}). */
    public double recvCostSecondsPerGB() {
        return m.calc().recvCostSecondsPerGB();
    }

    @Override
    String figures() {
        return "bandwidthBytesPerSecond=" + bandwidthBytesPerSecond() + ", ";
    }
}
