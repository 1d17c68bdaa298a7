package io.github.jqperf.engine.session;

/**
 * The bandwidth tests' sending side (tcp_bw and udp_bw client, docs/protocol.md §5.3, §5.4): messages of {@code msg_size}
 * bytes back to back, one at a time. A message counts when all of it was accepted before the run ended (a stream
 * send may take it in pieces); on UDP a failed send is counted ({@code s.no_errs}) and sending goes on (qperf's
 * {@code continue}: e.g. {@code EMSGSIZE} for a datagram bigger than the path allows, or {@code ECONNREFUSED}
 * after an ICMP port unreachable); on TCP a failed send ends the run.
 */
public final class StreamSender extends Session {
    private int offset;

    /**
     * @param msgSize  message size
     * @param datagram true for udp_bw (send errors are counted and the run goes on)
     */
    public StreamSender(final int msgSize, final boolean datagram) {
        super(msgSize, datagram);
    }

    @Override
    int first() {
        return SEND;
    }

    @Override
    public int sent(final int n) {
        if (over) {
            return DONE;
        }
        final int at = offset + n;
        if (at < msgSize) { // a piece (or nothing, a timeout tick): the rest of the same message next
            offset = at;
            return SEND;
        }
        offset = 0;
        sBytes += msgSize;
        sMsgs++;
        return SEND;
    }

    @Override
    public int sendFailed() {
        if (over) {
            return DONE;
        }
        if (!datagram()) {
            return super.sendFailed();
        }
        offset = 0;
        sErrs++;
        return SEND;
    }

    @Override
    public int received(final int n) {
        return over ? DONE : SEND; // nothing flows back on a bandwidth test's data connection
    }

    /**
     * A sender never reads; an error an event loop reports on its UDP socket is the pending socket error (e.g. the
     * ICMP port unreachable) that qperf's next {@code write} would have returned: counted as a send error.
     */
    @Override
    public int receiveFailed() {
        return sendFailed();
    }

    @Override
    public int sendOffset() {
        return offset;
    }

    @Override
    public int receiveLength() {
        return 0;
    }
}
