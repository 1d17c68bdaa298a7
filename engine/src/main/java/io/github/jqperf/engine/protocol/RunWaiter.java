package io.github.jqperf.engine.protocol;

import io.github.jqperf.engine.control.ControlChannel;
import io.github.jqperf.engine.error.CancelledException;
import io.github.jqperf.engine.error.PeerException;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.error.QperfTimeoutException;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.transport.DataRole;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a data-path run to finish while watching the control connection and the exchange's {@link Abort}.
 *
 * <p>During a run a peer that plays by the rules sends nothing on the control connection, except that a server
 * whose run ended first (EOF on the data connection) sends its STAT early. So: on the server, anything that arrives
 * (an error signal, EOF) means the client gave up; on the client, bytes that are the error signal (urgent {@code ?},
 * text, close) or EOF mean the server gave up, while any other bytes are the early STAT, kept for the next read (and
 * the watch ends). Either way the run is stopped at once, instead of at the end of the test time.
 *
 * <p>On the server, a client that stays connected but sends nothing (a frozen process, a host gone without a FIN)
 * is caught by an idle watchdog: at each poll the session's receive counters are compared with the last poll's
 * (opaque reads, nothing added to the data path); when they have not moved for the idle limit the run ends.
 *
 * <p>The wait between polls is a latch with a timeout, not {@code Future.get(timeout)}: a poll that finds the run
 * still going costs no exception.
 */
final class RunWaiter {
    /** How often the control connection is checked while the data path runs. */
    private static final long POLL_MS = 100;
    /** Grace after the test time before a run that does not end is abandoned. */
    private static final long GRACE_MS = 10_000;
    /** Test times from here on (about 68 years; REQ allows 136) are "until stopped": no overflow in the deadline. */
    private static final long MAX_BOUNDED_SEC = Integer.MAX_VALUE;

    private RunWaiter() {}

    /**
     * Waits for {@code role}'s result, without an idle limit.
     *
     * @param peerRole "client" when we are the server, "server" when we are the client
     */
    static Stat await(
            final DataRole role,
            final ControlChannel cc,
            final long timeSec,
            final String peerRole,
            final Abort abort,
            final NanoClock clock) {
        return await(role, cc, timeSec, peerRole, abort, clock, 0);
    }

    /**
     * Waits for {@code role}'s result.
     *
     * @param peerRole "client" when we are the server, "server" when we are the client
     * @param idleMs   the run ends when this side received nothing for this long (checked every {@value #POLL_MS}
     *                 ms by comparing counters); 0 = no idle limit
     * @throws QperfTimeoutException {@link #idleText} when the idle limit ends the run
     */
    static Stat await(
            final DataRole role,
            final ControlChannel cc,
            final long timeSec,
            final String peerRole,
            final Abort abort,
            final NanoClock clock,
            final long idleMs) {
        final long limitNs = timeSec > 0 && timeSec < MAX_BOUNDED_SEC
                ? clock.nanoTime() + TimeUnit.SECONDS.toNanos(timeSec) + TimeUnit.MILLISECONDS.toNanos(GRACE_MS)
                : Long.MAX_VALUE;
        final boolean server = "client".equals(peerRole);
        final CountDownLatch done = new CountDownLatch(1);
        role.result().whenComplete((r, e) -> done.countDown());
        abort.aborting().whenComplete((r, e) -> done.countDown());
        final long[] counters = idleMs > 0 ? new long[4] : null;
        long received = -1;
        long quietSinceNs = 0;
        boolean watching = true;
        while (true) {
            if (abort.aborted()) {
                abort.stopRole(); // again: a stop that raced with the start may have come before it
                throw abort.cancelled(null);
            }
            try {
                if (done.await(POLL_MS, TimeUnit.MILLISECONDS)) {
                    if (role.result().isDone()) {
                        return role.result().get();
                    }
                    continue; // aborted: the check above ends the wait
                }
            } catch (ExecutionException e) {
                if (abort.aborted()) {
                    throw abort.cancelled(e.getCause());
                }
                throw new QperfException("data path failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort.abort("interrupted");
                stop(role);
                throw new CancelledException("interrupted");
            }
            if (limitNs != Long.MAX_VALUE && clock.nanoTime() - limitNs > 0) {
                stop(role);
                throw new QperfTimeoutException("test did not end " + GRACE_MS / 1000 + " s after its time");
            }
            if (counters != null) {
                role.session().countersSoFar(counters);
                final long now = counters[2] + counters[3]; // bytes and messages received
                if (now != received) {
                    received = now;
                    quietSinceNs = clock.nanoTime();
                } else if (clock.nanoTime() - quietSinceNs >= TimeUnit.MILLISECONDS.toNanos(idleMs)) {
                    stop(role);
                    throw new QperfTimeoutException(idleText(peerRole, idleMs));
                }
            }
            if (watching) {
                watching = server ? watchClient(role, cc, peerRole) : watchServer(role, cc, peerRole);
            }
        }
    }

    /** What the idle watchdog says (and the server logs) when it ends a run. */
    static String idleText(final String peerRole, final long idleMs) {
        final long sec = idleMs / 1000;
        return "test ended: nothing received from the " + peerRole + " for "
                + (sec * 1000 == idleMs ? sec + " s" : idleMs + " ms") + " (idle limit)";
    }

    /** The server watches its client: anything on the connection ends the run. Returns whether to go on watching. */
    private static boolean watchClient(final DataRole role, final ControlChannel cc, final String peerRole) {
        if (cc.probe(1) == ControlChannel.Activity.QUIET) {
            return true;
        }
        stop(role);
        final String text = cc.pollPeerError(100);
        if (text != null) {
            throw new PeerException(peerRole, text);
        }
        throw new QperfException("failed to receive results: " + peerRole + " not responding");
    }

    /**
     * The client watches its server: an error signal or EOF ends the run; other bytes are an early STAT (kept for
     * the read that follows the run), after which there is nothing more to watch. Returns whether to go on.
     */
    private static boolean watchServer(final DataRole role, final ControlChannel cc, final String peerRole) {
        final ControlChannel.Activity a = cc.probe(1);
        if (a == ControlChannel.Activity.QUIET) {
            return true;
        }
        try {
            cc.checkPendingError();
        } catch (PeerException e) {
            stop(role);
            throw e;
        }
        if (a == ControlChannel.Activity.EOF && !cc.hasPending()) {
            stop(role);
            throw new QperfException("failed to receive results: " + peerRole + " not responding");
        }
        return false;
    }

    /**
     * Stops the run; a stop can fail when the data socket is gone already (e.g. {@code shutdown} on a socket the
     * peer reset), and then the run has ended anyway.
     */
    static void stop(final DataRole role) {
        try {
            role.stop();
        } catch (RuntimeException e) {
            // the run ends on its own: its socket is gone
        }
    }
}
