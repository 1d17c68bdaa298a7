package io.github.jqperf.engine.spec;

/**
 * qperf 0.4.11's test parameters, in the fixed order qperf lists them on its "used parameter" lines
 * (docs/protocol.md §8.5). Every parameter has a local copy (the client's own) and a remote copy (sent to the
 * server in the REQ, docs/protocol.md §3.1).
 *
 * <p>{@link #qperfName()} is the word qperf prints (e.g. {@code msg_size}, {@code service_level}); {@link #kind()}
 * tells how its value is printed.
 */
public enum Param {
    /** {@code -ar/--access_recv}: bw-test receiver reads every received byte. */
    ACCESS_RECV("access_recv", Kind.COUNT),
    /** {@code -ca/-lca/-rca}: pin to CPU N-1 (0 = no pinning). */
    AFFINITY("affinity", Kind.COUNT),
    /** {@code -ap/-lap/-rap} (RDMA only). */
    ALT_PORT("alt_port", Kind.COUNT),
    /** {@code -f} (ignored by socket tests). */
    FLIP("flip", Kind.COUNT),
    /** {@code -i/-li/-ri} device string (RDMA only). */
    ID("id", Kind.STRING),
    /** {@code -m/--msg_size}. */
    MSG_SIZE("msg_size", Kind.SIZE),
    /** {@code -mt} (RDMA only). */
    MTU_SIZE("mtu_size", Kind.SIZE),
    /** {@code -n/--no_msgs} (not implemented by socket tests). */
    NO_MSGS("no_msgs", Kind.COUNT),
    /** {@code -cp/-lcp/-rcp} (RDMA only). */
    POLL_MODE("poll_mode", Kind.COUNT),
    /** {@code -ip/--ip_port}: the server's data port (0 = ephemeral). */
    PORT("port", Kind.COUNT),
    /** {@code -nr/-lnr/-rnr} (RDMA only). */
    RD_ATOMIC("rd_atomic", Kind.COUNT),
    /** {@code -sl/-lsl/-rsl} (RDMA only); qperf prints it as {@code service_level}. */
    SL("service_level", Kind.COUNT),
    /** {@code -sb/-lsb/-rsb}: SO_SNDBUF and SO_RCVBUF of the server's data socket. */
    SOCK_BUF_SIZE("sock_buf_size", Kind.SIZE),
    /** {@code -sp/-lsp/-rsp} (RDMA only). */
    SRC_PATH_BITS("src_path_bits", Kind.SIZE),
    /** {@code -t/--time}: test duration in seconds. */
    TIME("time", Kind.TIME),
    /** {@code -to/-lto/-rto}: per-message control timeout in seconds. */
    TIMEOUT("timeout", Kind.TIME),
    /** {@code -cm} (RDMA only). */
    USE_CM("use_cm", Kind.COUNT),
    /** {@code -sr/-lsr/-rsr} (RDMA only); not on the used-parameter lines. */
    STATIC_RATE("static_rate", Kind.STRING);

    /** How a parameter's value is printed on a used-parameter line. */
    public enum Kind {
        /** A plain integer, unitless ({@code port = 20,000 }). */
        COUNT,
        /** A byte size ({@code 64 KiB (65,536)}). */
        SIZE,
        /** Seconds, printed as a time ({@code 1 sec}). */
        TIME,
        /** A string (RDMA device names). */
        STRING
    }

    private final String qperfName;
    private final Kind kind;

    Param(final String qperfName, final Kind kind) {
        this.qperfName = qperfName;
        this.kind = kind;
    }

    /** The word qperf prints for this parameter. */
    public String qperfName() {
        return qperfName;
    }

    /** How the value is printed. */
    public Kind kind() {
        return kind;
    }
}
