package io.github.jqperf.engine.session;

/**
 * tcp_lat (docs/protocol.md §5.5): the client ({@code pinger}) sends one {@code msg_size} message and waits for all of the reply
 * before it sends the next; the server reads each whole message and echoes it. One message is outstanding at a
 * time, so each read asks for exactly the rest of it ({@link #receiveLength()}, at most 1 MiB per call): pieces
 * accumulate, and the message counts once, when complete. EOF or a failed call ends the run.
 */
public final class StreamPingPong extends Session {
    /** Most bytes per receive call: a huge message is read in pieces into a bounded buffer. */
    public static final int MAX_READ = 1 << 20;

    private final boolean pinger;
    private int sentBytes;
    private long got;

    /**
     * @param pinger  true on the client (sends first), false on the server (echoes)
     * @param msgSize message size
     */
    public StreamPingPong(final boolean pinger, final int msgSize) {
        super(msgSize, false);
        this.pinger = pinger;
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
        final int at = sentBytes + n;
        if (at < msgSize) {
            sentBytes = at;
            return SEND;
        }
        sentBytes = 0;
        sBytes += msgSize;
        sMsgs++;
        if (got >= msgSize) { // a peer that sent more than one message: the next is already here
            return complete();
        }
        return RECEIVE;
    }

    @Override
    public int received(final int n) {
        if (over) {
            return DONE;
        }
        got += n;
        return got < msgSize ? RECEIVE : complete();
    }

    private int complete() {
        got -= msgSize;
        rBytes += msgSize;
        rMsgs++;
        return SEND;
    }

    @Override
    public int sendOffset() {
        return sentBytes;
    }

    @Override
    public int receiveLength() {
        return (int) Math.max(1, Math.min(msgSize - got, MAX_READ));
    }

    @Override
    public boolean pingPong() {
        return true;
    }
}
