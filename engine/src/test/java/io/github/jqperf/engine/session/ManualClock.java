package io.github.jqperf.engine.session;

/** A clock the test sets: real-time ticks at [0], one CPU counter at [1]; counts how often it was read. */
final class ManualClock implements Clock {
    long ticks;
    long busy;
    int samples;

    ManualClock(final long ticks) {
        this.ticks = ticks;
    }

    @Override
    public void sample(final long[] into) {
        samples++;
        into[0] = ticks;
        into[1] = busy;
    }

    @Override
    public long onlineCpus() {
        return 4;
    }
}
