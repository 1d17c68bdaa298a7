package io.github.jqperf.engine.error;

/**
 * No connection to the peer could be made: the name did not resolve, the control or data connection was refused or unreachable. Check the host, the port ({@code -lp}) and that a server runs there.
 */
public final class CannotConnectException extends QperfException {
    private static final long serialVersionUID = 1L;

    /** An exception with a one-line message. */
    public CannotConnectException(final String message) {
        super(message);
    }

    /** An exception with a one-line message and a cause. */
    public CannotConnectException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
