package io.github.jqperf.engine.protocol;

import io.github.jqperf.engine.control.ControlChannel;
import io.github.jqperf.engine.error.CancelledException;
import io.github.jqperf.engine.transport.DataRole;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cancellation handle of one exchange (one test on one control connection). The exchange registers what it is
 * blocked on as it goes (the socket being connected, the control channel, the data role and channel);
 * {@link #abort(String)}, from any thread, then tells the peer with qperf's error signal (urgent {@code ?} + the
 * reason, where the control connection is open: docs/protocol.md §3.8), closes the control socket (a blocked read fails at once),
 * stops the data path and closes the data channel. The exchange then ends with a {@link CancelledException} whose
 * message is the reason.
 *
 * <p>Registration and abort may race: whichever comes second acts, so nothing registered after an abort survives.
 */
public final class Abort {
    /** Set first (registrations check it), so that everything is told before waiters wake on {@link #reason}. */
    private final AtomicReference<String> why = new AtomicReference<>();

    private final CompletableFuture<String> reason = new CompletableFuture<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile Socket connecting;
    private volatile ControlChannel control;
    private volatile DataRole role;
    private volatile Channel data;

    /**
     * Aborts the exchange: the peer is told {@code why} (if the control connection is open), everything it waits on
     * is closed or stopped. Idempotent; returns at once (it does not wait for the exchange to end, see
     * {@link #awaitDone}).
     *
     * @return true for the first call
     */
    public boolean abort(final String text) {
        if (!why.compareAndSet(null, text)) {
            return false;
        }
        try {
            closeQuietly(connecting);
            final ControlChannel cc = control;
            if (cc != null) {
                cc.abort(text);
            }
            stop(role);
            final Channel ch = data;
            if (ch != null) {
                ch.close();
            }
        } finally {
            reason.complete(text); // wakes the waits only now: the peer has been told
        }
        return true;
    }

    /** Whether {@link #abort} was called. */
    public boolean aborted() {
        return why.get() != null;
    }

    /** The reason given to {@link #abort}, or null. */
    public String reason() {
        return why.get();
    }

    /** Completes when the reason is set (for waits that must end at an abort). */
    CompletableFuture<String> aborting() {
        return reason;
    }

    /** The exception an aborted exchange ends with. */
    public CancelledException cancelled(final Throwable cause) {
        return cause == null ? new CancelledException(reason()) : new CancelledException(reason(), cause);
    }

    /** Throws {@link CancelledException} if aborted. */
    void check() {
        if (aborted()) {
            throw cancelled(null);
        }
    }

    /** Marks the exchange as over: {@link #awaitDone} returns. Called by whoever ran the exchange. */
    public void finished() {
        done.complete(null);
    }

    /** Waits up to {@code timeoutMs} for {@link #finished()}; returns whether it came. */
    public boolean awaitDone(final long timeoutMs) {
        try {
            done.get(Math.max(0, timeoutMs), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return done.isDone();
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** Sleeps {@code ms} unless aborted first. */
    void sleep(final long ms) {
        try {
            reason.get(ms, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort("interrupted");
        } catch (ExecutionException e) {
            // never completed exceptionally
        }
        check();
    }

    /**
     * Waits for {@code f} unless aborted first.
     *
     * @throws CancelledException when aborted
     * @throws CompletionException when {@code f} failed
     */
    <T> T await(final CompletableFuture<T> f) {
        try {
            CompletableFuture.anyOf(f, reason).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort("interrupted");
        } catch (ExecutionException e) {
            // f failed: join() below reports it
        }
        check();
        return f.join();
    }

    void connecting(final Socket s) {
        connecting = s;
        if (s != null && aborted()) {
            closeQuietly(s);
        }
    }

    void control(final ControlChannel cc) {
        control = cc;
        if (cc != null && aborted()) {
            cc.abort(reason());
        }
    }

    /**
     * The exchange is done with {@code cc}: unregisters it and, if the exchange was aborted, makes sure the peer
     * has been told (the aborting thread may not have reached it yet) before the caller closes it.
     */
    void release(final ControlChannel cc) {
        control = null;
        if (cc != null && aborted()) {
            cc.abort(reason());
        }
    }

    void role(final DataRole r) {
        role = r;
        if (r != null && aborted()) {
            stop(r);
        }
    }

    void data(final Channel ch) {
        data = ch;
        if (ch != null && aborted()) {
            ch.close();
        }
    }

    /** Stops the registered role again (a stop that raced with its start may have come too early). */
    void stopRole() {
        stop(role);
    }

    /** An exception seen by an aborted exchange becomes the cancellation; others pass unchanged. */
    RuntimeException translate(final RuntimeException e) {
        if (aborted() && !(e instanceof CancelledException)) {
            return cancelled(e);
        }
        return e;
    }

    private static void stop(final DataRole r) {
        if (r != null) {
            RunWaiter.stop(r);
        }
    }

    private static void closeQuietly(final Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    @Override
    public String toString() {
        return "Abort[" + (aborted() ? reason() : "running") + "]";
    }
}
