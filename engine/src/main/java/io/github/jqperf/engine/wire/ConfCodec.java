package io.github.jqperf.engine.wire;

import io.github.jqperf.engine.result.Conf;
import java.nio.ByteBuffer;

/**
 * CONF codec (docs/protocol.md §3.7): four raw {@code char[64]} fields — node, cpu, os, qperf version. Only the text before each
 * field's first NUL counts (stock servers leave stack garbage after it); a field without any NUL cannot come from a
 * qperf server and is rejected as corrupt.
 */
public final class ConfCodec {
    private static final String[] FIELDS = {"node", "cpu", "os", "qperf"};

    private ConfCodec() {}

    /** Writes the 256-byte block, each field NUL-padded (texts longer than 63 bytes are cut). */
    public static int encode(final ByteBuffer dst, final int offset, final Conf c) {
        Bytes.checkRange(dst, offset, WireConstants.CONF_LENGTH);
        final String[] v = {c.node(), c.cpu(), c.os(), c.qperf()};
        for (int i = 0; i < v.length; i++) {
            Bytes.putString(
                    dst, offset + i * WireConstants.STRING_FIELD_LENGTH, WireConstants.STRING_FIELD_LENGTH, v[i]);
        }
        return WireConstants.CONF_LENGTH;
    }

    /** Encodes into a fresh array. */
    public static byte[] encode(final Conf c) {
        final byte[] out = new byte[WireConstants.CONF_LENGTH];
        encode(ByteBuffer.wrap(out), 0, c);
        return out;
    }

    /**
     * Decodes a CONF block.
     *
     * @return the configuration, or null when fewer than 256 bytes are available
     * @throws WireFormatException when a field has no terminating NUL
     */
    public static Conf decode(final ByteBuffer src, final int offset, final int length) {
        Bytes.checkRange(src, offset, length);
        if (length < WireConstants.CONF_LENGTH) {
            return null;
        }
        final String[] v = new String[4];
        for (int i = 0; i < v.length; i++) {
            final int at = offset + i * WireConstants.STRING_FIELD_LENGTH;
            if (Bytes.nul(src, at, WireConstants.STRING_FIELD_LENGTH) < 0) {
                throw new WireFormatException(
                        "CONF string is not NUL-terminated", FIELDS[i], i * WireConstants.STRING_FIELD_LENGTH);
            }
            v[i] = Bytes.getString(src, at, WireConstants.STRING_FIELD_LENGTH);
        }
        return new Conf(v[0], v[1], v[2], v[3]);
    }

    /** Decodes from an array. */
    public static Conf decode(final byte[] src) {
        return decode(ByteBuffer.wrap(src), 0, src.length);
    }
}
