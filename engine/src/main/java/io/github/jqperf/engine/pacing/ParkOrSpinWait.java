package io.github.jqperf.engine.pacing;

import java.util.concurrent.locks.LockSupport;

/**
 * Sleeps for long waits, yields or spins for short ones, so a low rate costs almost no CPU and a high rate keeps its
 * accuracy.
 *
 * <ul>
 *   <li>{@code waitNs >= parkFromNs}: {@link LockSupport#parkNanos(long)}. The thread wakes late by the timer slack
 *       (50 µs by default on Linux) plus scheduling latency; the {@link Pacer}'s burst lets the sender catch up on the
 *       next permits, so the long-run rate does not drift.</li>
 *   <li>{@code yieldFromNs <= waitNs < parkFromNs}: {@link Thread#yield()}, which lets another thread (the peer on
 *       loopback, the event loop) run.</li>
 *   <li>shorter: {@link Thread#onSpinWait()}.</li>
 * </ul>
 * Stateless and allocation-free; one instance may serve many threads. A thread whose interrupt flag is set returns
 * from {@code parkNanos} at once, so a sender loop must check its stop condition (or the interrupt) itself.
 */
public final class ParkOrSpinWait implements WaitStrategy {
    /** Default park threshold: about the Linux timer slack, below which a sleep is mostly overshoot. */
    public static final long DEFAULT_PARK_FROM_NS = 50_000;
    /** Default yield threshold. */
    public static final long DEFAULT_YIELD_FROM_NS = 10_000;

    private final long parkFromNs;
    private final long yieldFromNs;

    /** With the default thresholds. */
    public ParkOrSpinWait() {
        this(DEFAULT_PARK_FROM_NS, DEFAULT_YIELD_FROM_NS);
    }

    /**
     * With given thresholds.
     *
     * @param parkFromNs  waits from this long on sleep
     * @param yieldFromNs waits from this long (and below {@code parkFromNs}) yield; shorter ones spin
     * @throws IllegalArgumentException unless {@code 0 <= yieldFromNs <= parkFromNs}
     */
    public ParkOrSpinWait(final long parkFromNs, final long yieldFromNs) {
        if (yieldFromNs < 0 || parkFromNs < yieldFromNs) {
            throw new IllegalArgumentException(
                    "need 0 <= yieldFromNs <= parkFromNs, got " + yieldFromNs + ", " + parkFromNs);
        }
        this.parkFromNs = parkFromNs;
        this.yieldFromNs = yieldFromNs;
    }

    @Override
    public void idle(final long waitNs) {
        if (waitNs >= parkFromNs) {
            LockSupport.parkNanos(waitNs);
        } else if (waitNs >= yieldFromNs) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }
}
