package io.github.jqperf.engine.error;

/**
 * A wait had a deadline and it passed: a control message, the data connection or the end of a run did not come in time. The peer may be gone or overloaded; a longer timeout ({@code -to}) may help.
 */
public final class QperfTimeoutException extends QperfException {
    private static final long serialVersionUID = 1L;

    /** An exception with a one-line message. */
    public QperfTimeoutException(final String message) {
        super(message);
    }

    /** An exception with a one-line message and a cause. */
    public QperfTimeoutException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
