package io.github.jqperf.engine.protocol;

/**
 * The monotonic clock the exchanges read for their deadlines (connect window, the grace after a run). A small
 * interface so that a test can pass its own; {@link #SYSTEM} is {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface NanoClock {
    /** {@link System#nanoTime()}. */
    NanoClock SYSTEM = System::nanoTime;

    /** Nanoseconds from an arbitrary origin; only differences matter. */
    long nanoTime();
}
