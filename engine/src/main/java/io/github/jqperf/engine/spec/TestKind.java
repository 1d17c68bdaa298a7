package io.github.jqperf.engine.spec;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The qperf tests jqperf implements, declared as qperf's {@code Tests[]} table declares them. Everything about a test
 * is here: its name, the index in the server's test table that travels in the REQ (docs/protocol.md §3.2), its default message
 * size, the parameters it uses (qperf's {@code par_use}, which decides the "used parameter" lines and the "set but
 * not used" warnings), its {@link TrafficPattern} (from which the data path picks its sessions) and its
 * {@link ReportStyle} (qperf's {@code MEASURE}).
 *
 * <p>qperf's defaults are applied in one place, {@link #applyDefaults(ParamSet)}.
 *
 * <p>Adding a test kind with an existing traffic pattern = one constant here.
 */
public enum TestKind {
    /** Configuration of both nodes. */
    CONF("conf", 0, 0, TrafficPattern.NONE, ReportStyle.CONF, false, EnumSet.noneOf(Param.class)),
    /** Makes the server exit. */
    QUIT("quit", 1, 0, TrafficPattern.NONE, ReportStyle.NONE, true, EnumSet.noneOf(Param.class)),
    /** TCP streaming one way bandwidth. */
    TCP_BW("tcp_bw", 8, 64 * 1024, TrafficPattern.STREAM, ReportStyle.BANDWIDTH, true, bwParams()),
    /** TCP one way latency (ping-pong). */
    TCP_LAT("tcp_lat", 9, 1, TrafficPattern.STREAM_PING_PONG, ReportStyle.LATENCY, true, latParams()),
    /** UDP streaming one way bandwidth. */
    UDP_BW("udp_bw", 10, 32 * 1024, TrafficPattern.DATAGRAM_STREAM, ReportStyle.BANDWIDTH_SR, true, bwParams()),
    /** UDP one way latency (ping-pong). */
    UDP_LAT("udp_lat", 11, 1, TrafficPattern.DATAGRAM_PING_PONG, ReportStyle.LATENCY, true, latParams());

    /**
     * Size of the stock Debian server's test table: indices below it are valid requests for a stock server
     * (docs/protocol.md §3.2, RDMA tests 12..32 included); jqperf's server accepts only the indices of this enum.
     */
    public static final int QPERF_TABLE_SIZE = 33;

    /**
     * The largest message a Java buffer can hold: larger {@code msg_size} values (qperf allows any u32) are clamped
     * to it by {@link #clampMsgSize(long)}.
     */
    public static final int MAX_MSG_SIZE_BYTES = Integer.MAX_VALUE - 8;

    /** qperf's names of the indices 0..11 that every build has; RDMA tests follow in Debian's build. */
    private static final String[] QPERF_NAMES = {
        "conf",
        "quit",
        "rds_bw",
        "rds_lat",
        "sctp_bw",
        "sctp_lat",
        "sdp_bw",
        "sdp_lat",
        "tcp_bw",
        "tcp_lat",
        "udp_bw",
        "udp_lat",
        "rc_bi_bw",
        "rc_bw",
        "rc_compare_swap_mr",
        "rc_fetch_add_mr",
        "rc_lat",
        "rc_rdma_read_bw",
        "rc_rdma_read_lat",
        "rc_rdma_write_bw",
        "rc_rdma_write_lat",
        "rc_rdma_write_poll_lat",
        "uc_bi_bw",
        "uc_bw",
        "uc_lat",
        "uc_rdma_write_bw",
        "uc_rdma_write_lat",
        "uc_rdma_write_poll_lat",
        "ud_bi_bw",
        "ud_bw",
        "ud_lat",
        "ver_rc_compare_swap",
        "ver_rc_fetch_add",
    };

    private final String qperfName;
    private final int requestIndex;
    private final int defaultMsgSizeBytes;
    private final TrafficPattern traffic;
    private final ReportStyle reportStyle;
    private final boolean checksUnusedParams;
    private final Set<Param> params;

    TestKind(
            final String qperfName,
            final int requestIndex,
            final int defaultMsgSizeBytes,
            final TrafficPattern traffic,
            final ReportStyle reportStyle,
            final boolean checksUnusedParams,
            final Set<Param> testParams) {
        this.qperfName = qperfName;
        this.requestIndex = requestIndex;
        this.defaultMsgSizeBytes = defaultMsgSizeBytes;
        this.traffic = traffic;
        this.reportStyle = reportStyle;
        this.checksUnusedParams = checksUnusedParams;
        // qperf's client() marks these used for every test before the test's own par_use calls
        final Set<Param> used = EnumSet.of(Param.AFFINITY, Param.TIME, Param.TIMEOUT);
        used.addAll(testParams);
        this.params = Collections.unmodifiableSet(used);
    }

    private static Set<Param> bwParams() {
        return EnumSet.of(
                Param.ACCESS_RECV,
                Param.AFFINITY,
                Param.MSG_SIZE,
                Param.PORT,
                Param.SOCK_BUF_SIZE,
                Param.TIME,
                Param.TIMEOUT);
    }

    private static Set<Param> latParams() {
        return EnumSet.of(Param.AFFINITY, Param.MSG_SIZE, Param.PORT, Param.SOCK_BUF_SIZE, Param.TIME, Param.TIMEOUT);
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

    /**
     * Parameters the test uses (qperf's {@code par_use}, including the affinity, time and timeout that qperf's
     * {@code client()} marks for every test). For the measurement tests these are also the candidates of the
     * used-parameter lines (docs/protocol.md §8.5).
     */
    public Set<Param> params() {
        return params;
    }

    /** What flows on the data connection; {@link TrafficPattern#NONE} for conf and quit. */
    public TrafficPattern trafficPattern() {
        return traffic;
    }

    /** How the result is reported (qperf's {@code MEASURE}). */
    public ReportStyle reportStyle() {
        return reportStyle;
    }

    /**
     * Whether qperf checks this test for options that set a parameter no test used ({@code opt_check}: the
     * "warning: -X set but not used in test T" lines). True for quit and the measurement tests, false for conf.
     */
    public boolean checksUnusedParams() {
        return checksUnusedParams;
    }

    /** True for tcp_bw, tcp_lat, udp_bw, udp_lat: tests with a data connection, a STAT and results. */
    public boolean isMeasurement() {
        return traffic.hasDataConnection();
    }

    /** True for the bandwidth tests (one-way streams: send/recv naming, costs, {@code access_recv}). */
    public boolean isBandwidth() {
        return traffic.hasDataConnection() && !traffic.isPingPong();
    }

    /** True for the UDP tests. */
    public boolean isUdp() {
        return traffic.isDatagram();
    }

    /**
     * Applies qperf's per-test defaults in place, exactly as qperf's client does before each test (it writes them
     * into the parameters that persist from test to test): time {@value QperfDefaults#TIME_SECONDS} s to each copy
     * whose {@code no_msgs} copy the user did not set, timeout {@value QperfDefaults#TIMEOUT_SECONDS} s, and for the
     * measurement tests the test's default message size. Only copies the user left alone are filled, and they stay
     * "not set" (so they are not listed at {@code -vu}).
     *
     * <p>This is the one place defaults are applied; {@link #withDefaults(ParamSet)} is the copying form.
     *
     * @param params the parameters to complete; modified
     * @return {@code params}
     */
    public ParamSet applyDefaults(final ParamSet params) {
        if (!params.isSetLocal(Param.NO_MSGS)) {
            params.defaultLocal(Param.TIME, QperfDefaults.TIME_SECONDS);
        }
        if (!params.isSetRemote(Param.NO_MSGS)) {
            params.defaultRemote(Param.TIME, QperfDefaults.TIME_SECONDS);
        }
        params.defaultValue(Param.TIMEOUT, QperfDefaults.TIMEOUT_SECONDS);
        if (defaultMsgSizeBytes > 0) {
            params.defaultValue(Param.MSG_SIZE, defaultMsgSizeBytes);
        }
        return params;
    }

    /** A copy of {@code params} with {@link #applyDefaults(ParamSet) qperf's defaults} applied. */
    public ParamSet withDefaults(final ParamSet params) {
        return applyDefaults(params.copy());
    }

    /**
     * The message size a data path allocates for a {@code msg_size} value: the value itself up to
     * {@link #MAX_MSG_SIZE_BYTES}, which larger values are clamped to. 0 stays 0 (callers reject it).
     *
     * @param msgSizeBytes qperf's unsigned 32-bit {@code msg_size}
     * @return the buffer size, 0..{@link #MAX_MSG_SIZE_BYTES}
     */
    public static int clampMsgSize(final long msgSizeBytes) {
        return (int) Math.max(0, Math.min(msgSizeBytes, MAX_MSG_SIZE_BYTES));
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
