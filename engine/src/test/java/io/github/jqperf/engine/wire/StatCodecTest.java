package io.github.jqperf.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.result.Ustat;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the STAT layout (docs/protocol.md §3.6) to the six 256-byte STATs captured from stock qperf 0.4.11 servers: each decodes
 * to the field values documented in its capture, re-encoding reproduces bytes 0..251 exactly and writes the 4 padding
 * bytes 252..255 as zeros, and whatever the padding holds (stock servers send stack garbage) is ignored on decode.
 */
class StatCodecTest {

    /** Capture tag and the STAT decoded in the capture's field-by-field table. */
    static Stream<Arguments> capturedStats() {
        return Stream.of(
                arguments(
                        "tcp_bw-t1-m1K",
                        new Stat(
                                2,
                                100,
                                0,
                                times(1717995949L, 13705, 0, 17555, 38321, 326, 0, 5957, 77),
                                times(1717996049L, 13800, 0, 17633, 38322, 326, 0, 5985, 77),
                                Ustat.ZERO,
                                new Ustat(851308544L, 831356, 0),
                                Ustat.ZERO,
                                Ustat.ZERO)),
                arguments(
                        "tcp_bw-t1-ip20000-rsb256K-ar1-to7-rca1",
                        new Stat(
                                2,
                                100,
                                0,
                                times(1717996278L, 14171, 0, 17677, 38360, 327, 0, 5985, 78),
                                times(1717996378L, 14286, 0, 17743, 38362, 327, 0, 6003, 78),
                                Ustat.ZERO,
                                new Ustat(971571200L, 14825, 0),
                                Ustat.ZERO,
                                Ustat.ZERO)),
                arguments(
                        "udp_bw-t1-m1K",
                        new Stat(
                                2,
                                100,
                                0,
                                times(1717996604L, 14482, 0, 17785, 38572, 328, 0, 6004, 78),
                                times(1717996704L, 14489, 0, 17878, 38615, 328, 0, 6042, 78),
                                Ustat.ZERO,
                                new Ustat(677772288L, 661887, 0),
                                Ustat.ZERO,
                                Ustat.ZERO)),
                arguments(
                        "udp_bw-t1",
                        new Stat(
                                2,
                                100,
                                0,
                                times(1718055169L, 33264, 0, 37241, 100646, 761, 0, 18075, 107),
                                times(1718055269L, 33282, 0, 37355, 100646, 761, 0, 18143, 107),
                                Ustat.ZERO,
                                new Ustat(5585436672L, 170454, 0),
                                Ustat.ZERO,
                                Ustat.ZERO)),
                arguments(
                        "tcp_lat-t1",
                        new Stat(
                                2,
                                100,
                                0,
                                times(1717996929L, 14493, 0, 17881, 39056, 328, 0, 6042, 78),
                                times(1717997029L, 14494, 0, 17895, 39178, 328, 0, 6074, 79),
                                new Ustat(21770, 21770, 0),
                                new Ustat(21770, 21770, 0),
                                Ustat.ZERO,
                                Ustat.ZERO)),
                arguments(
                        "udp_lat-t1-m1K",
                        new Stat(
                                2,
                                100,
                                0,
                                times(1717997253L, 14644, 0, 17929, 39435, 329, 0, 6075, 79),
                                times(1717997353L, 14743, 0, 18004, 39440, 329, 0, 6096, 79),
                                new Ustat(236786688L, 231237, 0),
                                new Ustat(236787712L, 231238, 0),
                                Ustat.ZERO,
                                Ustat.ZERO)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedStats")
    void shouldDecodeCapturedStatToDocumentedFields(final String tag, final Stat expected) {
        final byte[] golden = GoldenHex.load(GoldenHex.name("stat", tag));

        assertThat(golden).hasSize(WireConstants.STAT_LENGTH);
        final Stat st = StatCodec.decode(golden);
        assertThat(st).isEqualTo(expected);
        // every socket-test capture used -t 1: one second of times() ticks at 100 ticks/s
        assertThat(st.timeEnd(Stat.T_REAL) - st.timeStart(Stat.T_REAL)).isEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedStats")
    void shouldReEncodeCapturedStatExceptPadding(final String tag, final Stat expected) {
        final byte[] golden = GoldenHex.load(GoldenHex.name("stat", tag));

        final byte[] encoded = StatCodec.encode(StatCodec.decode(golden));

        assertThat(encoded).hasSize(WireConstants.STAT_LENGTH);
        assertThat(Arrays.copyOfRange(encoded, 0, WireConstants.STAT_ENCODED_LENGTH))
                .isEqualTo(Arrays.copyOfRange(golden, 0, WireConstants.STAT_ENCODED_LENGTH));
        assertThat(Arrays.copyOfRange(encoded, WireConstants.STAT_ENCODED_LENGTH, WireConstants.STAT_LENGTH))
                .containsExactly(0, 0, 0, 0);
        assertThat(StatCodec.encode(expected)).isEqualTo(encoded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedStats")
    void shouldIgnorePaddingGarbage(final String tag, final Stat expected) {
        final byte[] golden = GoldenHex.load(GoldenHex.name("stat", tag));
        golden[252] = (byte) 0xDE;
        golden[253] = (byte) 0xAD;
        golden[254] = (byte) 0xBE;
        golden[255] = (byte) 0xEF;

        assertThat(StatCodec.decode(golden)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedStats")
    void shouldNeedMoreForEveryStrictPrefixOfCapturedStat(final String tag, final Stat expected) {
        final ByteBuffer golden = ByteBuffer.wrap(GoldenHex.load(GoldenHex.name("stat", tag)));

        for (int n = 0; n < WireConstants.STAT_LENGTH; n++) {
            assertThat(StatCodec.decode(golden, 0, n))
                    .as("prefix of %d bytes", n)
                    .isNull();
        }
    }

    /** The receiver needs all 256 bytes even though only 252 carry data: the padding is part of the message. */
    @Test
    void shouldNeedThePaddingBytesBeforeDecoding() {
        final byte[] b = StatCodec.encode(sample());

        assertThat(StatCodec.decode(ByteBuffer.wrap(b), 0, WireConstants.STAT_ENCODED_LENGTH))
                .isNull();
        assertThat(StatCodec.decode(ByteBuffer.wrap(b), 0, WireConstants.STAT_LENGTH - 1))
                .isNull();
    }

    @Test
    void shouldPlaceEveryFieldAtItsSpecOffset() {
        final long[] ts = new long[Stat.TIMES];
        final long[] te = new long[Stat.TIMES];
        for (int i = 0; i < Stat.TIMES; i++) {
            ts[i] = 0x10 + i;
            te[i] = 0x20 + i;
        }
        final Stat st = new Stat(
                1,
                2,
                3,
                ts,
                te,
                new Ustat(0x31, 0x32, 0x33),
                new Ustat(0x41, 0x42, 0x43),
                new Ustat(0x51, 0x52, 0x53),
                new Ustat(0x61, 0x62, 0x63));
        final ByteBuffer b = ByteBuffer.wrap(StatCodec.encode(st));

        assertThat(b.get(0)).isEqualTo((byte) 1);
        assertThat(b.get(4)).isEqualTo((byte) 2);
        assertThat(b.get(8)).isEqualTo((byte) 3);
        for (int i = 0; i < Stat.TIMES; i++) {
            assertThat(b.get(12 + 8 * i)).as("time_s[%d]", i).isEqualTo((byte) (0x10 + i));
            assertThat(b.get(84 + 8 * i)).as("time_e[%d]", i).isEqualTo((byte) (0x20 + i));
        }
        final int[] ustatOffsets = {156, 180, 204, 228};
        for (int g = 0; g < ustatOffsets.length; g++) {
            for (int f = 0; f < 3; f++) {
                assertThat(b.get(ustatOffsets[g] + 8 * f))
                        .as("group %d field %d", g, f)
                        .isEqualTo((byte) (0x31 + 0x10 * g + f));
            }
        }
    }

    @Test
    void shouldRoundTripUnsignedBoundaryValues() {
        final long[] max = new long[Stat.TIMES];
        Arrays.fill(max, -1L);
        final long[] maxMinusOne = new long[Stat.TIMES];
        Arrays.fill(maxMinusOne, -2L);
        final Stat st = new Stat(
                0xFFFF_FFFFL,
                0xFFFF_FFFEL,
                0,
                max,
                maxMinusOne,
                new Ustat(-1L, -2L, 0),
                new Ustat(Long.MAX_VALUE, Long.MIN_VALUE, 1),
                Ustat.ZERO,
                new Ustat(-1L, -1L, -1L));
        final byte[] b = StatCodec.encode(st);

        assertThat(Arrays.copyOfRange(b, 0, 12))
                .containsExactly(0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0);
        assertThat(Arrays.copyOfRange(b, 12, 84)).containsOnly(0xFF);
        assertThat(StatCodec.decode(b)).isEqualTo(st);
    }

    @Test
    void shouldEncodeAtOffsetWithoutTouchingNeighbouringBytes() {
        final byte[] big = new byte[WireConstants.STAT_LENGTH + 9];
        Arrays.fill(big, (byte) 0x77);

        assertThat(StatCodec.encode(ByteBuffer.wrap(big), 4, sample())).isEqualTo(WireConstants.STAT_LENGTH);

        assertThat(Arrays.copyOfRange(big, 0, 4)).containsOnly(0x77);
        assertThat(Arrays.copyOfRange(big, 260, 265)).containsOnly(0x77);
        assertThat(StatCodec.decode(ByteBuffer.wrap(big), 4, WireConstants.STAT_LENGTH))
                .isEqualTo(sample());
    }

    @Test
    void shouldRejectRangeOutsideBufferAsCallerBug() {
        final ByteBuffer b = ByteBuffer.allocate(WireConstants.STAT_LENGTH);

        assertThatThrownBy(() -> StatCodec.decode(b, 1, WireConstants.STAT_LENGTH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatCodec.decode(b, -5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatCodec.encode(b, 1, sample())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectTimeSnapshotsOfWrongLength() {
        assertThatThrownBy(() ->
                        new Stat(1, 100, 0, new long[8], new long[9], Ustat.ZERO, Ustat.ZERO, Ustat.ZERO, Ustat.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Stat sample() {
        return new Stat(
                2,
                100,
                0,
                times(1000, 1, 2, 3, 4, 5, 6, 7, 8),
                times(1100, 11, 12, 13, 14, 15, 16, 17, 18),
                new Ustat(1, 2, 3),
                new Ustat(4, 5, 6),
                Ustat.ZERO,
                Ustat.ZERO);
    }

    /** A 9-entry snapshot: real, user, nice, system, idle, iowait, irq, softirq, steal. */
    static long[] times(
            final long real,
            final long user,
            final long nice,
            final long system,
            final long idle,
            final long iowait,
            final long irq,
            final long softirq,
            final long steal) {
        return new long[] {real, user, nice, system, idle, iowait, irq, softirq, steal};
    }
}
