package io.github.jqperf.engine.error;

/**
 * A test specification or configuration value is invalid (out of range, or meaningless for that test); nothing was sent.
 */
public final class InvalidSpecException extends QperfException {
    private static final long serialVersionUID = 1L;

    /** An exception with a one-line message. */
    public InvalidSpecException(final String message) {
        super(message);
    }

    /** An exception with a one-line message and a cause. */
    public InvalidSpecException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
