package io.github.jqperf.engine.session;

/**
 * udp_bw's receiving side (server, docs/protocol.md §5.4): every datagram is one message, an empty one too; its length counts
 * up to {@code msg_size} (qperf receives into a {@code msg_size} buffer, so a longer datagram is cut there). A failed
 * receive is counted ({@code r.no_errs}) and receiving goes on. With {@code access_recv} every received byte is read.
 */
public final class DatagramReceiver extends Session {
    private final boolean accessRecv;
    private final int length;
    private long checksum;

    /**
     * @param msgSize    message size (the receive buffer's size)
     * @param accessRecv qperf's {@code access_recv}
     */
    public DatagramReceiver(final int msgSize, final boolean accessRecv) {
        super(msgSize, true);
        this.accessRecv = accessRecv;
        this.length = Math.min(msgSize, DatagramPingPong.MAX_DATAGRAM);
    }

    @Override
    int first() {
        return RECEIVE;
    }

    @Override
    public int sent(final int n) {
        return over ? DONE : RECEIVE; // never sends
    }

    @Override
    public int sendFailed() {
        return sent(0);
    }

    @Override
    public int received(final int n) {
        if (over) {
            return DONE;
        }
        final int cut = Math.min(n, msgSize);
        if (accessRecv) {
            checksum += bytes().sum(cut);
        }
        rBytes += cut;
        rMsgs++;
        return RECEIVE;
    }

    @Override
    public int receiveFailed() {
        if (over) {
            return DONE;
        }
        rErrs++;
        return RECEIVE;
    }

    @Override
    public int receiveLength() {
        return length;
    }

    /** Sum of the bytes read with access_recv. */
    public long checksum() {
        return checksum;
    }
}
