package io.github.jqperf.engine.observe;

import io.github.jqperf.engine.result.IntervalSample;
import io.github.jqperf.engine.session.Session;
import io.github.jqperf.engine.spec.TestSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Takes an {@link IntervalSample} of a running test every {@code interval} nanoseconds on a daemon thread of its
 * own ({@code --interval}): the session's counters as published ({@link Session#countersSoFar}, opaque reads: the
 * data path's loop is unchanged) and, for tcp_lat/udp_lat with a {@link RoundTripRecorder#sampled()} recorder, the
 * one-way p50 and p99 of the round trips timed so far. Each sample goes to the sink as it is taken (the listener's
 * {@code onInterval}) and into {@link #samples()}. {@link #stop()} takes the last, partial interval (if it lasted
 * counted anything, however short) and ends the thread.
 */
public final class IntervalSampler {
    private final TestSpec spec;
    private final Session session;
    private final RoundTripRecorder recorder;
    private final long intervalNanos;
    private final Consumer<IntervalSample> sink;
    private final LongSupplier clock;
    private final long[] now = new long[4];
    private final long[] before = new long[4];
    private final List<IntervalSample> samples = new ArrayList<>();

    private long startNanos;
    private long lastNanos;
    private Thread thread;
    private boolean begun;
    private volatile boolean stopped;

    /**
     * @param spec          the running test (named in each sample)
     * @param session       the client's session, whose counters are read
     * @param recorder      the round-trip recorder ({@link RoundTripRecorder#sampled()}), or null (bandwidth tests)
     * @param intervalNanos the interval, &gt; 0
     * @param sink          told about each sample on the sampler's thread; what it throws is ignored
     * @param clock         a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    public IntervalSampler(
            final TestSpec spec,
            final Session session,
            final RoundTripRecorder recorder,
            final long intervalNanos,
            final Consumer<IntervalSample> sink,
            final LongSupplier clock) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + intervalNanos);
        }
        this.spec = spec;
        this.session = session;
        this.recorder = recorder;
        this.intervalNanos = intervalNanos;
        this.sink = sink;
        this.clock = clock;
    }

    /** The run started now: starts the sampling thread. */
    public void start() {
        begin(clock.getAsLong());
        thread = new Thread(this::loop, "jqperf-interval");
        thread.setDaemon(true);
        thread.start();
    }

    /** The run starts at {@code nanos} (without a thread: tests call {@link #sampleAt} themselves). */
    synchronized void begin(final long nanos) {
        begun = true;
        startNanos = nanos;
        lastNanos = nanos;
    }

    private void loop() {
        long next = startNanos + intervalNanos;
        while (!stopped) {
            final long wait = next - clock.getAsLong();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            synchronized (this) {
                if (stopped) {
                    return;
                }
                sampleAt(next);
            }
            next += intervalNanos;
        }
    }

    /** Takes the sample of the interval that ends at {@code nanos}. */
    synchronized IntervalSample sampleAt(final long nanos) {
        session.countersSoFar(now);
        OptionalDouble p50 = OptionalDouble.empty();
        OptionalDouble p99 = OptionalDouble.empty();
        if (recorder != null) {
            recorder.drainInterval();
            final Histogram soFar = recorder.drainedSoFar();
            if (soFar.getTotalCount() > 0) {
                p50 = OptionalDouble.of(soFar.getValueAtPercentile(50) * 1e-9);
                p99 = OptionalDouble.of(soFar.getValueAtPercentile(99) * 1e-9);
            }
        }
        final IntervalSample s = new IntervalSample(
                spec,
                lastNanos - startNanos,
                nanos - startNanos,
                now[0] - before[0],
                now[1] - before[1],
                now[2] - before[2],
                now[3] - before[3],
                p50,
                p99);
        System.arraycopy(now, 0, before, 0, now.length);
        lastNanos = nanos;
        samples.add(s);
        try {
            sink.accept(s);
        } catch (RuntimeException e) {
            // a failing listener must not stop the sampling
        }
        return s;
    }

    /**
     * The run is over: ends the thread and takes the last, partial interval (when it lasted at least 1 ms and
     * counted anything; nothing when the run never started). Any thread; idempotent.
     */
    public void stop() {
        final boolean first;
        synchronized (this) {
            first = !stopped;
            stopped = true;
        }
        final Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (first) {
            synchronized (this) {
                if (!begun) {
                    return;
                }
                final long end = clock.getAsLong();
                // however short, a tail that counted anything is a sample: the samples add up to the run's counts
                if (end > lastNanos && countedSinceLastSample()) {
                    sampleAt(end);
                }
            }
        }
    }

    /** Whether any counter moved since the last sample (an empty tail after the deadline is not a sample). */
    private boolean countedSinceLastSample() {
        session.countersSoFar(now);
        for (int i = 0; i < now.length; i++) {
            if (now[i] != before[i]) {
                return true;
            }
        }
        return false;
    }

    /** The samples taken so far, in order (a copy). */
    public synchronized List<IntervalSample> samples() {
        return List.copyOf(samples);
    }
}
