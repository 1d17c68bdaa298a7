package io.github.jqperf.bench;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.result.Ustat;

/** Fixed inputs shared by the benchmarks. */
public final class Fixtures {
    /** A CPU sampler that leaves the snapshot at zero: keeps OSHI and /proc out of the data-path benchmarks. */
    public static final CpuSampler NO_CPU = into -> java.util.Arrays.fill(into, 0);

    private Fixtures() {}

    /** A server STAT of a 2-second tcp_bw run at ~2 GB/s. */
    public static Stat tcpBwServerStat() {
        final long[] ts = {1_000_000, 50_000, 10, 20_000, 400_000, 30, 5, 7_000, 0};
        final long[] te = {1_000_200, 50_080, 10, 20_150, 400_150, 30, 5, 7_020, 0};
        return new Stat(2, 100, 0, ts, te, Ustat.ZERO, new Ustat(4_000_000_000L, 61_035, 0), Ustat.ZERO, Ustat.ZERO);
    }

    /** The matching client statistics. */
    public static Stat tcpBwClientStat() {
        final long[] ts = {2_000_000, 50_000, 10, 20_000, 400_000, 30, 5, 7_000, 0};
        final long[] te = {2_000_200, 50_070, 10, 20_160, 400_150, 30, 5, 7_020, 0};
        return new Stat(2, 100, 0, ts, te, new Ustat(4_000_000_000L, 61_035, 0), Ustat.ZERO, Ustat.ZERO, Ustat.ZERO);
    }

    /** Client statistics of a 2-second tcp_lat run (both sides send and receive). */
    public static Stat tcpLatClientStat() {
        final long[] ts = {3_000_000, 50_000, 10, 20_000, 400_000, 30, 5, 7_000, 0};
        final long[] te = {3_000_200, 50_090, 10, 20_100, 400_150, 30, 5, 7_020, 0};
        return new Stat(
                2, 100, 0, ts, te, new Ustat(60_000, 60_000, 0), new Ustat(60_000, 60_000, 0), Ustat.ZERO, Ustat.ZERO);
    }

    /** Server statistics of the same tcp_lat run. */
    public static Stat tcpLatServerStat() {
        final long[] ts = {4_000_000, 50_000, 10, 20_000, 400_000, 30, 5, 7_000, 0};
        final long[] te = {4_000_200, 50_090, 10, 20_100, 400_150, 30, 5, 7_020, 0};
        return new Stat(
                2, 100, 0, ts, te, new Ustat(60_000, 60_000, 0), new Ustat(60_000, 60_000, 0), Ustat.ZERO, Ustat.ZERO);
    }
}
