package io.github.jqperf.scenarios.placement;

import java.io.Serial;

/** A server that did not start or did not listen in time; the message says what happened. */
public final class ServerStartException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** What it printed before it failed (may be empty). */
    private final String log;

    /**
     * Creates one.
     *
     * @param message what happened, in one line
     * @param log what the server printed
     */
    public ServerStartException(final String message, final String log) {
        super(message);
        this.log = log;
    }

    /** {@return what the server printed} */
    public String log() {
        return log;
    }
}
