package io.github.jqperf.engine.wire;

import java.nio.charset.StandardCharsets;

/**
 * The error convention of docs/protocol.md §3.8: one byte {@code ?} sent as TCP urgent data, then the message text without a
 * newline, then the sender shuts down its output.
 *
 * <p>With {@code SO_OOBINLINE} the {@code ?} arrives in the normal byte stream where it was sent. Every legitimate
 * message has a fixed size, so "the peer closed before the expected message was complete and what arrived starts with
 * {@code ?}" identifies an error, whose text is the rest.
 */
public final class ErrorSignal {
    private ErrorSignal() {}

    /** The in-band text that follows the urgent byte (no newline). */
    public static byte[] text(final String message) {
        return message.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Interprets the bytes received before the peer closed.
     *
     * @param received what arrived of the expected message (or after it, the signal may trail the last message)
     * @param length   how many bytes of {@code received} are valid
     * @return the peer's error text ("" when only the {@code ?} arrived), or null when this is not an error signal
     */
    public static String decode(final byte[] received, final int length) {
        if (length < 1 || length > received.length || received[0] != WireConstants.ERROR_SIGNAL) {
            return null;
        }
        return new String(received, 1, length - 1, StandardCharsets.ISO_8859_1);
    }
}
