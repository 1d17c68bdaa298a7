package io.github.jqperf.engine.wire;

import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.result.Ustat;
import java.nio.ByteBuffer;

/**
 * STAT codec (docs/protocol.md §3.6), the layout of qperf's {@code enc_stat} / {@code dec_stat}.
 *
 * <pre>
 *  off type        field
 *    0 u32         no_cpus
 *    4 u32         no_ticks
 *    8 u32         max_cqes
 *   12 u64 x 9     time_s[real, user, nice, system, idle, iowait, irq, softirq, steal]
 *   84 u64 x 9     time_e[...]
 *  156 u64 x 3     s.{no_bytes, no_msgs, no_errs}
 *  180 u64 x 3     r.{...}
 *  204 u64 x 3     rem_s.{...}
 *  228 u64 x 3     rem_r.{...}
 *  252 4 bytes     C struct padding: sent as zeros, ignored on receipt (stock servers send stack garbage)
 *  256             (end)
 * </pre>
 * Every byte pattern is a valid STAT; decoding only needs 256 bytes.
 */
public final class StatCodec {
    private StatCodec() {}

    /** Writes the 256-byte STAT (padding zeroed); returns {@link WireConstants#STAT_LENGTH}. */
    public static int encode(final ByteBuffer dst, final int offset, final Stat st) {
        Bytes.checkRange(dst, offset, WireConstants.STAT_LENGTH);
        Bytes.putU32(dst, offset, st.noCpus());
        Bytes.putU32(dst, offset + 4, st.noTicks());
        Bytes.putU32(dst, offset + 8, st.maxCqes());
        int at = offset + 12;
        for (int i = 0; i < Stat.TIMES; i++, at += 8) {
            Bytes.putU64(dst, at, st.timeStart(i));
        }
        for (int i = 0; i < Stat.TIMES; i++, at += 8) {
            Bytes.putU64(dst, at, st.timeEnd(i));
        }
        for (final Ustat u : new Ustat[] {st.s(), st.r(), st.remS(), st.remR()}) {
            Bytes.putU64(dst, at, u.bytes());
            Bytes.putU64(dst, at + 8, u.msgs());
            Bytes.putU64(dst, at + 16, u.errs());
            at += 24;
        }
        Bytes.putU32(dst, at, 0);
        return WireConstants.STAT_LENGTH;
    }

    /** Encodes into a fresh 256-byte array. */
    public static byte[] encode(final Stat st) {
        final byte[] out = new byte[WireConstants.STAT_LENGTH];
        encode(ByteBuffer.wrap(out), 0, st);
        return out;
    }

    /**
     * Decodes a STAT.
     *
     * @return the statistics, or null when fewer than 256 bytes are available
     */
    public static Stat decode(final ByteBuffer src, final int offset, final int length) {
        Bytes.checkRange(src, offset, length);
        if (length < WireConstants.STAT_LENGTH) {
            return null;
        }
        final long[] ts = new long[Stat.TIMES];
        final long[] te = new long[Stat.TIMES];
        int at = offset + 12;
        for (int i = 0; i < Stat.TIMES; i++, at += 8) {
            ts[i] = Bytes.getU64(src, at);
        }
        for (int i = 0; i < Stat.TIMES; i++, at += 8) {
            te[i] = Bytes.getU64(src, at);
        }
        final Ustat[] u = new Ustat[4];
        for (int i = 0; i < u.length; i++, at += 24) {
            u[i] = new Ustat(Bytes.getU64(src, at), Bytes.getU64(src, at + 8), Bytes.getU64(src, at + 16));
        }
        return new Stat(
                Bytes.getU32(src, offset),
                Bytes.getU32(src, offset + 4),
                Bytes.getU32(src, offset + 8),
                ts,
                te,
                u[0],
                u[1],
                u[2],
                u[3]);
    }

    /** Decodes from an array. */
    public static Stat decode(final byte[] src) {
        return decode(ByteBuffer.wrap(src), 0, src.length);
    }
}
