package io.github.jqperf.engine.transport;

import io.github.jqperf.engine.observe.RoundTripRecorder;
import io.github.jqperf.engine.session.Session;
import io.netty.channel.unix.DatagramSocketAddress;
import java.io.IOException;
import java.net.InetAddress;

/**
 * Runs any {@link Session} with blocking socket calls on a {@link BlockingSocket} (the default
 * {@link PollMode#BLOCK}): exactly one {@code send} per message (or per piece, when a timeout tick splits one) and one
 * {@code recv} per receive step, the thread sleeping in the kernel until it completes; the session decides what each
 * outcome counts and what comes next. The loop reads no clock and allocates nothing: the deadline reaches it as the
 * session's flag, set by the alarm, which also wakes a blocked read ({@link BlockingSocket#wake()}).
 */
final class BlockingDriver {
    private BlockingDriver() {}

    /**
     * Runs {@code s} from step {@code next} until it is {@link Session#DONE}.
     *
     * @param payload native address of at least {@code msg_size} payload bytes
     * @param receive native address of at least {@code s.receiveLength()} bytes (its largest value, at the start)
     */
    static void run(final Session s, final BlockingSocket socket, int next, final long payload, final long receive) {
        run(s, socket, next, payload, receive, null);
    }

    /**
     * As above; a udp_lat server learns its peer only from a datagram whose source address is {@code answerOnly}
     * (null: from the first datagram, as qperf answers every source).
     */
    static void run(
            final Session s,
            final BlockingSocket socket,
            int next,
            final long payload,
            final long receive,
            final InetAddress answerOnly) {
        if (next == Session.RECEIVE && s.repliesToSender()) {
            next = learnPeer(s, socket, receive, answerOnly);
        }
        final int msgSize = s.msgSize();
        final boolean datagram = s.datagram();
        while (next != Session.DONE) {
            if (next == Session.SEND) {
                final int n;
                try {
                    n = socket.write(payload, s.sendOffset(), msgSize);
                } catch (IOException e) {
                    next = s.sendFailed();
                    continue;
                }
                next = s.sent(n);
            } else {
                final int n;
                try {
                    n = socket.read(receive, s.receiveLength());
                } catch (IOException e) {
                    next = s.receiveFailed();
                    continue;
                }
                // Netty's recv: > 0 bytes; 0 nothing came (EAGAIN); -1 for a 0-byte read: EOF on a stream, an empty
                // datagram on UDP (which also is what a woken, shut-down socket returns: the session's flag is set)
                next = n > 0 ? s.received(n) : n == 0 ? s.receiveTimedOut() : datagram ? s.received(0) : s.eof();
            }
        }
    }

    /**
     * As {@link #run}, timing each round trip of a ping-pong client into {@code recorder} (tcp_lat/udp_lat with
     * latency recording): a separate loop, so that {@link #run} stays exactly as it is. A round trip ends when a
     * receive completes the reply (the session's next step is {@link Session#SEND}); one {@code System.nanoTime()}
     * per round trip, nothing allocated.
     */
    static void runTimed(
            final Session s,
            final BlockingSocket socket,
            int next,
            final long payload,
            final long receive,
            final RoundTripRecorder recorder) {
        final int msgSize = s.msgSize();
        final boolean datagram = s.datagram();
        while (next != Session.DONE) {
            if (next == Session.SEND) {
                final int n;
                try {
                    n = socket.write(payload, s.sendOffset(), msgSize);
                } catch (IOException e) {
                    next = s.sendFailed();
                    continue;
                }
                next = s.sent(n);
            } else {
                final int n;
                try {
                    n = socket.read(receive, s.receiveLength());
                } catch (IOException e) {
                    next = s.receiveFailed();
                    continue;
                }
                next = n > 0 ? s.received(n) : n == 0 ? s.receiveTimedOut() : datagram ? s.received(0) : s.eof();
                if (next == Session.SEND) {
                    recorder.roundTrip(System.nanoTime());
                }
            }
        }
    }

    /**
     * Runs a paced sender ({@code --rate}: udp_bw's client) from step {@code next}: as {@link #run}, but each message
     * waits for {@code gate}'s permit first (the wait ends at once when the run does). A separate loop, so the
     * unpaced one stays exactly as it was.
     *
     * @param payload native address of at least {@code msg_size} payload bytes
     */
    static void runPaced(
            final Session s, final BlockingSocket socket, int next, final long payload, final PacedGate gate) {
        final int msgSize = s.msgSize();
        while (next != Session.DONE) {
            if (next != Session.SEND) {
                throw new IllegalStateException("a paced session only sends, got step " + next);
            }
            final int offset = s.sendOffset();
            if (offset == 0 && !gate.await(s)) {
                next = s.sent(0); // the run ended while waiting: the session says DONE
                continue;
            }
            final int n;
            try {
                n = socket.write(payload, offset, msgSize);
            } catch (IOException e) {
                next = s.sendFailed();
                continue;
            }
            next = s.sent(n);
        }
    }

    /**
     * udp_lat server: receives the client's first datagram with its source and connects the socket to it, so that
     * every reply is a plain send (qperf replies with {@code sendto} to each datagram's source: the same datagrams
     * to the same place). Allocates once per run.
     *
     * @return the session's step after that datagram
     */
    private static int learnPeer(
            final Session s, final BlockingSocket socket, final long receive, final InetAddress answerOnly) {
        int next = Session.RECEIVE;
        while (next == Session.RECEIVE) {
            final DatagramSocketAddress from;
            try {
                from = socket.receiveFrom(receive, s.receiveLength());
            } catch (IOException e) {
                next = s.receiveFailed();
                continue;
            }
            if (from == null) {
                next = s.receiveTimedOut();
                continue;
            }
            if (answerOnly != null && !DataRole.sameHost(answerOnly, from.getAddress())) {
                next = s.receiveTimedOut(); // a stranger's datagram: not counted, not answered
                continue;
            }
            next = s.received(from.receivedAmount());
            if (next != Session.DONE) {
                try {
                    socket.connect(from);
                } catch (IOException e) {
                    // stay unconnected: replies then fail and are counted as send errors, as a failing sendto would be
                }
            }
            return next;
        }
        return next;
    }
}
