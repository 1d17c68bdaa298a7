package io.github.jqperf.engine.spec;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The qperf tests jqperf implements, declared as qperf's {@code Tests[]} table declares them: the name, the
 * index in the server's test table that travels in the REQ (spec §2.5), the default message size and the
 * parameters the test uses (qperf's {@code par_use}, which decides the "used parameter" lines and the
 * "set but not used" warnings).
 *
 * <p>Adding a test kind = one constant here plus its client and server roles in the transport layer.
 */
public enum TestKind {
    /** Configuration of both nodes. */
    CONF("conf", 0, 0, EnumSet.noneOf(Param.class), false),
    /** Makes the server exit. */
    QUIT("quit", 1, 0, EnumSet.noneOf(Param.class), false),
    /** TCP streaming one way bandwidth. */
    TCP_BW("tcp_bw", 8, 64 * 1024, bwParams(), true),
    /** TCP one way latency (ping-pong). */
    TCP_LAT("tcp_lat", 9, 1, latParams(), true),
    /** UDP streaming one way bandwidth. */
    UDP_BW("udp_bw", 10, 32 * 1024, bwParams(), true),
    /** UDP one way latency (ping-pong). */
    UDP_LAT("udp_lat", 11, 1, latParams(), true);

    /**
     * Size of the stock Debian server's test table: indices below it are valid requests for a stock server
     * (spec §2.5, RDMA tests 12..32 included); jqperf's server accepts only the indices of this enum.
     */
    public static final int QPERF_TABLE_SIZE = 33;

    /** qperf's names of the indices 0..11 that every build has; RDMA tests follow in Debian's build. */
    private static final String[] QPERF_NAMES = {
        "conf", "quit", "rds_bw", "rds_lat", "sctp_bw", "sctp_lat", "sdp_bw", "sdp_lat",
        "tcp_bw", "tcp_lat", "udp_bw", "udp_lat",
        "rc_bi_bw", "rc_bw", "rc_compare_swap_mr", "rc_fetch_add_mr", "rc_lat", "rc_rdma_read_bw",
        "rc_rdma_read_lat", "rc_rdma_write_bw", "rc_rdma_write_lat", "rc_rdma_write_poll_lat", "uc_bi_bw",
        "uc_bw", "uc_lat", "uc_rdma_write_bw", "uc_rdma_write_lat", "uc_rdma_write_poll_lat", "ud_bi_bw",
        "ud_bw", "ud_lat", "ver_rc_compare_swap", "ver_rc_fetch_add",
    };

    private final String qperfName;
    private final int requestIndex;
    private final int defaultMsgSizeBytes;
    private final Set<Param> params;
    private final boolean measurement;

    TestKind(final String qperfName, final int requestIndex, final int defaultMsgSizeBytes,
             final Set<Param> params, final boolean measurement) {
        this.qperfName = qperfName;
        this.requestIndex = requestIndex;
        this.defaultMsgSizeBytes = defaultMsgSizeBytes;
        this.params = Collections.unmodifiableSet(params);
        this.measurement = measurement;
    }

    private static Set<Param> bwParams() {
        return EnumSet.of(Param.ACCESS_RECV, Param.AFFINITY, Param.MSG_SIZE, Param.PORT, Param.SOCK_BUF_SIZE,
            Param.TIME, Param.TIMEOUT);
    }

    private static Set<Param> latParams() {
        return EnumSet.of(Param.AFFINITY, Param.MSG_SIZE, Param.PORT, Param.SOCK_BUF_SIZE, Param.TIME,
            Param.TIMEOUT);
    }

    /** qperf's name, e.g. {@code tcp_bw}. */
    public String qperfName() {
        return qperfName;
    }

    /** The {@code req_index} the REQ carries. */
    public int requestIndex() {
        return requestIndex;
    }

    /** Default message size when {@code -m} was not given (0 for conf and quit, which set none). */
    public int defaultMsgSizeBytes() {
        return defaultMsgSizeBytes;
    }

    /** Parameters the test uses (qperf's {@code par_use}); empty for conf and quit. */
    public Set<Param> params() {
        return params;
    }

    /** True for tcp_bw, tcp_lat, udp_bw, udp_lat: tests with a data connection, a STAT and results. */
    public boolean isMeasurement() {
        return measurement;
    }

    /** True for the bandwidth tests (send/recv naming, costs). */
    public boolean isBandwidth() {
        return this == TCP_BW || this == UDP_BW;
    }

    /** True for the UDP tests. */
    public boolean isUdp() {
        return this == UDP_BW || this == UDP_LAT;
    }

    /** The kind with this qperf name, if jqperf implements it. */
    public static Optional<TestKind> byName(final String name) {
        for (final TestKind k : values()) {
            if (k.qperfName.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The kind with this request index, if jqperf implements it. */
    public static Optional<TestKind> byRequestIndex(final int index) {
        for (final TestKind k : values()) {
            if (k.requestIndex == index) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * The name stock qperf (Debian build) gives a request index, or null when the index is outside its table.
     * Used to tell "a test qperf has but jqperf does not" from "no such test".
     */
    public static String qperfNameOfIndex(final int index) {
        return index >= 0 && index < QPERF_NAMES.length ? QPERF_NAMES[index] : null;
    }

    /** Whether stock qperf knows a test of this name (e.g. {@code rc_bw}, {@code sctp_lat}). */
    public static boolean isQperfTestName(final String name) {
        for (final String n : QPERF_NAMES) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
