package io.github.jqperf.engine.cpu;

import io.github.jqperf.engine.result.Stat;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;

/**
 * System-wide CPU ticks through OSHI ({@link CentralProcessor#getSystemCpuLoadTicks()}, i.e. the {@code cpu} line of
 * {@code /proc/stat}), which is what qperf reads. OSHI reports milliseconds; they are converted back to USER_HZ
 * ticks so that rounding matches qperf's.
 */
public final class OshiCpuSampler implements CpuSampler {
    private static final long MS_PER_TICK = 1000L / TICKS_PER_SECOND;

    private final CentralProcessor processor;

    /** Creates the sampler (initialises OSHI once; takes a few tens of milliseconds). */
    public OshiCpuSampler() {
        this.processor = new SystemInfo().getHardware().getProcessor();
    }

    @Override
    public void sample(final long[] into) {
        final long real = CpuSampler.realTicks();
        long[] ms;
        try {
            ms = processor.getSystemCpuLoadTicks();
        } catch (RuntimeException e) {
            ms = new long[TickType.values().length];
        }
        into[Stat.T_REAL] = real;
        into[Stat.T_USER] = ms[TickType.USER.getIndex()] / MS_PER_TICK;
        into[Stat.T_NICE] = ms[TickType.NICE.getIndex()] / MS_PER_TICK;
        into[Stat.T_KERNEL] = ms[TickType.SYSTEM.getIndex()] / MS_PER_TICK;
        into[Stat.T_IDLE] = ms[TickType.IDLE.getIndex()] / MS_PER_TICK;
        into[Stat.T_IOWAIT] = ms[TickType.IOWAIT.getIndex()] / MS_PER_TICK;
        into[Stat.T_IRQ] = ms[TickType.IRQ.getIndex()] / MS_PER_TICK;
        into[Stat.T_SOFTIRQ] = ms[TickType.SOFTIRQ.getIndex()] / MS_PER_TICK;
        into[Stat.T_STEAL] = ms[TickType.STEAL.getIndex()] / MS_PER_TICK;
    }
}
