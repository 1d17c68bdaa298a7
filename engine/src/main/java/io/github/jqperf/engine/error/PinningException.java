package io.github.jqperf.engine.error;

/**
 * A thread could not be pinned to the requested CPU ({@code -ca}, {@code -lca}, {@code -rca}): the CPU does not exist or is not allowed for this process.
 */
public final class PinningException extends QperfException {
    private static final long serialVersionUID = 1L;

    /** An exception with a one-line message. */
    public PinningException(final String message) {
        super(message);
    }

    /** An exception with a one-line message and a cause. */
    public PinningException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
