package io.github.jqperf.engine.result;

import io.github.jqperf.engine.spec.TestSpec;
import java.util.OptionalDouble;

/**
 * The result of a ping-pong test (tcp_lat, udp_lat; qperf's {@code LATENCY} style): the one-way latency, message
 * rate and both sides' CPU use. There is no bandwidth and no cost: both sides send and receive.
 *
 * <p>Immutable; obtained from {@link Result#of(TestSpec, Stat, Stat)}. Fields may be added in later versions.
 */
public final class LatencyResult extends MeasuredResult implements Result {
    LatencyResult(final Measured m) {
        super(m);
    }

    /**
     * Mean one-way latency in seconds: the client's run time / (messages both sides received), i.e. half the mean
     * round trip (qperf's {@code latency}).
     */
    public double latencySeconds() {
        return m.calc().latencySeconds();
    }

    /**
     * The one-way latency below which {@code percentile} percent of the round trips stayed, in seconds.
     *
     * <p>Answered from the client's timed round trips ({@link Observations#latency()}), which the run records when
     * asked for ({@link io.github.jqperf.engine.spec.MeasureOptions#latencyRecording()}); empty otherwise: qperf's
     * protocol carries only counts, so only the mean is known.
     *
     * @param percentile 0 &lt; percentile &lt;= 100, e.g. 99.9
     * @return the latency, or empty when no distribution was recorded
     * @throws IllegalArgumentException when {@code percentile} is out of range
     */
    public OptionalDouble percentileSeconds(final double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }
        return observations()
                .latency()
                .map(d -> OptionalDouble.of(d.percentileSeconds(percentile)))
                .orElse(OptionalDouble.empty());
    }

    @Override
    String figures() {
        return "latencySeconds=" + latencySeconds() + ", ";
    }
}
