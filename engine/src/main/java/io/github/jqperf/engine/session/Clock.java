package io.github.jqperf.engine.session;

/**
 * Where a session's time comes from: qperf's time snapshot (docs/protocol.md §6.1), taken at the start and at the end of a run,
 * never per message. In production it is the {@code CpuSampler} (real-time ticks and {@code /proc/stat}); tests
 * use a manual one.
 */
@FunctionalInterface
public interface Clock {
    /** Fills {@code into[0..8]}: real-time ticks, then the CPU tick counters, in {@code Stat}'s index order. */
    void sample(long[] into);

    /** Ticks per second of the snapshot (qperf's {@code no_ticks}): 100, USER_HZ on Linux. */
    default long ticksPerSecond() {
        return 100;
    }

    /** Online CPUs (the STAT's informational {@code no_cpus}). */
    default long onlineCpus() {
        return Runtime.getRuntime().availableProcessors();
    }
}
