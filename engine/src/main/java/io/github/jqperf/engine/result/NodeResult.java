package io.github.jqperf.engine.result;

/**
 * The per-node values qperf derives from one side's statistics (its {@code RESN}, computed by
 * {@code calc_node}; docs/protocol.md §6.2). The client computes them for itself from its own snapshots and for the
 * server from the STAT it received.
 *
 * <p>Immutable; built only by {@link #of(Stat)} (a final class rather than a record, so fields can be added later
 * without breaking callers).
 *
 * <p>The {@code cpus*} values are fractions of one CPU (1.0 = one CPU fully busy; qperf prints them ×100 as
 * {@code % cpus}). They come from the system-wide {@code /proc/stat} aggregate, so they can exceed 1.0 on
 * multi-CPU machines.
 */
public final class NodeResult {
    /** All zero: what qperf uses when Δreal or no_ticks is 0. */
    public static final NodeResult ZERO = new NodeResult(0, 0, 0, 0, 0, 0, 0, 0);

    private final double realTimeSeconds;
    private final double cpuTimeSeconds;
    private final double cpusUser;
    private final double cpusIntr;
    private final double cpusKernel;
    private final double cpusIowait;
    private final double cpusIdle;
    private final double cpusUsed;

    private NodeResult(
            final double realTimeSeconds,
            final double cpuTimeSeconds,
            final double cpusUser,
            final double cpusIntr,
            final double cpusKernel,
            final double cpusIowait,
            final double cpusIdle,
            final double cpusUsed) {
        this.realTimeSeconds = realTimeSeconds;
        this.cpuTimeSeconds = cpuTimeSeconds;
        this.cpusUser = cpusUser;
        this.cpusIntr = cpusIntr;
        this.cpusKernel = cpusKernel;
        this.cpusIowait = cpusIowait;
        this.cpusIdle = cpusIdle;
        this.cpusUsed = cpusUsed;
    }

    /** Elapsed real time in seconds: Δreal / no_ticks. */
    public double realTimeSeconds() {
        return realTimeSeconds;
    }

    /**
     * Busy CPU time in seconds (every tick class except idle, iowait included) / no_ticks, computed in single
     * precision exactly like qperf ({@code 114} ticks → {@code 1.1399999856948853}).
     */
    public double cpuTimeSeconds() {
        return cpuTimeSeconds;
    }

    /** (Δuser + Δnice) / Δreal, in CPUs. */
    public double cpusUser() {
        return cpusUser;
    }

    /** (Δirq + Δsoftirq) / Δreal, in CPUs. */
    public double cpusIntr() {
        return cpusIntr;
    }

    /** (Δsystem + Δsteal) / Δreal, in CPUs. */
    public double cpusKernel() {
        return cpusKernel;
    }

    /** Δiowait / Δreal, in CPUs. */
    public double cpusIowait() {
        return cpusIowait;
    }

    /** Δidle / Δreal, in CPUs (computed by qperf, never printed). */
    public double cpusIdle() {
        return cpusIdle;
    }

    /** CpusUser + cpusIntr + cpusKernel + cpusIowait, in CPUs (qperf's {@code cpus_used}). */
    public double cpusUsed() {
        return cpusUsed;
    }

    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof NodeResult x)) {
            return false;
        }
        return Double.compare(realTimeSeconds, x.realTimeSeconds) == 0
                && Double.compare(cpuTimeSeconds, x.cpuTimeSeconds) == 0
                && Double.compare(cpusUser, x.cpusUser) == 0
                && Double.compare(cpusIntr, x.cpusIntr) == 0
                && Double.compare(cpusKernel, x.cpusKernel) == 0
                && Double.compare(cpusIowait, x.cpusIowait) == 0
                && Double.compare(cpusIdle, x.cpusIdle) == 0
                && Double.compare(cpusUsed, x.cpusUsed) == 0;
    }

    @Override
    public int hashCode() {
        int h = 0;
        h = 31 * h + Double.hashCode(realTimeSeconds);
        h = 31 * h + Double.hashCode(cpuTimeSeconds);
        h = 31 * h + Double.hashCode(cpusUser);
        h = 31 * h + Double.hashCode(cpusIntr);
        h = 31 * h + Double.hashCode(cpusKernel);
        h = 31 * h + Double.hashCode(cpusIowait);
        h = 31 * h + Double.hashCode(cpusIdle);
        h = 31 * h + Double.hashCode(cpusUsed);
        return h;
    }

    @Override
    public String toString() {
        return "NodeResult[realTimeSeconds=" + realTimeSeconds + ", cpuTimeSeconds=" + cpuTimeSeconds
                + ", cpusUser=" + cpusUser + ", cpusIntr=" + cpusIntr + ", cpusKernel=" + cpusKernel
                + ", cpusIowait=" + cpusIowait + ", cpusIdle=" + cpusIdle + ", cpusUsed=" + cpusUsed + "]";
    }

    /**
     * Computes the node values of one side (qperf's {@code calc_node}).
     *
     * @param stat the side's statistics; differences of its snapshots are taken as unsigned 64-bit values
     * @return the values, or {@link #ZERO} when Δreal or no_ticks is 0
     */
    public static NodeResult of(final Stat stat) {
        final double realTicks = Unsigned.toDouble(delta(stat, Stat.T_REAL));
        if (realTicks == 0 || stat.noTicks() == 0) {
            return ZERO;
        }
        final double realTimeSeconds = realTicks / stat.noTicks();
        long busyTicks = 0;
        for (int i = 0; i < Stat.TIMES; i++) {
            if (i != Stat.T_REAL && i != Stat.T_IDLE) {
                busyTicks += delta(stat, i);
            }
        }
        // qperf: (float) cpu / stat->no_ticks — a float division, widened to double when stored.
        final float cpuTimeFloat = Unsigned.toFloat(busyTicks) / (float) stat.noTicks();
        final double cpuTimeSeconds = cpuTimeFloat;
        final double cpusUser = Unsigned.toDouble(delta(stat, Stat.T_USER) + delta(stat, Stat.T_NICE)) / realTicks;
        final double cpusIntr = Unsigned.toDouble(delta(stat, Stat.T_IRQ) + delta(stat, Stat.T_SOFTIRQ)) / realTicks;
        final double cpusIdle = Unsigned.toDouble(delta(stat, Stat.T_IDLE)) / realTicks;
        final double cpusKernel = Unsigned.toDouble(delta(stat, Stat.T_KERNEL) + delta(stat, Stat.T_STEAL)) / realTicks;
        final double cpusIowait = Unsigned.toDouble(delta(stat, Stat.T_IOWAIT)) / realTicks;
        final double cpusUsed = cpusUser + cpusIntr + cpusKernel + cpusIowait;
        return new NodeResult(
                realTimeSeconds, cpuTimeSeconds, cpusUser, cpusIntr, cpusKernel, cpusIowait, cpusIdle, cpusUsed);
    }

    private static long delta(final Stat stat, final int index) {
        return stat.timeEnd(index) - stat.timeStart(index);
    }
}
