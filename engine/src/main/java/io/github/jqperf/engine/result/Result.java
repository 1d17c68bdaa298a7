package io.github.jqperf.engine.result;

import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import java.util.Objects;

/**
 * The typed result of one measurement test: only the figures that apply to the test's {@link TestKind#reportStyle()
 * report style}, in units named in the accessor, together with the {@link #spec() spec} it was measured with and
 * both sides' raw counters. The figures are qperf's (docs/protocol.md §6–§7; computed by {@link TestResult}).
 *
 * <pre>{@code
 * switch (Result.of(spec, local, remote)) {
 *     case BandwidthResult bw -> ... bw.bandwidthBytesPerSecond() ...
 *     case SendRecvBandwidthResult sr -> ... sr.recvBandwidthBytesPerSecond() ...
 *     case LatencyResult lat -> ... lat.latencySeconds() ...
 * }
 * }</pre>
 * (pattern matching for switch needs Java 21; on 17 use {@code instanceof}.)
 */
public sealed interface Result permits BandwidthResult, SendRecvBandwidthResult, LatencyResult {

    /**
     * The typed result of a measurement.
     *
     * @param spec   what was run
     * @param local  the client's own statistics
     * @param remote the server's STAT
     * @return a {@link BandwidthResult} (tcp_bw), {@link SendRecvBandwidthResult} (udp_bw) or
     *         {@link LatencyResult} (tcp_lat, udp_lat), chosen by the kind's report style
     * @throws IllegalArgumentException for conf and quit, which measure nothing
     */
    static Result of(final TestSpec spec, final Stat local, final Stat remote) {
        return of(spec, local, remote, Observations.NONE);
    }

    /**
     * The typed result of a measurement test with what it recorded beyond qperf's counters.
     *
     * @param observed what the run recorded (latency distribution, usage scopes, intervals)
     * @throws IllegalArgumentException when {@code spec} is conf or quit
     */
    static Result of(final TestSpec spec, final Stat local, final Stat remote, final Observations observed) {
        Objects.requireNonNull(spec, "spec");
        final Measured m = new Measured(
                spec,
                Objects.requireNonNull(local, "local"),
                Objects.requireNonNull(remote, "remote"),
                Objects.requireNonNull(observed, "observed"));
        return switch (spec.kind().reportStyle()) {
            case BANDWIDTH -> new BandwidthResult(m);
            case BANDWIDTH_SR -> new SendRecvBandwidthResult(m);
            case LATENCY -> new LatencyResult(m);
            case CONF, NONE -> throw new IllegalArgumentException(spec.kind().qperfName() + " measures nothing");
        };
    }

    /** What was run: the test, message size, duration and every other parameter (defaults applied). */
    TestSpec spec();

    /** The test ({@code spec().kind()}). */
    default TestKind kind() {
        return spec().kind();
    }

    /**
     * Messages per second, as qperf computes {@code msg_rate} (bandwidth tests: messages the receiver got per second
     * of the sender's run; latency tests: both sides' received messages per second of their mean run time).
     */
    double msgRatePerSecond();

    /** CPUs busy on the client's machine during the run (1.0 = one CPU; qperf's {@code loc_/send_cpus_used}). */
    double localCpusUsed();

    /** CPUs busy on the server's machine during the run (qperf's {@code rem_/recv_cpus_used}). */
    double remoteCpusUsed();

    /** The client's time and CPU breakdown (real time, CPU time, user/intr/kernel/iowait CPUs). */
    NodeResult localNode();

    /** The server's time and CPU breakdown. */
    NodeResult remoteNode();

    /** The client's raw counters and tick snapshots, as measured. */
    Stat localStat();

    /** The server's raw counters and tick snapshots, as received (its STAT). */
    Stat remoteStat();

    /** What the run recorded beyond qperf's counters ({@link Observations#NONE} when nothing was asked for). */
    Observations observations();
}
