package io.github.jqperf.engine.pacing;

import io.github.jqperf.engine.spec.PacingRate;

/**
 * A token bucket for a datagram sender: messages of {@code msgSizeBytes} at {@code rateBitsPerSec}, with a burst of
 * at most {@code burstMsgs} messages back to back after the sender fell behind.
 *
 * <p>The pacer keeps the exact virtual send time of the next message as whole nanoseconds plus a remainder in units of
 * {@code 1/rateBitsPerSec} ns, so the interval {@code msgSizeBytes * 8 * 10^9 / rateBitsPerSec} is never rounded and
 * the long-run rate does not drift. When the sender falls behind (a late wake-up, a slow send), the credit it may
 * catch up on is capped at {@code burstMsgs - 1} intervals; beyond that the schedule restarts from now, as a bucket of
 * depth {@code burstMsgs} that starts with one token. So in any window of {@code W} ns at most
 * {@code burstMsgs + W / interval} messages are sent.
 *
 * <p>Not thread-safe: one sender thread owns a pacer. Nothing allocates after construction.
 */
public final class Pacer {
    /** Default burst window: catch up on up to about 200 µs of lateness (several timer-slack overshoots). */
    public static final long DEFAULT_BURST_WINDOW_NS = 200_000;
    /** Upper bound of the default burst, in messages. */
    public static final int MAX_DEFAULT_BURST_MSGS = 1024;
    /** Largest message size accepted (64 MiB): keeps {@code size * 8 * 10^9} within a long. */
    public static final int MAX_MSG_SIZE_BYTES = 1 << 26;

    private static final long NS_PER_SEC = 1_000_000_000L;
    private static final long MAX_SPAN_NS = Long.MAX_VALUE / 4;

    private final long rateBitsPerSec;
    private final int msgSizeBytes;
    private final int burstMsgs;
    private final long intervalWholeNs;
    private final long intervalRemainder; // in 1/rateBitsPerSec ns, [0, rateBitsPerSec)
    private final long burstSpanNs;
    private long nextNs;
    private long nextRemainder; // in 1/rateBitsPerSec ns, [0, rateBitsPerSec)

    /**
     * A pacer whose first permit is at {@code startNs}.
     *
     * @param rateBitsPerSec rate in bits per second, in [1, {@link PacingRate#MAX_BITS_PER_SEC}]
     * @param msgSizeBytes   bytes per message (payload as the rate counts it), in [1, {@link #MAX_MSG_SIZE_BYTES}]
     * @param burstMsgs      bucket depth in messages, &ge; 1 (1: never two messages closer than one interval)
     * @param startNs        the clock's time of the first permit
     * @throws IllegalArgumentException on a value out of range
     */
    public Pacer(final long rateBitsPerSec, final int msgSizeBytes, final int burstMsgs, final long startNs) {
        if (rateBitsPerSec < PacingRate.MIN_BITS_PER_SEC || rateBitsPerSec > PacingRate.MAX_BITS_PER_SEC) {
            throw new IllegalArgumentException("rateBitsPerSec out of range: " + rateBitsPerSec);
        }
        if (msgSizeBytes < 1 || msgSizeBytes > MAX_MSG_SIZE_BYTES) {
            throw new IllegalArgumentException("msgSizeBytes out of range: " + msgSizeBytes);
        }
        if (burstMsgs < 1) {
            throw new IllegalArgumentException("burstMsgs must be >= 1, got " + burstMsgs);
        }
        this.rateBitsPerSec = rateBitsPerSec;
        this.msgSizeBytes = msgSizeBytes;
        this.burstMsgs = burstMsgs;
        final long bitNs = msgSizeBytes * 8L * NS_PER_SEC; // <= 2^29 * 10^9 < 2^59
        this.intervalWholeNs = bitNs / rateBitsPerSec;
        this.intervalRemainder = bitNs % rateBitsPerSec;
        final long extraMsgs = burstMsgs - 1L;
        this.burstSpanNs = intervalWholeNs != 0 && extraMsgs > MAX_SPAN_NS / intervalWholeNs
                ? MAX_SPAN_NS
                : extraMsgs * intervalWholeNs;
        this.nextNs = startNs;
        this.nextRemainder = 0;
    }

