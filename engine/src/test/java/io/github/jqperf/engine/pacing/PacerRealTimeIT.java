package io.github.jqperf.engine.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pacer on the real clock with {@link ParkOrSpinWait}: a modest rate must leave the sending thread mostly asleep.
 * Bounded (0.5 s per case) and tolerant: the machine is shared, so only the upper bound on the message count (the
 * pacer never runs ahead) is strict.
 */
@Timeout(30)
class PacerRealTimeIT {
    @ParameterizedTest(name = "{0} bit/s, {1} B")
    @CsvSource({"50000000, 1024", "1000000, 1024"})
    void shouldPaceWithoutBurningTheThread(final long rateBitsPerSec, final int msgSize) {
        final var threads = ManagementFactory.getThreadMXBean();
        final WaitStrategy wait = new ParkOrSpinWait();
        final long wallNs = 500_000_000L;
        final long cpu0 = threads.getCurrentThreadCpuTime();
        final long t0 = System.nanoTime();
        final Pacer pacer = Pacer.withDefaultBurst(rateBitsPerSec, msgSize, t0);
        long sent = 0;
        long now = t0;
        while (now - t0 < wallNs) {
            now = pacer.acquire(NanoClock.SYSTEM, wait);
            sent++;
        }
        final long elapsedNs = System.nanoTime() - t0;
        final long cpuNs = threads.getCurrentThreadCpuTime() - cpu0;
        final double expected = (double) rateBitsPerSec * elapsedNs / 1e9 / (msgSize * 8.0);
        System.out.printf(
                "[pacing] %d bit/s, %d B: %d messages in %.3f s (%.1f expected), thread CPU %.1f ms = %.1f %%"
                        + " of wall, burst %d%n",
                rateBitsPerSec,
                msgSize,
                sent,
                elapsedNs / 1e9,
                expected,
                cpuNs / 1e6,
                100.0 * cpuNs / elapsedNs,
                pacer.burstMsgs());
        assertThat((double) cpuNs).as("thread CPU time vs wall time").isLessThan(elapsedNs / 3.0);
        assertThat((double) sent).as("never ahead of the rate").isLessThanOrEqualTo(expected + pacer.burstMsgs() + 1);
        // a starved thread loses rate beyond the burst window (measured 67-100 % at load average 14 on 2 vCPUs): only
        // a pacer that waits far too long fails this
        assertThat((double) sent)
                .as("not far behind (tolerant: shared machine)")
                .isGreaterThan(expected * 0.3);
    }
}
