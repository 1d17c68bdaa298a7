package io.github.jqperf.engine.error;

/**
 * Root of every exception the engine throws. The message is one line meant for a person: what failed, where, and
 * (when there is something to do) what to do about it.
 */
public class QperfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a one-line message. */
    public QperfException(final String message) {
        super(message);
    }

    /** An exception with a one-line message and a cause. */
    public QperfException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
