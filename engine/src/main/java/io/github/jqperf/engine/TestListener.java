package io.github.jqperf.engine;

import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.result.IntervalSample;
import io.github.jqperf.engine.result.Result;
import io.github.jqperf.engine.spec.TestSpec;

/**
 * Hears about the tests a {@link QperfClient} runs through {@link QperfClient#run(TestSpec)} and
 * {@link QperfClient#runAsync(TestSpec)} (not {@code measure}, {@code conf}, {@code quit}): register it with
 * {@link ClientConfig#withListener(TestListener)} or per run with {@link QperfClient#runAsync(TestSpec, TestListener)}.
 *
 * <p>Calls come on the thread that runs the test, in order: {@link #onTestStart} before anything goes on the wire,
 * then exactly one {@link #onTestEnd}, also when the test fails or is cancelled. A listener that throws is ignored
 * (the test goes on); keep the callbacks short, they run inside the test.
 */
public interface TestListener {
    /** The test is about to start (nothing sent yet). */
    default void onTestStart(final TestSpec spec) {}

    /**
     * An interval sample of the running test, when its {@link io.github.jqperf.engine.spec.MeasureOptions} ask for
     * intervals ({@code intervalNanos() > 0}). Called on the sampler's own thread, between {@link #onTestStart} and
     * {@link #onTestEnd}.
     */
    default void onInterval(final IntervalSample sample) {}

    /**
     * The test is over: exactly one of {@code result} and {@code error} is non-null ({@code error} is a
     * {@link io.github.jqperf.engine.error.CancelledException} when it was cancelled or the client closed).
     */
    default void onTestEnd(final TestSpec spec, final Result result, final QperfException error) {}
}
