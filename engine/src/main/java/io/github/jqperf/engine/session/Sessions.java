package io.github.jqperf.engine.session;

import io.github.jqperf.engine.spec.TestKind;

/** The session of each side of each measurement test (qperf's test table, spec §4). */
public final class Sessions {
    private Sessions() {
    }

    /** The client's session for {@code kind}. */
    public static Session client(final TestKind kind, final int msgSize) {
        return switch (kind) {
            case TCP_BW -> new StreamSender(msgSize, false);
            case UDP_BW -> new StreamSender(msgSize, true);
            case TCP_LAT -> new StreamPingPong(true, msgSize);
            case UDP_LAT -> new DatagramPingPong(true, msgSize);
            default -> throw new IllegalArgumentException(kind + " has no data path");
        };
    }

    /** The server's session for {@code kind}; {@code accessRecv} applies to the bandwidth tests. */
    public static Session server(final TestKind kind, final int msgSize, final boolean accessRecv) {
        return switch (kind) {
            case TCP_BW -> new StreamReceiver(msgSize, accessRecv);
            case UDP_BW -> new DatagramReceiver(msgSize, accessRecv);
            case TCP_LAT -> new StreamPingPong(false, msgSize);
            case UDP_LAT -> new DatagramPingPong(false, msgSize);
            default -> throw new IllegalArgumentException(kind + " has no data path");
        };
    }
}
