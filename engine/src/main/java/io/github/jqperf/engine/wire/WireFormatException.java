package io.github.jqperf.engine.wire;

import io.github.jqperf.engine.error.ProtocolException;

/**
 * Corrupt bytes: a complete message whose content cannot be what a qperf 0.4.11 peer sends. Names the message,
 * the field and its byte offset. (Incomplete input is not an error: decoders report it with {@code null} /
 * {@link WireConstants#NEED_MORE}.)
 */
public final class WireFormatException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final String field;
    private final int offset;

    /**
     * @param message what is wrong, one line
     * @param field the field's name as the spec names it, e.g. {@code ver_min}
     * @param offset the field's byte offset inside its message
     */
    public WireFormatException(final String message, final String field, final int offset) {
        super(message + " (field " + field + " at offset " + offset + ")");
        this.reason = message;
        this.field = field;
        this.offset = offset;
    }

    /**
     * The message without the field/offset suffix of {@link #getMessage()}: for a sync mismatch exactly qperf's text
     * ({@code synchronize synchronization before test failure: data does not match}), to be printed as is.
     */
    public String reason() {
        return reason;
    }

    /** The field that is wrong. */
    public String field() {
        return field;
    }

    /** Byte offset of the field inside its message. */
    public int offset() {
        return offset;
    }
}
