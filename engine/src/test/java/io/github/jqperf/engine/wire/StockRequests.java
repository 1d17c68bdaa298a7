package io.github.jqperf.engine.wire;

/**
 * Builds {@link Request} records the way the stock qperf 0.4.11 client fills a REQ (docs/protocol.md §3.1): version 0.4.11,
 * {@code time} 2 and {@code timeout} 5 unless set, everything else 0 / empty. Test code only.
 */
final class StockRequests {
    private int verMaj = WireConstants.VERSION_MAJOR;
    private int verMin = WireConstants.VERSION_MINOR;
    private int verInc = WireConstants.VERSION_INC;
    private final int reqIndex;
    private long accessRecv;
    private long affinity;
    private long msgSize;
    private long port;
    private long sockBufSize;
    private long time = 2;
    private long timeout = 5;

    private StockRequests(final int reqIndex) {
        this.reqIndex = reqIndex;
    }

    /** A stock-client REQ for the test at {@code reqIndex} (docs/protocol.md §3.2: 0 conf, 1 quit, 8 tcp_bw, 9 tcp_lat, ...). */
    static StockRequests req(final int reqIndex) {
        return new StockRequests(reqIndex);
    }

    StockRequests version(final int major, final int minor, final int inc) {
        verMaj = major;
        verMin = minor;
        verInc = inc;
        return this;
    }

    /** {@code -ar N} / {@code -ar1}. */
    StockRequests accessRecv(final long v) {
        accessRecv = v;
        return this;
    }

    /** {@code -ca N} / {@code -rca N}. */
    StockRequests affinity(final long v) {
        affinity = v;
        return this;
    }

    /** {@code -m}, or the per-test default. */
    StockRequests msgSize(final long v) {
        msgSize = v;
        return this;
    }

    /** {@code -ip}. */
    StockRequests port(final long v) {
        port = v;
        return this;
    }

    /** {@code -sb} / {@code -rsb}. */
    StockRequests sockBufSize(final long v) {
        sockBufSize = v;
        return this;
    }

    /** {@code -t}. */
    StockRequests time(final long v) {
        time = v;
        return this;
    }

    /** {@code -to} / {@code -rto}. */
    StockRequests timeout(final long v) {
        timeout = v;
        return this;
    }

    Request build() {
        return new Request(
                verMaj,
                verMin,
                verInc,
                reqIndex,
                accessRecv,
                affinity,
                0,
                0,
                msgSize,
                0,
                0,
                0,
                port,
                0,
                0,
                sockBufSize,
                0,
                time,
                timeout,
                0,
                "",
                "");
    }

    /** {@code r} with other {@code id} and {@code static_rate} texts (every numeric field kept). */
    static Request withTexts(final Request r, final String id, final String staticRate) {
        return new Request(
                r.verMaj(),
                r.verMin(),
                r.verInc(),
                r.reqIndex(),
                r.accessRecv(),
                r.affinity(),
                r.altPort(),
                r.flip(),
                r.msgSize(),
                r.mtuSize(),
                r.noMsgs(),
                r.pollMode(),
                r.port(),
                r.rdAtomic(),
                r.sl(),
                r.sockBufSize(),
                r.srcPathBits(),
                r.time(),
                r.timeout(),
                r.useCm(),
                id,
                staticRate);
    }
}
