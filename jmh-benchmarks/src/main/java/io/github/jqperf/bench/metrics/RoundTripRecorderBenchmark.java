package io.github.jqperf.bench.metrics;

import io.github.jqperf.bench.AbstractBenchmarkBase;
import io.github.jqperf.engine.observe.RoundTripRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * What latency recording ({@code --percentiles}, docs/latency.md) adds to each round trip of tcp_lat/udp_lat on the
 * client: the timed loop's {@code recorder.roundTrip(System.nanoTime())} against the untimed loop, which does
 * nothing per round trip. {@code recordOnly} is the histogram update alone (a value cycling through 1 µs…10 ms, so
 * the JIT cannot fold it), {@code nanoTimeOnly} the clock read alone, {@code sampled} the {@code --interval} form
 * (HdrHistogram's {@code SingleWriterRecorder}). All must be 0 B/op after warm-up ({@code -prof gc}).
 *
 * <p>{@code java -jar jmh-benchmarks/target/benchmarks.jar RoundTripRecorderBenchmark -prof gc}
 */
public class RoundTripRecorderBenchmark extends AbstractBenchmarkBase {
    private final long[] steps = new long[1024];
    private RoundTripRecorder plain;
    private RoundTripRecorder sampled;
    private RoundTripRecorder values;
    private long fakeNow;
    private int i;

    @Setup
    public void setUp() {
        long x = 0x9E3779B97F4A7C15L;
        for (int k = 0; k < steps.length; k++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            steps[k] = 2_000 + Math.floorMod(x, 20_000_000L); // round trips of 2 us .. 20 ms
        }
        plain = RoundTripRecorder.plain();
        sampled = RoundTripRecorder.sampled();
        values = RoundTripRecorder.plain();
        final long now = System.nanoTime();
        plain.start(now);
        sampled.start(now);
        values.start(0);
    }

    /** Without recording: the untimed loop does nothing per round trip (the baseline of an empty method). */
    @Benchmark
    public void without() {
        // nothing: BlockingDriver.run has no per-round-trip work
    }

    /** With recording: one clock read and one histogram update per round trip (BlockingDriver.runTimed). */
    @Benchmark
    public void withRecording() {
        plain.roundTrip(System.nanoTime());
    }

    /** With recording for {@code --interval}: the single-writer recorder. */
    @Benchmark
    public void withRecordingSampled() {
        sampled.roundTrip(System.nanoTime());
    }

    /** The histogram update of one round trip alone (a synthetic clock). */
    @Benchmark
    public void recordOnly() {
        fakeNow += steps[i];
        i = (i + 1) & (steps.length - 1);
        values.roundTrip(fakeNow);
    }

    /** The clock read alone. */
    @Benchmark
    public long nanoTimeOnly() {
        return System.nanoTime();
    }
}
