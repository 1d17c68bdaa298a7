package io.github.jqperf.engine.pacing;

/** A monotonic nanosecond clock; tests substitute a manual one. */
@FunctionalInterface
public interface NanoClock {
    /** {@link System#nanoTime()}. */
    NanoClock SYSTEM = System::nanoTime;

    /** The current time, ns, on an arbitrary origin (only differences mean anything). */
    long nanoTime();
}
