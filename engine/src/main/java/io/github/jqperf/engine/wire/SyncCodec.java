package io.github.jqperf.engine.wire;

import java.nio.ByteBuffer;

/**
 * The synchronization strings (docs/protocol.md §3.5): ASCII, no NUL. A mismatch is qperf's fatal
 * {@code synchronize <text> failure: data does not match}.
 */
public final class SyncCodec {
    /** Length of "synchronization before test" (27). */
    public static final int BEFORE_LENGTH = WireConstants.SYNC_BEFORE_TEXT.length();
    /** Length of "synchronization after test" (26). */
    public static final int AFTER_LENGTH = WireConstants.SYNC_AFTER_TEXT.length();

    private static final byte[] BEFORE = WireConstants.syncBytes(WireConstants.SYNC_BEFORE_TEXT);
    private static final byte[] AFTER = WireConstants.syncBytes(WireConstants.SYNC_AFTER_TEXT);

    private SyncCodec() {}

    /** The bytes of "synchronization before test" (a fresh copy the caller may keep or change). */
    public static byte[] before() {
        return BEFORE.clone();
    }

    /** The bytes of "synchronization after test" (a fresh copy). */
    public static byte[] after() {
        return AFTER.clone();
    }

    /**
     * Checks a received sync string.
     *
     * @param expected {@link #before()} or {@link #after()}
     * @return the number of bytes consumed, or {@link WireConstants#NEED_MORE}
     * @throws WireFormatException with qperf's message when the bytes differ
     */
    public static int check(final byte[] expected, final ByteBuffer src, final int offset, final int length) {
        Bytes.checkRange(src, offset, length);
        if (length < expected.length) {
            return WireConstants.NEED_MORE;
        }
        for (int i = 0; i < expected.length; i++) {
            if (src.get(offset + i) != expected[i]) {
                throw new WireFormatException(
                        "synchronize " + new String(expected, java.nio.charset.StandardCharsets.US_ASCII)
                                + " failure: data does not match",
                        "sync",
                        i);
            }
        }
        return expected.length;
    }

    /** Checks a received sync string held in an array. */
    public static int check(final byte[] expected, final byte[] src) {
        return check(expected, ByteBuffer.wrap(src), 0, src.length);
    }
}
