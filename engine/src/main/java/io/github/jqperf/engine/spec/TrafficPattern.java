package io.github.jqperf.engine.spec;

/**
 * What flows on a test's data connection; the data path picks its sender and receiver from this alone, so a new
 * {@link TestKind} with an existing pattern needs no new session code.
 */
public enum TrafficPattern {
    /** No data connection: the test is a control-connection exchange only (conf, quit). */
    NONE(false, false, false),
    /** One TCP stream from client to server, nothing back but ACKs (tcp_bw). */
    STREAM(true, false, false),
    /** Datagrams from client to server, nothing back (udp_bw). */
    DATAGRAM_STREAM(true, true, false),
    /** One TCP message at a time, echoed by the server (tcp_lat). */
    STREAM_PING_PONG(true, false, true),
    /** One datagram at a time, echoed by the server (udp_lat). */
    DATAGRAM_PING_PONG(true, true, true);

    private final boolean dataConnection;
    private final boolean datagram;
    private final boolean pingPong;

    TrafficPattern(final boolean dataConnection, final boolean datagram, final boolean pingPong) {
        this.dataConnection = dataConnection;
        this.datagram = datagram;
        this.pingPong = pingPong;
    }

    /** True when the test opens a data connection (and so measures something). */
    public boolean hasDataConnection() {
        return dataConnection;
    }

    /** True for UDP data. */
    public boolean isDatagram() {
        return datagram;
    }

    /** True when the server echoes every message (latency tests); false for one-way streams. */
    public boolean isPingPong() {
        return pingPong;
    }
}
