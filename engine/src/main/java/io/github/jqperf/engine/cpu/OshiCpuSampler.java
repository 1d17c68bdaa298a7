package io.github.jqperf.engine.cpu;

import io.github.jqperf.engine.result.Stat;
import oshi.hardware.CentralProcessor.TickType;
import oshi.util.driver.linux.proc.CpuStat;

/**
 * System-wide CPU ticks through OSHI's {@code /proc/stat} driver ({@link CpuStat#getSystemCpuLoadTicks()}: the
 * {@code cpu} line in USER_HZ ticks), which is what qperf reads.
 *
 * <p>Not {@code CentralProcessor.getSystemCpuLoadTicks()}: OSHI memoizes that for 300 ms, so a snapshot taken within
 * 300 ms of the previous one (the next test of a multi-test run, the server's next client) returned the older ticks
 * while the real-time counter was current, and {@code cpus_used} went above 100 % per CPU (258 % on 2 CPUs in a
 * {@code -t 1} scenario run). The driver reads the file on every call.
 */
public final class OshiCpuSampler implements CpuSampler {
    private static final int FIELDS = TickType.values().length;

    /** Creates the sampler. */
    public OshiCpuSampler() {
        // nothing to initialise: the driver is stateless
    }

    @Override
    public void sample(final long[] into) {
        final long real = CpuSampler.realTicks();
        long[] ticks;
        try {
            ticks = CpuStat.getSystemCpuLoadTicks();
        } catch (RuntimeException e) {
            ticks = new long[FIELDS];
        }
        into[Stat.T_REAL] = real;
        into[Stat.T_USER] = ticks[TickType.USER.getIndex()];
        into[Stat.T_NICE] = ticks[TickType.NICE.getIndex()];
        into[Stat.T_KERNEL] = ticks[TickType.SYSTEM.getIndex()];
        into[Stat.T_IDLE] = ticks[TickType.IDLE.getIndex()];
        into[Stat.T_IOWAIT] = ticks[TickType.IOWAIT.getIndex()];
        into[Stat.T_IRQ] = ticks[TickType.IRQ.getIndex()];
        into[Stat.T_SOFTIRQ] = ticks[TickType.SOFTIRQ.getIndex()];
        into[Stat.T_STEAL] = ticks[TickType.STEAL.getIndex()];
    }
}
