package io.github.jqperf.engine.result;

import io.github.jqperf.engine.spec.TestSpec;

/**
 * What one side did in one interval of a running test, for {@link TestListener#onInterval}. <b>Not emitted yet</b>
 * (a hook for a later data path that samples its counters periodically).
 *
 * @param spec          the running test
 * @param startNanos    start of the interval, nanoseconds since the run started
 * @param endNanos      end of the interval, nanoseconds since the run started
 * @param sentBytes     bytes this side sent in the interval
 * @param sentMsgs      messages this side sent in the interval
 * @param receivedBytes bytes this side received in the interval
 * @param receivedMsgs  messages this side received in the interval
 */
public record IntervalSample(
        TestSpec spec,
        long startNanos,
        long endNanos,
        long sentBytes,
        long sentMsgs,
        long receivedBytes,
        long receivedMsgs) {}
