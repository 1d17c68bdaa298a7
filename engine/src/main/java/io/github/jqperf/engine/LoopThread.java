package io.github.jqperf.engine;

import io.github.jqperf.engine.transport.Transport;
import java.util.concurrent.TimeUnit;

/**
 * The event-loop thread of a {@link Transport}, captured when the transport is made, so that {@code close()} can
 * wait until the thread has really ended: Netty completes a loop's termination future in the thread's last steps,
 * so the thread may still be alive for a moment after {@link Transport#close()} returns. (Redundant once
 * {@code Transport.close()} itself waits for its threads; harmless then.)
 */
final class LoopThread {
    private final Thread thread;

    private LoopThread(final Thread thread) {
        this.thread = thread;
    }

    /** Starts {@code t}'s event loop (it would start at the first data connection anyway) and captures its thread. */
    static LoopThread of(final Transport t) {
        try {
            return new LoopThread(t.group().next().submit(Thread::currentThread).get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LoopThread(null);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new LoopThread(null);
        }
    }

    /** Waits up to {@code ms} for the thread to end (after {@link Transport#close()}). */
    void join(final long ms) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(Math.max(1, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
