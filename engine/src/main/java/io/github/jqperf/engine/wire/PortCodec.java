package io.github.jqperf.engine.wire;

import java.nio.ByteBuffer;

/** PORT codec (docs/protocol.md §3.4): one u32, little-endian, the server's data port (1..65535). */
public final class PortCodec {
    private PortCodec() {}

    /** Writes the 4-byte PORT; returns {@link WireConstants#PORT_LENGTH}. */
    public static int encode(final ByteBuffer dst, final int offset, final int port) {
        Bytes.checkRange(dst, offset, WireConstants.PORT_LENGTH);
        Bytes.putU32(dst, offset, port);
        return WireConstants.PORT_LENGTH;
    }

    /** Encodes into a fresh array. */
    public static byte[] encode(final int port) {
        final byte[] out = new byte[WireConstants.PORT_LENGTH];
        encode(ByteBuffer.wrap(out), 0, port);
        return out;
    }

    /**
     * Decodes a PORT.
     *
     * @return the port, or {@link WireConstants#NEED_MORE} when fewer than 4 bytes are available
     * @throws WireFormatException when the value is not a TCP/UDP port number (0 or above 65535)
     */
    public static int decode(final ByteBuffer src, final int offset, final int length) {
        Bytes.checkRange(src, offset, length);
        if (length < WireConstants.PORT_LENGTH) {
            return WireConstants.NEED_MORE;
        }
        final long port = Bytes.getU32(src, offset);
        if (port == 0 || port > 65535) {
            throw new WireFormatException("data port " + port + " is not a valid port number", "port", 0);
        }
        return (int) port;
    }

    /** Decodes from an array. */
    public static int decode(final byte[] src) {
        return decode(ByteBuffer.wrap(src), 0, src.length);
    }
}
