package io.github.jqperf.engine.result;

import io.github.jqperf.engine.result.Stat;

/**
 * The per-node values qperf derives from one side's statistics (its {@code RESN}, computed by
 * {@code calc_node}; protocol spec §8.1). The client computes them for itself from its own snapshots and for the
 * server from the STAT it received.
 *
 * <p>The {@code cpus*} values are fractions of one CPU (1.0 = one CPU fully busy; qperf prints them ×100 as
 * {@code % cpus}). They come from the system-wide {@code /proc/stat} aggregate, so they can exceed 1.0 on
 * multi-CPU machines.
 *
 * @param realTimeSeconds elapsed real time: Δreal / no_ticks
 * @param cpuTimeSeconds  busy CPU time (every tick class except idle, iowait included) / no_ticks, computed in
 *                        single precision exactly like qperf ({@code 114} ticks → {@code 1.1399999856948853})
 * @param cpusUser        (Δuser + Δnice) / Δreal
 * @param cpusIntr        (Δirq + Δsoftirq) / Δreal
 * @param cpusKernel      (Δsystem + Δsteal) / Δreal
 * @param cpusIowait      Δiowait / Δreal
 * @param cpusIdle        Δidle / Δreal (computed by qperf, never printed)
 * @param cpusUsed        cpusUser + cpusIntr + cpusKernel + cpusIowait
 */
public record NodeResult(double realTimeSeconds, double cpuTimeSeconds, double cpusUser, double cpusIntr,
                         double cpusKernel, double cpusIowait, double cpusIdle, double cpusUsed) {
    /** All zero: what qperf uses when Δreal or no_ticks is 0. */
    public static final NodeResult ZERO = new NodeResult(0, 0, 0, 0, 0, 0, 0, 0);

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
        final double cpusKernel =
            Unsigned.toDouble(delta(stat, Stat.T_KERNEL) + delta(stat, Stat.T_STEAL)) / realTicks;
        final double cpusIowait = Unsigned.toDouble(delta(stat, Stat.T_IOWAIT)) / realTicks;
        final double cpusUsed = cpusUser + cpusIntr + cpusKernel + cpusIowait;
        return new NodeResult(realTimeSeconds, cpuTimeSeconds, cpusUser, cpusIntr, cpusKernel, cpusIowait, cpusIdle,
            cpusUsed);
    }

    private static long delta(final Stat stat, final int index) {
        return stat.timeEnd(index) - stat.timeStart(index);
    }
}
