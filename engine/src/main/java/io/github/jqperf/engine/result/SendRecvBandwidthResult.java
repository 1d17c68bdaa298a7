package io.github.jqperf.engine.result;

import io.github.jqperf.engine.spec.TestSpec;

/**
 * The result of a one-way datagram stream (udp_bw; qperf's {@code BANDWIDTH_SR} style): the sender's and the
 * receiver's bandwidth (they differ by what the network or the receiver dropped), message rate, send and receive
 * cost, and both sides' CPU use.
 *
 * <p>Immutable; obtained from {@link Result#of(TestSpec, Stat, Stat)}. Fields may be added in later versions.
 */
public final class SendRecvBandwidthResult extends MeasuredResult implements Result {
    SendRecvBandwidthResult(final Measured m) {
        super(m);
    }

    /** Bytes per second the sender sent (qperf's {@code send_bw}: client bytes / client real time). */
    public double sendBandwidthBytesPerSecond() {
        return m.calc().sendBwBytesPerSec();
    }

    /** Bytes per second the receiver got (qperf's {@code recv_bw}: server bytes / server real time). */
    public double recvBandwidthBytesPerSecond() {
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

    /**
     * The fraction of datagrams the client sent that the server did not receive (jqperf's {@code loss}; qperf
     * prints none): {@code (client s.no_msgs - server r.no_msgs) / client s.no_msgs}, in [0, 1], from the two STATs
     * ({@link Loss#fraction}). Empty when nothing was sent.
     */
    public java.util.OptionalDouble lossFraction() {
        return Loss.of(m.local(), m.remote());
    }

    @Override
    String figures() {
        return "sendBandwidthBytesPerSecond=" + sendBandwidthBytesPerSecond() + ", recvBandwidthBytesPerSecond="
                + recvBandwidthBytesPerSecond() + ", ";
    }
}
