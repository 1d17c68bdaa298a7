package io.github.jqperf.engine.pacing;

/**
 * How a paced sender waits for its next permit.
 *
 * @implSpec {@link #idle(long)} may return before, at or after {@code waitNs} has passed (the caller asks the {@link
 * Pacer} again); it must not allocate and must not throw.
 */
@FunctionalInterface
public interface WaitStrategy {
    /** Waits for about {@code waitNs} (&gt; 0) or less. */
    void idle(long waitNs);
}
