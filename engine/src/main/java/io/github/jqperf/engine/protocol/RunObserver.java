package io.github.jqperf.engine.protocol;

import io.github.jqperf.engine.observe.IntervalSampler;
import io.github.jqperf.engine.observe.RoundTripRecorder;
import io.github.jqperf.engine.result.IntervalSample;
import io.github.jqperf.engine.result.LatencyDistribution;
import io.github.jqperf.engine.result.Observations;
import io.github.jqperf.engine.spec.MeasureOptions;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import io.github.jqperf.engine.transport.DataRole;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * What the client's side of one run records beyond the STATs, as {@link MeasureOptions} asks (docs/latency.md):
 * round-trip timing of tcp_lat/udp_lat (latency recording, or intervals, which report p50/p99 so far) and interval
 * samples. With {@link MeasureOptions#NONE} it attaches nothing and the run is qperf's.
 */
final class RunObserver implements AutoCloseable {
    private final RoundTripRecorder recorder;
    private final IntervalSampler sampler;
    private long startMillis;

    private RunObserver(final RoundTripRecorder recorder, final IntervalSampler sampler) {
        this.recorder = recorder;
        this.sampler = sampler;
    }

    /** Attaches what {@code options} asks for to the client's {@code role}, before it starts. */
    static RunObserver attach(
            final TestKind kind,
            final ParamSet params,
            final MeasureOptions options,
            final DataRole role,
            final Consumer<IntervalSample> sink) {
        final boolean intervals = options.intervalNanos() > 0;
        RoundTripRecorder r = null;
        if (role.session().pingPong() && (options.latencyRecording() || intervals)) {
            r = intervals ? RoundTripRecorder.sampled() : RoundTripRecorder.plain();
            role.recordRoundTrips(r);
        }
        final IntervalSampler s = intervals
                ? new IntervalSampler(
                        TestSpec.of(kind, params).withOptions(options),
                        role.session(),
                        r,
                        options.intervalNanos(),
                        sink == null ? x -> {} : sink,
                        System::nanoTime)
                : null;
        return new RunObserver(r, s);
    }

    /** The run has just been started. */
    void started() {
        startMillis = System.currentTimeMillis();
        if (sampler != null) {
            sampler.start();
        }
    }

    /** The run is over (this side's STAT is in): what was recorded. */
    Observations finish() {
        if (recorder == null && sampler == null) {
            return Observations.NONE;
        }
        if (sampler != null) {
            sampler.stop();
        }
        Optional<LatencyDistribution> latency = Optional.empty();
        if (recorder != null) {
            final Histogram h = recorder.total();
            h.setStartTimeStamp(startMillis);
            h.setEndTimeStamp(System.currentTimeMillis());
            latency = Optional.of(LatencyDistribution.of(h));
        }
        return new Observations(
                latency, Optional.empty(), Optional.empty(), sampler == null ? List.of() : sampler.samples());
    }

    /** Ends the sampling thread, also when the run failed. */
    @Override
    public void close() {
        if (sampler != null) {
            sampler.stop();
        }
    }
}
