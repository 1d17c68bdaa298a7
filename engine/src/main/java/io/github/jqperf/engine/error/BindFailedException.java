package io.github.jqperf.engine.error;

/**
 * A socket could not be bound: the listen port or the data port is in use or not allowed, or the bind address is not local.
 */
public final class BindFailedException extends QperfException {
    private static final long serialVersionUID = 1L;

    /** An exception with a one-line message. */
    public BindFailedException(final String message) {
        super(message);
    }

    /** An exception with a one-line message and a cause. */
    public BindFailedException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
