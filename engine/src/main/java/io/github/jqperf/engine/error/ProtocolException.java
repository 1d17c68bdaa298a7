package io.github.jqperf.engine.error;

/**
 * The peer sent bytes that are not qperf's protocol at that point (wrong length, version, index or synchronization text).
 */
public class ProtocolException extends QperfException {
    private static final long serialVersionUID = 1L;

    /** An exception with a one-line message. */
    public ProtocolException(final String message) {
        super(message);
    }

    /** An exception with a one-line message and a cause. */
    public ProtocolException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
