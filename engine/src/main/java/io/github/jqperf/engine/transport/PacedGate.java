package io.github.jqperf.engine.transport;

import io.github.jqperf.engine.pacing.NanoClock;
import io.github.jqperf.engine.pacing.Pacer;
import io.github.jqperf.engine.pacing.ParkThenSpinWait;
import io.github.jqperf.engine.pacing.WaitStrategy;
import io.github.jqperf.engine.session.Session;
import io.github.jqperf.engine.spec.PacingRate;
import java.util.concurrent.locks.LockSupport;

/**
 * The wait of a paced sender ({@code --rate}, udp_bw's client), kept in the drivers so the {@link Session} stays pure:
 * before each message the driver asks {@link #await(Session)}, which waits for the {@link Pacer}'s permit and says
 * whether the run is still on. The rate counts payload bytes ({@code msg_size} per datagram, as qperf's
 * {@code send_bw} counts them), not IP/UDP headers.
 *
 * <p>Two pacers: the long-run schedule at the rate, which keeps up to {@value #DEBT_WINDOW_NS} ns of lateness as
 * debt, and a catch-up limit at {@value #CATCH_UP_FACTOR} times the rate with a shallow bucket ({@link #burstMsgs}:
 * 10 ms of messages, at most {@value #MAX_BURST_BYTES} bytes). A message goes when the schedule owes it and the limit
 * allows it: while the sender keeps up, exactly on schedule; after a scheduler stall, the few messages of the bucket
 * back to back, then the rest of the debt at twice the rate, so the long-run rate holds without a large burst.
 *
 * <p>Waiting: a {@link ParkThenSpinWait} parks through each interval but its last {@value #SPIN_NS} ns, which are
 * spun; when the interval between messages is too short for that to pay ({@code < 4 * SPIN_NS}), it always parks,
 * wakes late by the timer slack and sends the messages that became due in a burst, so no rate makes it spin a CPU.
 * The deadline (or a stop) unparks the waiting thread ({@link #wake()}); a wait is never longer than
 * {@value #MAX_IDLE_NS} ns between two checks either. Allocation-free per message.
 */
final class PacedGate {
    /**
     * Back-to-back catch-up: a sender that woke up to 10 ms late sends the messages it owes at once, as far as
     * {@link #MAX_BURST_BYTES} allows.
     */
    static final long BURST_WINDOW_NS = 10_000_000;
    /** The most bytes sent back to back to catch up (at least 2 messages): less than a default UDP receive buffer. */
    static final long MAX_BURST_BYTES = 256 * 1024;
    /**
     * Lateness beyond the burst is still owed for up to this long: it is repaid at {@link #CATCH_UP_FACTOR} times the
     * rate, so the long-run rate holds through a scheduler stall; beyond it, forgotten.
     */
    static final long DEBT_WINDOW_NS = 500_000_000;
    /** How much faster than the rate owed messages are repaid. */
    static final int CATCH_UP_FACTOR = 2;
    /** The spun end of each wait (about the Linux timer slack). */
    static final long SPIN_NS = ParkThenSpinWait.DEFAULT_SPIN_NS;
    /** The longest single idle between two checks of the session's flag. */
    static final long MAX_IDLE_NS = 100_000_000;

    private final Pacer pacer;
    private final Pacer catchUp;
    private final NanoClock clock;
    private final WaitStrategy wait;
    private final Thread waiter;

    /**
     * @param pacer   the long-run schedule: the rate, with a bucket as deep as the debt it keeps
     * @param catchUp the short-term limit: a faster rate with a shallow bucket (how fast and how bursty owed messages
     *                go); never the limit while the sender keeps up
     */
    PacedGate(
            final Pacer pacer,
            final Pacer catchUp,
            final NanoClock clock,
            final WaitStrategy wait,
            final Thread waiter) {
        this.pacer = pacer;
        this.catchUp = catchUp;
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
        final long now = clock.nanoTime();
        final Pacer pacer = new Pacer(rateBitsPerSec, msgSize, debtMsgs(rateBitsPerSec, msgSize), now);
        final long fast = Math.min(PacingRate.MAX_BITS_PER_SEC, rateBitsPerSec * CATCH_UP_FACTOR);
        final Pacer catchUp = new Pacer(fast, msgSize, burstMsgs(rateBitsPerSec, msgSize), now);
        return new PacedGate(pacer, catchUp, clock, waitFor(pacer.intervalNs()), Thread.currentThread());
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

    /** The long-run bucket: the messages of {@link #DEBT_WINDOW_NS}, at least 2, at most 2^24. */
    static int debtMsgs(final long rateBitsPerSec, final int msgSize) {
        final double intervalNs = msgSize * 8.0 * 1e9 / rateBitsPerSec;
        return (int) Math.max(2, Math.min(1 << 24, 1 + Math.ceil(DEBT_WINDOW_NS / intervalNs)));
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
        while (true) {
            long waitNs = pacer.nextPermitNs() - now;
            if (waitNs <= 0) { // owed: may it go now, or is the catch-up too fast?
                waitNs = catchUp.tryAcquire(now);
                if (waitNs == 0) {
                    pacer.tryAcquire(now);
                    return true;
                }
            }
            if (s.isOver()) {
                return false;
            }
            wait.idle(Math.min(waitNs, MAX_IDLE_NS));
            if (s.isOver()) { // woken by the deadline: no datagram after it
                return false;
            }
            now = clock.nanoTime();
        }
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
