package io.github.jqperf.engine.session;

import io.github.jqperf.engine.spec.TestKind;

/**
 * The session of each side of each measurement test, chosen by the test's traffic pattern (qperf's test table,
 * docs/protocol.md §5): a new test kind with an existing pattern needs no change here.
 */
public final class Sessions {
    private Sessions() {}

    /** The client's session for {@code kind}. */
    public static Session client(final TestKind kind, final int msgSize) {
        return switch (kind.trafficPattern()) {
            case STREAM -> new StreamSender(msgSize, false);
            case DATAGRAM_STREAM -> new StreamSender(msgSize, true);
            case STREAM_PING_PONG -> new StreamPingPong(true, msgSize);
            case DATAGRAM_PING_PONG -> new DatagramPingPong(true, msgSize);
            case NONE -> throw new IllegalArgumentException(kind + " has no data path");
        };
    }

    /** The server's session for {@code kind}; {@code accessRecv} applies to the bandwidth tests. */
    public static Session server(final TestKind kind, final int msgSize, final boolean accessRecv) {
        return switch (kind.trafficPattern()) {
            case STREAM -> new StreamReceiver(msgSize, accessRecv);
            case DATAGRAM_STREAM -> new DatagramReceiver(msgSize, accessRecv);
            case STREAM_PING_PONG -> new StreamPingPong(false, msgSize);
            case DATAGRAM_PING_PONG -> new DatagramPingPong(false, msgSize);
            case NONE -> throw new IllegalArgumentException(kind + " has no data path");
        };
    }
}