    /**
     * A pacer with the default burst: enough messages to cover {@link #DEFAULT_BURST_WINDOW_NS} of lateness, at least
     * 2, at most {@link #MAX_DEFAULT_BURST_MSGS}.
     */
    public static Pacer withDefaultBurst(final long rateBitsPerSec, final int msgSizeBytes, final long startNs) {
        return withBurstWindow(rateBitsPerSec, msgSizeBytes, DEFAULT_BURST_WINDOW_NS, startNs);
    }

    /**
     * A pacer whose burst covers {@code burstWindowNs} of lateness ({@link #burstMsgsFor}). A longer window lets a
     * sender that the scheduler kept off the CPU catch up (on a loaded machine the default 200 µs loses rate), at the
     * price of longer back-to-back bursts that a receiver's socket buffer must absorb.
     */
    public static Pacer withBurstWindow(
            final long rateBitsPerSec, final int msgSizeBytes, final long burstWindowNs, final long startNs) {
        return new Pacer(
                rateBitsPerSec, msgSizeBytes, burstMsgsFor(rateBitsPerSec, msgSizeBytes, burstWindowNs), startNs);
    }

    /** The default burst for a rate and message size (see {@link #withDefaultBurst}). */
    public static int defaultBurstMsgs(final long rateBitsPerSec, final int msgSizeBytes) {
        return burstMsgsFor(rateBitsPerSec, msgSizeBytes, DEFAULT_BURST_WINDOW_NS);
    }

    /**
     * The burst that covers {@code burstWindowNs} of lateness: {@code 1 + ceil(window / interval)} messages, at least
     * 2, at most {@link #MAX_DEFAULT_BURST_MSGS}.
     */
    public static int burstMsgsFor(final long rateBitsPerSec, final int msgSizeBytes, final long burstWindowNs) {
        final double intervalNs = msgSizeBytes * 8.0 * NS_PER_SEC / Math.max(1, rateBitsPerSec);
        final double covering = Math.ceil(Math.max(0, burstWindowNs) / Math.max(1.0, intervalNs));
        return (int) Math.max(2, Math.min(MAX_DEFAULT_BURST_MSGS, 1 + covering));
    }

    /**
     * Asks for a permit at {@code nowNs}.
     *
     * @param nowNs the clock's current time
     * @return 0 when a message may be sent now (the permit is taken), otherwise the ns to wait (&gt; 0) before asking
     * again
     */
    public long tryAcquire(final long nowNs) {
        final long lagNs = nowNs - nextNs;
        if (lagNs < 0) {
            return -lagNs;
        }
        if (lagNs > burstSpanNs) { // fell behind by more than the bucket holds: forget the excess credit
            nextNs = nowNs - burstSpanNs;
            nextRemainder = 0;
        }
        nextNs += intervalWholeNs;
        nextRemainder += intervalRemainder;
        if (nextRemainder >= rateBitsPerSec) {
            nextRemainder -= rateBitsPerSec;
            nextNs++;
        }
        return 0;
    }

    /**
     * Waits until a permit is granted and takes it: asks {@code clock}, idles with {@code wait} while the answer is
     * "wait". Allocation-free.
     *
     * @return the clock's time at which the permit was granted
     */
    public long acquire(final NanoClock clock, final WaitStrategy wait) {
        long now = clock.nanoTime();
        long waitNs;
        while ((waitNs = tryAcquire(now)) > 0) {
            wait.idle(waitNs);
            now = clock.nanoTime();
        }
        return now;
    }

    /** The virtual time of the next permit (whole ns). */
    public long nextPermitNs() {
        return nextNs;
    }

    /** The interval between messages, ns (rounded down; the pacer itself keeps the fraction). */
    public long intervalNs() {
        return intervalWholeNs;
    }

    /** Bits per second. */
    public long rateBitsPerSec() {
        return rateBitsPerSec;
    }

    /** Bytes per message. */
    public int msgSizeBytes() {
        return msgSizeBytes;
    }

    /** Bucket depth, messages. */
    public int burstMsgs() {
        return burstMsgs;
    }
}
