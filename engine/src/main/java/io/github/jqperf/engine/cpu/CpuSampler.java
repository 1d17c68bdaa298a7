package io.github.jqperf.engine.cpu;

/**
 * Takes qperf's time snapshot (docs/protocol.md §6.1): a real-time tick counter and the system-wide CPU tick counters of
 * {@code /proc/stat}, all in {@link #TICKS_PER_SECOND} per second, in {@link io.github.jqperf.engine.result.Stat}'s
 * index order (real, user, nice, system, idle, iowait, irq, softirq, steal).
 *
 * @implSpec implementations fill all nine entries of {@code into}; they may be called from any thread, never on a
 * per-message path; they never throw (a source that cannot be read yields zeros for the CPU entries, which makes the
 * CPU lines disappear from the output as they do in qperf).
 */
public interface CpuSampler {
    /** USER_HZ on Linux: qperf's {@code no_ticks}. */
    int TICKS_PER_SECOND = 100;

    /** Fills {@code into[0..8]} with the current snapshot. */
    void sample(long[] into);

    /** The real-time tick counter qperf takes from {@code times()}: 1/100 s resolution from a monotonic clock. */
    static long realTicks() {
        return System.nanoTime() / (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** Number of online CPUs (the STAT's informational {@code no_cpus}). */
    static int onlineCpus() {
        return Runtime.getRuntime().availableProcessors();
    }
}
