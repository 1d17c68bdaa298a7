package io.github.jqperf.cli.output;

import io.github.jqperf.engine.error.BindFailedException;
import io.github.jqperf.engine.error.CancelledException;
import io.github.jqperf.engine.error.CannotConnectException;
import io.github.jqperf.engine.error.InvalidSpecException;
import io.github.jqperf.engine.error.PeerException;
import io.github.jqperf.engine.error.PinningException;
import io.github.jqperf.engine.error.ProtocolException;
import io.github.jqperf.engine.error.QperfTimeoutException;
import java.util.Objects;

/**
 * An error as the JSON document and the CSV rows show it: a stable type word, the one-line message the text output
 * prints, and for a server's error the side that reported it.
 *
 * @param type      {@code usage} (the command line), {@code connect}, {@code timeout}, {@code peer} (the server
 *                  reported it), {@code protocol}, {@code spec}, {@code pinning}, {@code bind}, {@code cancelled},
 *                  {@code error} (any other engine error) or {@code internal} (a bug)
 * @param message   what happened, as the text output says it
 * @param exception the Java exception's simple class name ({@code ""} for {@code usage})
 */
public record ErrorInfo(String type, String message, String exception) {
    /** Checks for null. */
    public ErrorInfo {
        Objects.requireNonNull(type);
        Objects.requireNonNull(message);
        Objects.requireNonNull(exception);
    }

    /** A command-line error. */
    public static ErrorInfo usage(final String message) {
        return new ErrorInfo("usage", message, "");
    }

    /** An exception that ended a test or the run. */
    public static ErrorInfo of(final RuntimeException e) {
        final String type;
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e instanceof PeerException p) {
            type = "peer";
            message = p.peerMessage();
        } else if (e instanceof CannotConnectException) {
            type = "connect";
        } else if (e instanceof QperfTimeoutException) {
            type = "timeout";
        } else if (e instanceof ProtocolException) {
            type = "protocol";
        } else if (e instanceof InvalidSpecException) {
            type = "spec";
        } else if (e instanceof PinningException) {
            type = "pinning";
        } else if (e instanceof BindFailedException) {
            type = "bind";
        } else if (e instanceof CancelledException) {
            type = "cancelled";
        } else if (e instanceof io.github.jqperf.engine.error.QperfException) {
            type = "error";
        } else {
            type = "internal";
        }
        return new ErrorInfo(type, message, e.getClass().getSimpleName());
    }
}
