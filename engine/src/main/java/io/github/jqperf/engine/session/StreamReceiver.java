package io.github.jqperf.engine.session;

/**
 * tcp_bw's receiving side (server, docs/protocol.md §5.3): counts complete {@code msg_size}-byte messages out of what the reads
 * return, however the stream is cut; a partial message at the end is not counted. With {@code access_recv} every
 * received byte is read from memory ({@link ReceivedBytes}). A read that returns after the deadline counts nothing;
 * EOF or a failed read ends the run.
 */
public final class StreamReceiver extends Session {
    /** Below this message size, one read per message (qperf's size); from it on, bigger reads. */
    private static final int SMALL_READ_LIMIT = 1024;
    /** Most bytes per read. */
    private static final int MAX_READ = 1 << 20;

    private final boolean accessRecv;
    private final int readSize;
    private long partial;
    private long checksum;

    /**
     * @param msgSize    message size
     * @param accessRecv qperf's {@code access_recv}: read every received byte
     * @param readSize   bytes per receive call (what is counted does not depend on it)
     */
    public StreamReceiver(final int msgSize, final boolean accessRecv, final int readSize) {
        super(msgSize, false);
        if (readSize <= 0) {
            throw new IllegalArgumentException("read size must be positive: " + readSize);
        }
        this.accessRecv = accessRecv;
        this.readSize = readSize;
    }

    /** A receiver that reads {@link #readSize(int)} bytes per call. */
    public StreamReceiver(final int msgSize, final boolean accessRecv) {
        this(msgSize, accessRecv, readSize(msgSize));
    }

    /**
     * tcp_bw's bytes per blocking read: {@code msg_size} below 1 KiB, as qperf (measured: with tiny messages and a
     * receiver that sleeps in {@code read}, bigger reads make it contend with the sender for the socket lock and
     * slow both by a fifth), else {@code msg_size} but at least 64 KiB and at most 1 MiB (the receiver must not be
     * the bottleneck).
     */
    public static int readSize(final int msgSize) {
        return msgSize < SMALL_READ_LIMIT ? msgSize : Math.max(64 * 1024, Math.min(msgSize, MAX_READ));
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
    public int received(final int n) {
        if (over) {
            return DONE;
        }
        if (accessRecv) {
            checksum += bytes().sum(n);
        }
        final long got = partial + n;
        if (got < msgSize) {
            partial = got;
            return RECEIVE;
        }
        final long complete = got / msgSize;
        partial = got - complete * msgSize;
        rMsgs += complete;
        rBytes += complete * msgSize;
        return RECEIVE;
    }

    @Override
    public int receiveLength() {
        return readSize;
    }

    /** Sum of the bytes read with access_recv (keeps the reads from being optimised away). */
    public long checksum() {
        return checksum;
    }
}
