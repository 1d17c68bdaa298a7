package io.github.jqperf.bench.metrics;

import io.github.jqperf.bench.AbstractBenchmarkBase;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Recording one latency sample into HdrHistogram (an engine dependency, meant for per-message latency recording):
 * a plain {@link Histogram}, the single-writer and the multi-writer {@link Recorder}, against a plain counter as the
 * baseline. Values cycle through a fixed table of 1 µs…10 ms samples so the JIT cannot fold them. All of these must
 * be 0 B/op after warm-up ({@code -prof gc}).
 *
 * <p>{@code java -jar jmh-benchmarks/target/benchmarks.jar HdrHistogramBenchmark -prof gc}
 */
public class HdrHistogramBenchmark extends AbstractBenchmarkBase {
    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(60);
    private static final int DIGITS = 3;

    private final long[] values = new long[1024];
    private Histogram histogram;
    private SingleWriterRecorder singleWriter;
    private Recorder recorder;
    private long counter;
    private int i;

    @Setup
    public void setUp() {
        long x = 0x9E3779B97F4A7C15L;
        for (int k = 0; k < values.length; k++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            values[k] = 1_000 + Math.floorMod(x, 10_000_000L);
        }
        histogram = new Histogram(HIGHEST_NS, DIGITS);
        singleWriter = new SingleWriterRecorder(HIGHEST_NS, DIGITS);
        recorder = new Recorder(HIGHEST_NS, DIGITS);
    }

    private long next() {
        final long v = values[i];
        i = (i + 1) & (values.length - 1);
        return v;
    }

    /** Histogram.recordValue. */
    @Benchmark
    public void histogramRecordValue() {
        histogram.recordValue(next());
    }

    /** SingleWriterRecorder.recordValue (one event-loop thread records, a reporter swaps). */
    @Benchmark
    public void singleWriterRecorderRecordValue() {
        singleWriter.recordValue(next());
    }

    /** Recorder.recordValue (multi-writer). */
    @Benchmark
    public void recorderRecordValue() {
        recorder.recordValue(next());
    }

    /** Baseline: adding the sample to a counter. */
    @Benchmark
    public long baselineCounter() {
        counter += next();
        return counter;
    }
}
