package io.github.jqperf.engine.result;

import io.github.jqperf.engine.spec.TestKind;

/**
 * Everything qperf's client computes after a socket test (its {@code Res} plus the two {@code STAT}s it shows;
 * qperf's {@code calc_results}, docs/protocol.md §7.1). Values that qperf leaves at 0 (because a side's real time is 0,
 * or because the traffic pattern does not define them) are 0 here too.
 *
 * <p>This is the calculator behind the typed {@link Result}s and the text report: every figure qperf computes,
 * whether or not it applies to the test. Immutable; built only by {@link #of(TestKind, Stat, Stat)}.
 */
public final class TestResult {
    private static final double GB = 1000 * 1000 * 1000;

    private final TestKind kind;
    private final Stat local;
    private final Stat remote;
    private final NodeResult loc;
    private final NodeResult rem;
    private final double latencySeconds;
    private final double msgRatePerSec;
    private final double sendBwBytesPerSec;
    private final double recvBwBytesPerSec;
    private final double sendCostSecondsPerGB;
    private final double recvCostSecondsPerGB;

    private TestResult(
            final TestKind kind,
            final Stat local,
            final Stat remote,
            final NodeResult loc,
            final NodeResult rem,
            final double latencySeconds,
            final double msgRatePerSec,
            final double sendBwBytesPerSec,
            final double recvBwBytesPerSec,
            final double sendCostSecondsPerGB,
            final double recvCostSecondsPerGB) {
        this.kind = kind;
        this.local = local;
        this.remote = remote;
        this.loc = loc;
        this.rem = rem;
        this.latencySeconds = latencySeconds;
        this.msgRatePerSec = msgRatePerSec;
        this.sendBwBytesPerSec = sendBwBytesPerSec;
        this.recvBwBytesPerSec = recvBwBytesPerSec;
        this.sendCostSecondsPerGB = sendCostSecondsPerGB;
        this.recvCostSecondsPerGB = recvCostSecondsPerGB;
    }

    /** The test. */
    public TestKind kind() {
        return kind;
    }

    /**
     * The client's statistics, after qperf added the server's {@code rem_s}/{@code rem_r} into its
     * {@code s}/{@code r} (a no-op for socket tests).
     */
    public Stat local() {
        return local;
    }

    /** The server's statistics (STAT), after the same addition of the client's {@code rem_s}/{@code rem_r}. */
    public Stat remote() {
        return remote;
    }

    /** The client's node values. */
    public NodeResult loc() {
        return loc;
    }

    /** The server's node values. */
    public NodeResult rem() {
        return rem;
    }

    /** Client real time / (client received msgs + server received msgs); 0 without messages. */
    public double latencySeconds() {
        return latencySeconds;
    }

    /**
     * Messages per second, with qperf's crossed times: server received msgs / <em>client</em> time, or client
     * received msgs / <em>server</em> time, or both / mean time.
     */
    public double msgRatePerSec() {
        return msgRatePerSec;
    }

    /** Bytes sent per second. */
    public double sendBwBytesPerSec() {
        return sendBwBytesPerSec;
    }

    /** Bytes received per second (the {@code bw} of tcp_bw). */
    public double recvBwBytesPerSec() {
        return recvBwBytesPerSec;
    }

    /** CPU seconds per 10⁹ bytes sent, when one side only sent. */
    public double sendCostSecondsPerGB() {
        return sendCostSecondsPerGB;
    }

    /** CPU seconds per 10⁹ bytes received, when one side only received. */
    public double recvCostSecondsPerGB() {
        return recvCostSecondsPerGB;
    }

