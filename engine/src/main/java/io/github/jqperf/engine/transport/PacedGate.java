package io.github.jqperf.engine.transport;

import io.github.jqperf.engine.pacing.NanoClock;
import io.github.jqperf.engine.pacing.Pacer;
import io.github.jqperf.engine.pacing.ParkThenSpinWait;
import io.github.jqperf.engine.pacing.WaitStrategy;
import io.github.jqperf.engine.session.Session;
import java.util.concurrent.locks.LockSupport;

/**
 * The wait of a paced sender ({@code --rate}, udp_bw's client), kept in the drivers so the {@link Session} stays pure:
 * before each message the driver asks {@link #await(Session)}, which waits for the {@link Pacer}'s permit and says
 * whether the run is still on. The rate counts payload bytes ({@code msg_size} per datagram, as qperf's
 * {@code send_bw} counts them), not IP/UDP headers.
 *
 * <p>Waiting: a {@link ParkThenSpinWait} parks through each interval but its last {@value #SPIN_NS} ns, which are
 * spun; when the interval between messages is too short for that to pay ({@code < 4 * SPIN_NS}), it always parks,
 * wakes late by the timer slack and sends the messages that became due in a burst (the pacer's bucket covers
 * {@value #BURST_WINDOW_NS} ns of lateness, at most {@value #MAX_BURST_BYTES} bytes: {@link #burstMsgs}), so no
 * rate makes it spin a CPU. The deadline (or a stop) unparks the
 * waiting thread ({@link #wake()}); a wait is never longer than {@value #MAX_IDLE_NS} ns between two checks either.
 * Allocation-free per message.
 */
final class PacedGate {
    /**
     * The pacer's bucket: a sender that woke up to 10 ms late (a loaded machine's scheduler) catches up on the
     * messages it owes, as far as {@link #MAX_BURST_BYTES} allows.
     */
    static final long BURST_WINDOW_NS = 10_000_000;
    /** The most bytes sent back to back to catch up (at least 2 messages): less than a default UDP receive buffer. */
    static final long MAX_BURST_BYTES = 256 * 1024;
    /** The spun end of each wait (about the Linux timer slack). */
    static final long SPIN_NS = ParkThenSpinWait.DEFAULT_SPIN_NS;
    /** The longest single idle between two checks of the session's flag. */
    static final long MAX_IDLE_NS = 100_000_000;

    private final Pacer pacer;
    private final NanoClock clock;
    private final WaitStrategy wait;
    private final Thread waiter;

    PacedGate(final Pacer pacer, final NanoClock clock, final WaitStrategy wait, final Thread waiter) {
        this.pacer = pacer;
        this.clock = clock;
        this.wait = wait;
        this.waiter = waiter;
    }

    /**
     * A gate for {@code rateBitsPerSec} with messages of {@code msgSize} bytes, its first permit now, for the calling
     * thread (the one that will send).
     */
    static PacedGate start(final long rateBitsPerSec, final int msgSize) {
        final NanoClock clock = NanoClock.SYSTEM;
        final Pacer pacer = new Pacer(rateBitsPerSec, msgSize, burstMsgs(rateBitsPerSec, msgSize), clock.nanoTime());
        return new PacedGate(pacer, clock, waitFor(pacer.intervalNs()), Thread.currentThread());
    }

    /**
     * The bucket depth: the messages that cover {@link #BURST_WINDOW_NS} of lateness, but no more than
     * {@link #MAX_BURST_BYTES}, and at least 2.
     */
    static int burstMsgs(final long rateBitsPerSec, final int msgSize) {
        final int byTime = Pacer.burstMsgsFor(rateBitsPerSec, msgSize, BURST_WINDOW_NS);
        final long byBytes = MAX_BURST_BYTES / msgSize;
        return (int) Math.max(2, Math.min(byTime, byBytes));
    }

    /** Park-then-spin when the interval leaves room for it, else park only. */
    static ParkThenSpinWait waitFor(final long intervalNs) {
        return new ParkThenSpinWait(intervalNs >= 4 * SPIN_NS ? SPIN_NS : 0);
    }

    /**
     * Waits until the next message may go (and takes its permit).
     *
     * @return true to send it; false when the run ended first ({@link Session#isOver()})
     */
    boolean await(final Session s) {
        long now = clock.nanoTime();
        long waitNs;
        while ((waitNs = pacer.tryAcquire(now)) > 0) {
            if (s.isOver()) {
                return false;
            }
            wait.idle(Math.min(waitNs, MAX_IDLE_NS));
            if (s.isOver()) { // woken by the deadline: no datagram after it
                return false;
            }
            now = clock.nanoTime();
        }
        return true;
    }

    /** Wakes the sender from a park (the deadline or a stop came). Any thread. */
    void wake() {
        LockSupport.unpark(waiter);
    }

    /** The pacer (tests). */
    Pacer pacer() {
        return pacer;
    }
}
