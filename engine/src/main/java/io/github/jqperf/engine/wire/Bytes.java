package io.github.jqperf.engine.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian field access by absolute index, independent of the buffer's byte order (qperf writes integers byte by
 * byte, least significant first: {@code encode_uint32} in {@code src/support.c}).
 */
final class Bytes {
    private Bytes() {}

    static void putU16(final ByteBuffer b, final int at, final int v) {
        b.put(at, (byte) v);
        b.put(at + 1, (byte) (v >>> 8));
    }

    static void putU32(final ByteBuffer b, final int at, final long v) {
        for (int i = 0; i < 4; i++) {
            b.put(at + i, (byte) (v >>> (8 * i)));
        }
    }

    static void putU64(final ByteBuffer b, final int at, final long v) {
        for (int i = 0; i < 8; i++) {
            b.put(at + i, (byte) (v >>> (8 * i)));
        }
    }

    static int getU16(final ByteBuffer b, final int at) {
        return (b.get(at) & 0xFF) | (b.get(at + 1) & 0xFF) << 8;
    }

    static long getU32(final ByteBuffer b, final int at) {
        long v = 0;
        for (int i = 3; i >= 0; i--) {
            v = v << 8 | (b.get(at + i) & 0xFF);
        }
        return v;
    }

    static long getU64(final ByteBuffer b, final int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b.get(at + i) & 0xFF);
        }
        return v;
    }

    /** Writes {@code s} NUL-padded into a {@code len}-byte field; at most len-1 bytes of text. */
    static void putString(final ByteBuffer b, final int at, final int len, final String s) {
        final byte[] text = s.getBytes(StandardCharsets.ISO_8859_1);
        final int n = Math.min(text.length, len - 1);
        for (int i = 0; i < len; i++) {
            b.put(at + i, i < n ? text[i] : 0);
        }
    }

    /** Index of the first NUL in the field, or -1. */
    static int nul(final ByteBuffer b, final int at, final int len) {
        for (int i = 0; i < len; i++) {
            if (b.get(at + i) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The field's text up to its first NUL (or all of it). */
    static String getString(final ByteBuffer b, final int at, final int len) {
        final int n = nul(b, at, len);
        final int end = n < 0 ? len : n;
        final byte[] out = new byte[end];
        for (int i = 0; i < end; i++) {
            out[i] = b.get(at + i);
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /**
     * Checks that {@code [offset, offset+length)} lies inside the buffer's accessible part {@code [0, limit)}: a caller
     * bug otherwise, not bad input. (Absolute get/put fail beyond the limit, not only beyond the capacity.)
     */
    static void checkRange(final ByteBuffer b, final int offset, final int length) {
        if (offset < 0 || length < 0 || offset > b.limit() - length) {
            throw new IllegalArgumentException(
                    "range [" + offset + ", " + offset + "+" + length + ") outside buffer of limit " + b.limit());
        }
    }
}
