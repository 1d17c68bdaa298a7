package io.github.jqperf.engine.wire;

import java.nio.ByteBuffer;

/**
 * REQ codec (docs/protocol.md §3.1), the layout of qperf's {@code enc_req} / {@code dec_req_version} / {@code dec_req_data}
 * ({@code src/qperf.c}).
 *
 * <pre>
 *  off type      field            off type      field
 *    0 u16       ver_maj           40 u32       port
 *    2 u16       ver_min           44 u32       rd_atomic
 *    4 u16       ver_inc           48 u32       sl
 *    6 u16       req_index         52 u32       sock_buf_size
 *    8 u32       access_recv       56 u32       src_path_bits
 *   12 u32       affinity          60 u32       time
 *   16 u32       alt_port          64 u32       timeout
 *   20 u32       flip              68 u32       use_cm
 *   24 u32       msg_size          72 char[64]  id
 *   28 u32       mtu_size         136 char[64]  static_rate
 *   32 u32       no_msgs          200           (end)
 *   36 u32       poll_mode
 * </pre>
 * All integers little-endian. A REQ has no invalid byte patterns: decoding only needs 200 bytes. Whether the version
 * is acceptable is the server's decision ({@link #checkVersion}).
 */
public final class RequestCodec {
    private RequestCodec() {}

    /** Writes the 200-byte REQ at {@code offset}; returns {@link WireConstants#REQUEST_LENGTH}. */
    public static int encode(final ByteBuffer dst, final int offset, final Request r) {
        Bytes.checkRange(dst, offset, WireConstants.REQUEST_LENGTH);
        Bytes.putU16(dst, offset, r.verMaj());
        Bytes.putU16(dst, offset + 2, r.verMin());
        Bytes.putU16(dst, offset + 4, r.verInc());
        Bytes.putU16(dst, offset + 6, r.reqIndex());
        final long[] u32 = {
            r.accessRecv(),
            r.affinity(),
            r.altPort(),
            r.flip(),
            r.msgSize(),
            r.mtuSize(),
            r.noMsgs(),
            r.pollMode(),
            r.port(),
            r.rdAtomic(),
            r.sl(),
            r.sockBufSize(),
            r.srcPathBits(),
            r.time(),
            r.timeout(),
            r.useCm()
        };
        for (int i = 0; i < u32.length; i++) {
            Bytes.putU32(dst, offset + 8 + 4 * i, u32[i]);
        }
        Bytes.putString(dst, offset + 72, WireConstants.STRING_FIELD_LENGTH, r.id());
        Bytes.putString(dst, offset + 136, WireConstants.STRING_FIELD_LENGTH, r.staticRate());
        return WireConstants.REQUEST_LENGTH;
    }

    /** Encodes into a fresh 200-byte array. */
    public static byte[] encode(final Request r) {
        final byte[] out = new byte[WireConstants.REQUEST_LENGTH];
        encode(ByteBuffer.wrap(out), 0, r);
        return out;
    }

    /**
     * Decodes the 6-byte version prefix.
     *
     * @return {major, minor, incremental}, or null when fewer than 6 bytes are available
     */
    public static int[] decodeVersion(final ByteBuffer src, final int offset, final int length) {
        Bytes.checkRange(src, offset, length);
        if (length < WireConstants.REQUEST_VERSION_LENGTH) {
            return null;
        }
        return new int[] {Bytes.getU16(src, offset), Bytes.getU16(src, offset + 2), Bytes.getU16(src, offset + 4)};
    }

    /**
     * Decodes a whole REQ.
     *
     * @return the request, or null when fewer than 200 bytes are available
     */
    public static Request decode(final ByteBuffer src, final int offset, final int length) {
        Bytes.checkRange(src, offset, length);
        if (length < WireConstants.REQUEST_LENGTH) {
            return null;
        }
        final long[] u = new long[16];
        for (int i = 0; i < u.length; i++) {
            u[i] = Bytes.getU32(src, offset + 8 + 4 * i);
        }
        return new Request(
                Bytes.getU16(src, offset),
                Bytes.getU16(src, offset + 2),
                Bytes.getU16(src, offset + 4),
                Bytes.getU16(src, offset + 6),
                u[0],
                u[1],
                u[2],
                u[3],
                u[4],
                u[5],
                u[6],
                u[7],
                u[8],
                u[9],
                u[10],
                u[11],
                u[12],
                u[13],
                u[14],
                u[15],
                Bytes.getString(src, offset + 72, WireConstants.STRING_FIELD_LENGTH),
                Bytes.getString(src, offset + 136, WireConstants.STRING_FIELD_LENGTH));
    }

    /** Decodes a whole REQ from an array. */
    public static Request decode(final byte[] src) {
        return decode(ByteBuffer.wrap(src), 0, src.length);
    }

    /**
     * The server's version check (docs/protocol.md §3.3): only major and minor are compared with ours (0.4).
     *
     * @return null when acceptable, else qperf's message, e.g. {@code upgrade qperf on client from 0.3.9 to 0.4.11}
     */
    public static String checkVersion(final int major, final int minor, final int inc) {
        // Compare (major, minor) lexicographically; packing them into one int would overflow for major >= 32768.
        final int cmp = major != WireConstants.VERSION_MAJOR
                ? Integer.compare(major, WireConstants.VERSION_MAJOR)
                : Integer.compare(minor, WireConstants.VERSION_MINOR);
        final String peer = major + "." + minor + "." + inc;
        if (cmp < 0) {
            return "upgrade qperf on client from " + peer + " to " + WireConstants.VERSION_STRING;
        }
        if (cmp > 0) {
            return "upgrade qperf on server from " + WireConstants.VERSION_STRING + " to " + peer;
        }
        return null;
    }
}
