package io.github.jqperf.engine.error;

/**
 * The run was cancelled: by {@code cancel}, by closing the client or server, or by interrupting the calling thread.
 */
public final class CancelledException extends QperfException {
    private static final long serialVersionUID = 1L;

    /** An exception with a one-line message. */
    public CancelledException(final String message) {
        super(message);
    }

    /** An exception with a one-line message and a cause. */
    public CancelledException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
