package io.github.jqperf.engine.result;

/**
 * One direction's counters (qperf's {@code USTAT}): bytes, messages and errors.
 *
 * @param bytes bytes moved
 * @param msgs  messages moved
 * @param errs  failed operations
 */
public record Ustat(long bytes, long msgs, long errs) {
    /** All zero. */
    public static final Ustat ZERO = new Ustat(0, 0, 0);

    /** Field-wise sum. */
    public Ustat plus(final Ustat o) {
        return new Ustat(bytes + o.bytes, msgs + o.msgs, errs + o.errs);
    }
}
