package io.github.jqperf.engine.pacing;

import java.util.SplittableRandom;

/**
 * A clock moved by hand that is also a {@link WaitStrategy}: each wait advances the clock by the wait plus an
 * overshoot drawn uniformly from {@code [0, maxOvershootNs]} (a late wake-up, as {@code parkNanos} has).
 */
final class ManualClock implements NanoClock, WaitStrategy {
    private final SplittableRandom random;
    private final long maxOvershootNs;
    private long nowNs;
    private long idleCalls;

    ManualClock(final long startNs, final long maxOvershootNs, final long seed) {
        this.nowNs = startNs;
        this.maxOvershootNs = maxOvershootNs;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public long nanoTime() {
        return nowNs;
    }

    @Override
    public void idle(final long waitNs) {
        idleCalls++;
        nowNs += waitNs + (maxOvershootNs == 0 ? 0 : random.nextLong(maxOvershootNs + 1));
    }

    void advance(final long ns) {
        nowNs += ns;
    }

    long idleCalls() {
        return idleCalls;
    }
}
