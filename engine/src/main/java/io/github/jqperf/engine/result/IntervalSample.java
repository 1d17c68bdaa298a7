package io.github.jqperf.engine.result;

import io.github.jqperf.engine.spec.TestSpec;
import java.util.OptionalDouble;

/**
 * What the client did in one interval of a running test ({@code --interval}; {@link
 * io.github.jqperf.engine.spec.MeasureOptions#intervalNanos()}), for {@code TestListener.onInterval} and
 * {@link Observations#intervals()}. The counters are sampled while the run goes on, so an interval's counts are
 * those the client's data path had published when the sampler looked (docs/latency.md).
 *
 * @param spec              the running test
 * @param startNanos        start of the interval, nanoseconds since the run started
 * @param endNanos          end of the interval, nanoseconds since the run started
 * @param sentBytes         bytes this side sent in the interval
 * @param sentMsgs          messages this side sent in the interval
 * @param receivedBytes     bytes this side received in the interval
 * @param receivedMsgs      messages this side received in the interval
 * @param latencyP50Seconds tcp_lat/udp_lat: the one-way median of the round trips timed so far (since the run
 *                          started), empty for the bandwidth tests
 * @param latencyP99Seconds the one-way 99th percentile so far, empty for the bandwidth tests
 */
public record IntervalSample(
        TestSpec spec,
        long startNanos,
        long endNanos,
        long sentBytes,
        long sentMsgs,
        long receivedBytes,
        long receivedMsgs,
        OptionalDouble latencyP50Seconds,
        OptionalDouble latencyP99Seconds) {
    /** A sample without latency figures. */
    public IntervalSample(
            final TestSpec spec,
            final long startNanos,
            final long endNanos,
            final long sentBytes,
            final long sentMsgs,
            final long receivedBytes,
            final long receivedMsgs) {
        this(
                spec,
                startNanos,
                endNanos,
                sentBytes,
                sentMsgs,
                receivedBytes,
                receivedMsgs,
                OptionalDouble.empty(),
                OptionalDouble.empty());
    }

    /** The interval's length in seconds. */
    public double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
