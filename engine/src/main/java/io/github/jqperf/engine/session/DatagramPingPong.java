package io.github.jqperf.engine.session;

/**
 * udp_lat (docs/protocol.md §5.6): the client ({@code pinger}) sends one {@code msg_size} datagram and waits for one back; the
 * server replies with a {@code msg_size} datagram to the source of each one it receives. A received datagram counts
 * its length up to {@code msg_size}. A failed call is counted and the loop goes on as qperf's {@code continue}: the
 * client sends again (so a datagram that can never be sent, e.g. {@code -m 64K}, is counted as an error per try for
 * the whole run instead of leaving the client waiting for a reply), the server receives again. A lost datagram
 * stalls the client until the deadline, as in qperf.
 */
public final class DatagramPingPong extends Session {
    /** Largest UDP payload read per call (the receive buffer). */
    public static final int MAX_DATAGRAM = 65_536;

    private final boolean pinger;
    private final int length;

    /**
     * @param pinger  true on the client (sends first), false on the server (replies)
     * @param msgSize message size
     */
    public DatagramPingPong(final boolean pinger, final int msgSize) {
        super(msgSize, true);
        this.pinger = pinger;
        this.length = Math.min(msgSize, MAX_DATAGRAM);
    }

    @Override
    int first() {
        return pinger ? SEND : RECEIVE;
    }

    @Override
    public int sent(final int n) {
        if (over) {
            return DONE;
        }
        if (n == 0) { // the send timed out: try again
            return SEND;
        }
        sBytes += msgSize;
        sMsgs++;
        return RECEIVE;
    }

    @Override
    public int sendFailed() {
        if (over) {
            return DONE;
        }
        sErrs++;
        return pinger ? SEND : RECEIVE;
    }

    @Override
    public int received(final int n) {
        if (over) {
            return DONE;
        }
        rBytes += Math.min(n, msgSize);
        rMsgs++;
        return SEND;
    }

    @Override
    public int receiveFailed() {
        if (over) {
            return DONE;
        }
        rErrs++;
        return pinger ? SEND : RECEIVE;
    }

    @Override
    public int receiveLength() {
        return length;
    }

    @Override
    public boolean pingPong() {
        return true;
    }

    @Override
    public boolean repliesToSender() {
        return !pinger;
    }
}
