package io.github.jqperf.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jqperf.engine.result.ScopeUsage;
import io.github.jqperf.engine.result.UsageReport;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** jqperf's usage extension codec (docs/protocol.md §13): golden vectors and hostile bytes. */
class UsageExtensionCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    /** One cgroup scope: 2 s window, 1 CPU s, throttled, a 512 MiB limit, and one note. */
    static final UsageReport SAMPLE = new UsageReport(
            List.of(new ScopeUsage(
                    "cgroup", 2.0, 1.0, 0.75, 0.25, 0.5, 0.5, 20, 19, 0.5, 0.5, 1_048_576, 2_097_152, 536_870_912)),
            List.of("cgroup v1, cpu /x (v1)"));

    /** The bytes of {@link #SAMPLE}: the format is frozen once released; change it only with a new version. */
    static final String SAMPLE_HEX = "4a515058" + "0001" + "8001" + "00000089" // header: JQPX, v1, report, 137 bytes
            + "01" // one scope
            + "06" + "63 67 72 6f 75 70".replace(" ", "") // "cgroup"
            + "4000000000000000" // elapsed 2.0
            + "3ff0000000000000" // cpu 1.0
            + "3fe8000000000000" // user 0.75
            + "3fd0000000000000" // system 0.25
            + "3fe0000000000000" // cpus used 0.5
            + "3fe0000000000000" // sec/GB 0.5
            + "0000000000000014" // nr_periods 20
            + "0000000000000013" // nr_throttled 19
            + "3fe0000000000000" // throttled 0.5 s
            + "3fe0000000000000" // cpu limit 0.5
            + "0000000000100000" // memory current 1 MiB
            + "0000000000200000" // memory peak 2 MiB
            + "0000000020000000" // memory limit 512 MiB
            + "01" // one note
            + "0016" + HEX.formatHex("cgroup v1, cpu /x (v1)".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    @Test
    void reportShouldEncodeToTheGoldenBytes() {
        assertThat(HEX.formatHex(UsageExtensionCodec.encodeReport(SAMPLE))).isEqualTo(SAMPLE_HEX);
    }

    @Test
    void goldenBytesShouldDecodeToTheReport() {
        final byte[] all = HEX.parseHex(SAMPLE_HEX);
        final UsageExtensionCodec.Header h =
                UsageExtensionCodec.decodeHeader(Arrays.copyOf(all, UsageExtensionCodec.HEADER_LENGTH));
        assertThat(h).isEqualTo(new UsageExtensionCodec.Header(1, UsageExtensionCodec.KIND_USAGE_REPORT, 137));
        assertThat(UsageExtensionCodec.decodeReport(Arrays.copyOfRange(all, 12, all.length)))
                .isEqualTo(SAMPLE);
    }

    @Test
    void requestShouldBeTheTwelveByteHeader() {
        assertThat(HEX.formatHex(UsageExtensionCodec.request())).isEqualTo("4a51505800010001" + "00000000");
        assertThat(HEX.formatHex(UsageExtensionCodec.unsupported())).isEqualTo("4a515058000180ff" + "00000000");
    }

    @Test
    void absentFiguresAndUnlimitedShouldRoundTrip() {
        final UsageReport r = new UsageReport(
                List.of(new ScopeUsage(
                        "process",
                        1.0,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        -1,
                        -1,
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        -1,
                        -1,
                        Long.MAX_VALUE)),
                List.of());
        final byte[] all = UsageExtensionCodec.encodeReport(r);
        assertThat(UsageExtensionCodec.decodeReport(Arrays.copyOfRange(all, 12, all.length)))
                .isEqualTo(r);
    }

    @Test
    void magicThatIsNotJqpxShouldBeRejectedNamingTheField() {
        // what a stock peer could send at that point: an error signal, or a REQ (its first bytes are 0)
        for (final String hex : List.of("3f6661696c656420746f20", "000000000000000400000002")) {
            assertThatThrownBy(() -> UsageExtensionCodec.decodeHeader(Arrays.copyOf(HEX.parseHex(hex), 12)))
                    .isInstanceOf(WireFormatException.class)
                    .satisfies(
                            e -> assertThat(((WireFormatException) e).field()).isEqualTo("magic"));
        }
    }

    @Test
    void longNotesShouldBeCutOnACharacterBoundary() {
        final String note = "é".repeat(400); // 800 bytes
        final byte[] all = UsageExtensionCodec.encodeReport(new UsageReport(List.of(), List.of(note)));
        final UsageReport back = UsageExtensionCodec.decodeReport(Arrays.copyOfRange(all, 12, all.length));
        assertThat(back.notes().get(0)).isEqualTo("é".repeat(256));
    }

    @Test
    void trailingOrMissingBytesShouldBeRejected() {
        final byte[] body = Arrays.copyOfRange(HEX.parseHex(SAMPLE_HEX), 12, HEX.parseHex(SAMPLE_HEX).length);
        for (int cut = 0; cut < body.length; cut++) {
            final byte[] prefix = Arrays.copyOf(body, cut);
            assertThatThrownBy(() -> UsageExtensionCodec.decodeReport(prefix)).isInstanceOf(WireFormatException.class);
        }
        assertThatThrownBy(() -> UsageExtensionCodec.decodeReport(Arrays.copyOf(body, body.length + 1)))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("after the report");
    }

    /** Random bodies: a report or a one-line WireFormatException, nothing else. */
    @Property(tries = 2000)
    void hostileBodiesShouldDecodeOrFailCleanly(@ForAll @Size(max = 600) final byte[] body) {
        verify(body);
    }

    /** Mutations of the golden body: one byte replaced, at every kind of position. */
    @Property(tries = 2000)
    void mutatedGoldenBodiesShouldDecodeOrFailCleanly(
            @ForAll @IntRange(min = 0, max = 136) final int at, @ForAll final byte value) {
        final byte[] all = HEX.parseHex(SAMPLE_HEX);
        final byte[] body = Arrays.copyOfRange(all, 12, all.length);
        body[at] = value;
        verify(body);
    }

    /** Every field of the golden body at a hostile 8-byte value (NaN payloads, infinities, -2, MIN, MAX). */
    @Property(tries = 1000)
    void hostileFieldValuesShouldDecodeOrFailCleanly(
            @ForAll @IntRange(min = 0, max = 12) final int field, @ForAll("hostileLongs") final long bits) {
        final byte[] all = HEX.parseHex(SAMPLE_HEX);
        final byte[] body = Arrays.copyOfRange(all, 12, all.length);
        ByteBuffer.wrap(body).putLong(8 + field * 8, bits);
        verify(body);
    }

    @Provide
    Arbitrary<Long> hostileLongs() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        -2L,
                        -1L,
                        0L,
                        Long.MIN_VALUE,
                        Long.MAX_VALUE,
                        Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
                        Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
                        Double.doubleToRawLongBits(-0.0),
                        0x7ff0000000000001L, // a signalling NaN
                        0xfff8000000000000L), // a negative NaN
                Arbitraries.longs());
    }

    private static void verify(final byte[] body) {
        try {
            final UsageReport r = UsageExtensionCodec.decodeReport(body);
            final byte[] again = UsageExtensionCodec.encodeReport(r);
            assertThat(UsageExtensionCodec.decodeReport(Arrays.copyOfRange(again, 12, again.length)))
                    .isEqualTo(r);
        } catch (WireFormatException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            assertThat(e.field()).isNotBlank();
            assertThat(e.offset()).isBetween(0, body.length);
        }
    }
}
