package io.github.jqperf.engine.result;

import java.util.Arrays;

/**
 * qperf's STAT (server → client, 256 bytes, docs/protocol.md §3.6), also used for the client's own statistics (qperf keeps
 * both sides in the same struct).
 *
 * <p>The time arrays have {@link #TIMES} entries: [0] real-time ticks, [1] user, [2] nice, [3] system, [4] idle,
 * [5] iowait, [6] irq, [7] softirq, [8] steal — all in {@code noTicks} per second.
 *
 * @param noCpus    off 0, u32: online CPUs (informational)
 * @param noTicks   off 4, u32: ticks per second (100)
 * @param maxCqes   off 8, u32: 0 (RDMA only)
 * @param timeStart off 12, u64 × 9: snapshot at test start
 * @param timeEnd   off 84, u64 × 9: snapshot at test end
 * @param s         off 156: sent
 * @param r         off 180: received
 * @param remS      off 204: sent, counted for the peer (0 for socket tests)
 * @param remR      off 228: received, counted for the peer (0 for socket tests)
 */
public record Stat(
        long noCpus,
        long noTicks,
        long maxCqes,
        long[] timeStart,
        long[] timeEnd,
        Ustat s,
        Ustat r,
        Ustat remS,
        Ustat remR) {
    /** Number of entries in a time snapshot. */
    public static final int TIMES = 9;
    /** Index of the real-time tick counter. */
    public static final int T_REAL = 0;
    /** Index of user ticks. */
    public static final int T_USER = 1;
    /** Index of nice ticks. */
    public static final int T_NICE = 2;
    /** Index of system (kernel) ticks. */
    public static final int T_KERNEL = 3;
    /** Index of idle ticks. */
    public static final int T_IDLE = 4;
    /** Index of iowait ticks. */
    public static final int T_IOWAIT = 5;
    /** Index of irq ticks. */
    public static final int T_IRQ = 6;
    /** Index of softirq ticks. */
    public static final int T_SOFTIRQ = 7;
    /** Index of steal ticks. */
    public static final int T_STEAL = 8;

    /** Validates the array lengths and copies them (records are shallowly immutable otherwise). */
    public Stat {
        if (timeStart.length != TIMES || timeEnd.length != TIMES) {
            throw new IllegalArgumentException("time snapshots need " + TIMES + " entries");
        }
        timeStart = timeStart.clone();
        timeEnd = timeEnd.clone();
    }

    /** A copy of the start snapshot. */
    @Override
    public long[] timeStart() {
        return timeStart.clone();
    }

    /** A copy of the end snapshot. */
    @Override
    public long[] timeEnd() {
        return timeEnd.clone();
    }

    /** One entry of the start snapshot without copying. */
    public long timeStart(final int index) {
        return timeStart[index];
    }

    /** One entry of the end snapshot without copying. */
    public long timeEnd(final int index) {
        return timeEnd[index];
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Stat x
                && noCpus == x.noCpus
                && noTicks == x.noTicks
                && maxCqes == x.maxCqes
                && Arrays.equals(timeStart, x.timeStart)
                && Arrays.equals(timeEnd, x.timeEnd)
                && s.equals(x.s)
                && r.equals(x.r)
                && remS.equals(x.remS)
                && remR.equals(x.remR);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(timeStart) * 31 + Arrays.hashCode(timeEnd) + s.hashCode() + r.hashCode();
    }

    @Override
    public String toString() {
        return "Stat[noCpus=" + noCpus + ", noTicks=" + noTicks + ", maxCqes=" + maxCqes
                + ", timeStart=" + Arrays.toString(timeStart) + ", timeEnd=" + Arrays.toString(timeEnd)
                + ", s=" + s + ", r=" + r + ", remS=" + remS + ", remR=" + remR + "]";
    }
}
