package io.github.jqperf.engine.transport;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;

/**
 * How a data-path event loop waits for I/O.
 *
 * <p>Why spinning: on these small VMs a thread that blocks in {@code epoll_wait} costs a wake-up of a halted vCPU per
 * message, tens of microseconds when the peer runs on another CPU (qperf pays it too: ~30 µs per tcp_lat hop).
 * Polling with a non-blocking {@code epoll_wait} for a few tens of microseconds catches a reply that is about to
 * arrive without that wake-up. When client and server share one CPU the reply cannot arrive while we spin, so the
 * spin is adaptive: after a run of fruitless spins it stops spinning and only probes again now and then.
 */
public enum PollMode {
    /**
     * The default, qperf's way: during a test the data path makes blocking socket calls on its event-loop thread,
     * one {@code read}/{@code write} per message and nothing else ({@link BlockingSocket}); CPU figures mean what
     * qperf's mean. Outside a test the event loop blocks in {@code epoll_wait}. NIO falls back to {@link #EPOLL}.
     */
    BLOCK,
    /** Netty's event loop throughout: non-blocking calls, blocking in {@code epoll_wait} when there is nothing to do. */
    EPOLL,
    /**
     * Netty's event loop; latency tests poll without blocking for up to {@link #SPIN_NS} before they block
     * (adaptively, see above); bandwidth tests block, so their CPU cost is not inflated by spinning.
     */
    SPIN_THEN_BLOCK,
    /**
     * {@code --busy-poll}: latency tests never block (Netty's {@code BUSY_WAIT}); 100 % of a CPU per side while they
     * run. Bandwidth tests and an idle server block.
     */
    BUSY_POLL;

    /** How long {@link #SPIN_THEN_BLOCK} polls before it blocks. */
    public static final long SPIN_NS = 50_000L;
    /** Consecutive fruitless spins after which spinning pauses. */
    static final int MAX_FAILED_SPINS = 8;
    /** Blocking waits before spinning is probed again after a pause. */
    static final int PAUSE_WAITS = 8192;

    /** The Netty select strategy for this mode; {@code spin} switches spinning on and off per test. */
    SelectStrategyFactory strategyFactory(final SpinSwitch spin) {
        return switch (this) {
            case BLOCK, EPOLL -> () -> (selectNow, hasTasks) -> hasTasks ? selectNow.get() : SelectStrategy.SELECT;
            // busy-wait only while a latency test runs: an idle server must not burn a CPU (it would show in the
            // next test's cpus_used and slow whatever else runs there)
            case BUSY_POLL ->
                () -> (selectNow, hasTasks) ->
                        hasTasks ? selectNow.get() : spin.on() ? SelectStrategy.BUSY_WAIT : SelectStrategy.SELECT;
            case SPIN_THEN_BLOCK -> () -> new AdaptiveSpin(spin);
        };
    }

    /** Turns spinning on for the duration of a latency test. Written by the event loop, read by it. */
    public static final class SpinSwitch {
        private volatile boolean on;

        /** Enables or disables spinning. */
        public void set(final boolean enabled) {
            on = enabled;
        }

        boolean on() {
            return on;
        }
    }

    /** Spin-then-block with back-off; one instance per event loop (single-threaded). */
    static final class AdaptiveSpin implements SelectStrategy {
        private final SpinSwitch spin;
        private int failedSpins;
        private int pausedWaits;

        AdaptiveSpin(final SpinSwitch spin) {
            this.spin = spin;
        }

        @Override
        public int calculateStrategy(final IntSupplier selectNow, final boolean hasTasks) throws Exception {
            if (hasTasks) {
                return selectNow.get();
            }
            if (!spin.on()) {
                return SelectStrategy.SELECT;
            }
            if (pausedWaits > 0) {
                pausedWaits--;
                return SelectStrategy.SELECT;
            }
            final long until = System.nanoTime() + SPIN_NS;
            do {
                final int ready = selectNow.get();
                if (ready > 0) {
                    failedSpins = 0;
                    return ready;
                }
                Thread.onSpinWait();
            } while (System.nanoTime() - until < 0);
            if (++failedSpins >= MAX_FAILED_SPINS) {
                failedSpins = 0;
                pausedWaits = PAUSE_WAITS;
            }
            return SelectStrategy.SELECT;
        }
    }
}
