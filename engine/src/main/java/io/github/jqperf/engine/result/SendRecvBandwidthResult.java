package io.github.jqperf.engine.result;

import io.github.jqperf.engine.spec.TestSpec;

/**
 * The result of a one-way datagram stream (udp_bw; qperf's {@code BANDWIDTH_SR} style): the sender's and the
 * receiver's bandwidth (they differ by what the network or the receiver dropped), message rate, send and receive
 * cost, and both sides' CPU use.
 *
 * <p>Immutable; obtained from {@link Result#of(TestSpec, Stat, Stat)}. Fields may be added in later versions.
 */
public final class SendRecvBandwidthResult implements Result {
    private final Measured m;

    SendRecvBandwidthResult(final Measured m) {
        this.m = m;
    }

    @Override
    public TestSpec spec() {
        return m.spec();
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

    private String figures() {
        return "sendBandwidthBytesPerSecond=" + sendBandwidthBytesPerSecond() + ", recvBandwidthBytesPerSecond="
                + recvBandwidthBytesPerSecond() + ", ";
    }

    @Override
    public double msgRatePerSecond() {
        return m.calc().msgRatePerSec();
    }

    @Override
    public double localCpusUsed() {
        return m.calc().loc().cpusUsed();
    }

    @Override
    public double remoteCpusUsed() {
        return m.calc().rem().cpusUsed();
    }

    @Override
    public NodeResult localNode() {
        return m.calc().loc();
    }

    @Override
    public NodeResult remoteNode() {
        return m.calc().rem();
    }

    @Override
    public Stat localStat() {
        return m.local();
    }

    @Override
    public Stat remoteStat() {
        return m.remote();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof SendRecvBandwidthResult x && m.equals(x.m);
    }

    @Override
    public int hashCode() {
        return m.hashCode();
    }

    @Override
    public String toString() {
        return "SendRecvBandwidthResult[" + spec().kind().qperfName() + ", msgSizeBytes=" + spec().msgSizeBytes()
                + ", timeSeconds=" + spec().timeSeconds() + ", " + figures() + "msgRatePerSecond=" + msgRatePerSecond()
                + ", localCpusUsed=" + localCpusUsed() + ", remoteCpusUsed=" + remoteCpusUsed() + "]";
    }
}