    /**
     * Computes the results of a test from both sides' statistics, exactly as qperf 0.4.11's client does.
     *
     * @param kind   the test (kept for the report; the formulas do not depend on it)
     * @param local  the client's own statistics
     * @param remote the server's STAT
     * @return the results
     */
    public static TestResult of(final TestKind kind, final Stat local, final Stat remote) {
        final Stat l =
                withCounts(local, local.s().plus(remote.remS()), local.r().plus(remote.remR()));
        final Stat r =
                withCounts(remote, remote.s().plus(local.remS()), remote.r().plus(local.remR()));
        final NodeResult loc = NodeResult.of(l);
        final NodeResult rem = NodeResult.of(r);

        final double noMsgs = Unsigned.toDouble(l.r().msgs() + r.r().msgs());
        final double latencySeconds = noMsgs != 0 ? loc.realTimeSeconds() / noMsgs : 0;

        final double locTime = loc.realTimeSeconds();
        final double remTime = rem.realTimeSeconds();
        final double midTime = (locTime + remTime) / 2;
        if (locTime == 0 || remTime == 0) {
            return new TestResult(kind, l, r, loc, rem, latencySeconds, 0, 0, 0, 0, 0);
        }

        final double msgRate;
        if (r.r().msgs() == 0) {
            msgRate = Unsigned.toDouble(l.r().msgs()) / remTime;
        } else if (l.r().msgs() == 0) {
            msgRate = Unsigned.toDouble(r.r().msgs()) / locTime;
        } else {
            msgRate = Unsigned.toDouble(l.r().msgs() + r.r().msgs()) / midTime;
        }

        final double sendBw;
        if (r.s().bytes() == 0) {
            sendBw = Unsigned.toDouble(l.s().bytes()) / locTime;
        } else if (l.s().bytes() == 0) {
            sendBw = Unsigned.toDouble(r.s().bytes()) / remTime;
        } else {
            sendBw = Unsigned.toDouble(l.s().bytes() + r.s().bytes()) / midTime;
        }

        final double recvBw;
        if (r.r().bytes() == 0) {
            recvBw = Unsigned.toDouble(l.r().bytes()) / locTime;
        } else if (l.r().bytes() == 0) {
            recvBw = Unsigned.toDouble(r.r().bytes()) / remTime;
        } else {
            recvBw = Unsigned.toDouble(l.r().bytes() + r.r().bytes()) / midTime;
        }

        final long ls = l.s().bytes();
        final long lr = l.r().bytes();
        final long rs = r.s().bytes();
        final long rr = r.r().bytes();
        double sendCost = 0;
        if (ls != 0 && lr == 0 && rs == 0) {
            sendCost = loc.cpuTimeSeconds() * GB / Unsigned.toDouble(ls);
        } else if (rs != 0 && rr == 0 && ls == 0) {
            sendCost = rem.cpuTimeSeconds() * GB / Unsigned.toDouble(rs);
        }
        double recvCost = 0;
        if (rr != 0 && rs == 0 && lr == 0) {
            recvCost = rem.cpuTimeSeconds() * GB / Unsigned.toDouble(rr);
        } else if (lr != 0 && ls == 0 && rr == 0) {
            recvCost = loc.cpuTimeSeconds() * GB / Unsigned.toDouble(lr);
        }
        return new TestResult(kind, l, r, loc, rem, latencySeconds, msgRate, sendBw, recvBw, sendCost, recvCost);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof TestResult x
                && kind == x.kind
                && local.equals(x.local)
                && remote.equals(x.remote)
                && loc.equals(x.loc)
                && rem.equals(x.rem)
                && Double.compare(latencySeconds, x.latencySeconds) == 0
                && Double.compare(msgRatePerSec, x.msgRatePerSec) == 0
                && Double.compare(sendBwBytesPerSec, x.sendBwBytesPerSec) == 0
                && Double.compare(recvBwBytesPerSec, x.recvBwBytesPerSec) == 0
                && Double.compare(sendCostSecondsPerGB, x.sendCostSecondsPerGB) == 0
                && Double.compare(recvCostSecondsPerGB, x.recvCostSecondsPerGB) == 0;
    }

    @Override
    public int hashCode() {
        return ((kind.hashCode() * 31 + local.hashCode()) * 31 + remote.hashCode()) * 31
                + Double.hashCode(latencySeconds + msgRatePerSec + sendBwBytesPerSec + recvBwBytesPerSec);
    }

    @Override
    public String toString() {
        return "TestResult[kind=" + kind + ", loc=" + loc + ", rem=" + rem + ", latencySeconds=" + latencySeconds
                + ", msgRatePerSec=" + msgRatePerSec + ", sendBwBytesPerSec=" + sendBwBytesPerSec
                + ", recvBwBytesPerSec=" + recvBwBytesPerSec + ", sendCostSecondsPerGB=" + sendCostSecondsPerGB
                + ", recvCostSecondsPerGB=" + recvCostSecondsPerGB + "]";
    }

    private static Stat withCounts(final Stat st, final Ustat s, final Ustat r) {
        if (s.equals(st.s()) && r.equals(st.r())) {
            return st;
        }
        return new Stat(
                st.noCpus(), st.noTicks(), st.maxCqes(), st.timeStart(), st.timeEnd(), s, r, st.remS(), st.remR());
    }
}
