package io.github.jqperf.engine.pacing;

import java.util.concurrent.locks.LockSupport;

/**
 * Sleeps through most of a wait and spins through its end: a wait longer than {@code spinNs} parks for
 * {@code waitNs - spinNs} (the kernel wakes the thread about a timer slack, 50 µs on Linux, after that), and the
 * caller's next question to the {@link Pacer} then gets a short remainder that is spun ({@link Thread#onSpinWait()}).
 * So a paced sender sleeps for all but about {@code spinNs} of each interval: at low message rates it costs almost no
 * CPU, and it still sends close to the exact permit time.
 *
 * <p>With {@code spinNs = 0} it always parks (coarse: every message is late by the timer slack, and the pacer's burst
 * catches up), which is what a sender whose interval is shorter than the slack should use, or it would spin a whole
 * CPU. Stateless and allocation-free. A thread with its interrupt flag set (or an {@link LockSupport#unpark} pending)
 * returns from {@code parkNanos} at once: the caller checks its stop condition.
 */
public final class ParkThenSpinWait implements WaitStrategy {
    /** Default spin window: about the Linux timer slack, which a park overshoots by. */
    public static final long DEFAULT_SPIN_NS = 50_000;

    private final long spinNs;

    /**
     * @param spinNs the end of each wait that is spun instead of slept, &ge; 0 (0: always park)
     * @throws IllegalArgumentException when negative
     */
    public ParkThenSpinWait(final long spinNs) {
        if (spinNs < 0) {
            throw new IllegalArgumentException("spinNs must be >= 0, got " + spinNs);
        }
        this.spinNs = spinNs;
    }

    /** The spin window, ns. */
    public long spinNs() {
        return spinNs;
    }

    /** How long {@link #idle(long)} parks for a wait of {@code waitNs}: 0 means it spins once instead. */
    public long parkNsFor(final long waitNs) {
        return waitNs > spinNs ? waitNs - spinNs : 0;
    }

    @Override
    public void idle(final long waitNs) {
        final long park = parkNsFor(waitNs);
        if (park > 0) {
            LockSupport.parkNanos(park);
        } else {
            Thread.onSpinWait();
        }
    }
}
