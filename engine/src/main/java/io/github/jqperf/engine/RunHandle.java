package io.github.jqperf.engine;

import io.github.jqperf.engine.error.CancelledException;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.protocol.Abort;
import io.github.jqperf.engine.result.Result;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A test started with {@link QperfClient#runAsync(io.github.jqperf.engine.spec.TestSpec)}: its future result and a way to cancel it.
 *
 * <p>{@link #cancel()} aborts the test (the server is told with qperf's error signal, text {@code cancelled}),
 * returns within a second, and the future completes exceptionally with {@link CancelledException}. Cancelling
 * {@link #future()} itself ({@code future().cancel(true)}) aborts the test too, but, as {@link CompletableFuture}
 * defines, the future then holds a {@link CancellationException}.
 */
public final class RunHandle {
    /** The text sent to the server and carried by the {@link CancelledException}. */
    public static final String CANCELLED = "cancelled";

    private static final long CANCEL_WAIT_MS = 900;

    private final CompletableFuture<Result> future;
    private final Abort abort;

    RunHandle(final CompletableFuture<Result> future, final Abort abort) {
        this.future = future;
        this.abort = abort;
        future.whenComplete((r, e) -> {
            if (e instanceof CancellationException) {
                abort.abort(CANCELLED);
            }
        });
    }

    /** The result: completes with the typed result or exceptionally with a {@link QperfException}. */
    public CompletableFuture<Result> future() {
        return future;
    }

    /**
     * Aborts the test if it still runs and waits (under a second) until it has stopped.
     *
     * @return true if this call cancelled it; false if it had already ended (or was cancelled before)
     */
    public boolean cancel() {
        final boolean first = !future.isDone() && abort.abort(CANCELLED);
        abort.awaitDone(CANCEL_WAIT_MS);
        return first;
    }

    /** Whether the test has ended (result, failure or cancellation). */
    public boolean isDone() {
        return future.isDone();
    }

    /**
     * Waits for the result.
     *
     * @throws QperfException the test's failure ({@link CancelledException} when cancelled)
     */
    public Result join() {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof QperfException q) {
                throw q;
            }
            throw e;
        } catch (CancellationException e) {
            throw new CancelledException(CANCELLED, e);
        }
    }
}
