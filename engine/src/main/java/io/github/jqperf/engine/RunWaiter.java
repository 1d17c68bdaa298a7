package io.github.jqperf.engine;

import io.github.jqperf.engine.error.PeerException;
import io.github.jqperf.engine.error.QperfException;

import io.github.jqperf.engine.control.ControlChannel;
import io.github.jqperf.engine.transport.DataRole;
import io.github.jqperf.engine.result.Stat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a data-path run to finish while watching the control connection: during a run the peer sends nothing
 * on it, so anything that arrives (an error signal, or EOF) means the peer gave up and the run is stopped.
 */
final class RunWaiter {
    /** How often the control connection is checked while the data path runs. */
    private static final long POLL_MS = 200;
    /** Grace after the test time before a run that does not end is abandoned. */
    private static final long GRACE_MS = 10_000;

    private RunWaiter() {
    }

    static Stat await(final DataRole role, final ControlChannel cc, final long timeSec, final String peerRole) {
        final long limitNs = timeSec > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeSec)
            + TimeUnit.MILLISECONDS.toNanos(GRACE_MS) : Long.MAX_VALUE;
        while (true) {
            try {
                return role.result().get(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() - limitNs > 0) {
                    role.stop();
                    throw new QperfException("test did not end " + GRACE_MS / 1000 + " s after its time");
                }
                // Only the server can watch: a client would mistake an early STAT for an error signal.
                if ("client".equals(peerRole) && peerGone(cc)) {
                    role.stop();
                    final String text = cc.pollPeerError(100);
                    if (text != null) {
                        throw new PeerException(peerRole, text);
                    }
                    throw new QperfException("failed to receive results: " + peerRole + " not responding");
                }
            } catch (ExecutionException e) {
                throw new QperfException("data path failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                role.stop();
                throw new QperfException("interrupted");
            }
        }
    }

    /** True when bytes or EOF are waiting on the control connection (without consuming them). */
    private static boolean peerGone(final ControlChannel cc) {
        try {
            return cc.socket().getInputStream().available() > 0 || cc.socket().isInputShutdown();
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
