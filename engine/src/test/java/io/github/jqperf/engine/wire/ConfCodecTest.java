package io.github.jqperf.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jqperf.engine.result.Conf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the CONF block (docs/protocol.md §3.7) to the one captured from a stock qperf 0.4.11 server: the four char[64] fields decode
 * to their text up to the first NUL although the capture carries stack garbage after the NULs, our encoder writes
 * NUL padding (so encode(decode(capture)) is the capture with everything after each NUL zeroed), and a field without
 * NUL is corrupt input.
 */
class ConfCodecTest {
    private static final String CAPTURE = GoldenHex.name("conf", "conf");

    @Test
    void shouldDecodeCapturedConfDespiteGarbageAfterNuls() {
        final byte[] golden = GoldenHex.load(CAPTURE);

        assertThat(golden).hasSize(WireConstants.CONF_LENGTH);
        assertThat(ConfCodec.decode(golden))
                .isEqualTo(new Conf("vm", "2 Cores: Intel Xeon Processor 2.6GHz", "Linux 6.18.44-fc-v769", "0.4.11"));
    }

    /** Guards the test above: the fixture really has non-zero bytes after the NULs (cpu and qperf fields). */
    @Test
    void shouldHaveGarbageAfterNulsInTheCapture() {
        final byte[] golden = GoldenHex.load(CAPTURE);

        assertThat(Arrays.copyOfRange(golden, 64 + 40, 64 + 46)).containsExactly(0x01, 0x7f, 0x3d, 0xd9, 0xc4, 0x55);
        assertThat(Arrays.copyOfRange(golden, 192 + 7, 256)).isNotEqualTo(new byte[256 - 199]);
    }

    @Test
    void shouldEncodeCapturedConfWithNulPadding() {
        final byte[] golden = GoldenHex.load(CAPTURE);
        final byte[] masked = golden.clone();
        for (int field = 0; field < 4; field++) {
            final int at = field * WireConstants.STRING_FIELD_LENGTH;
            int nul = at;
            while (masked[nul] != 0) {
                nul++;
            }
            Arrays.fill(masked, nul, at + WireConstants.STRING_FIELD_LENGTH, (byte) 0);
        }

        assertThat(ConfCodec.encode(ConfCodec.decode(golden))).isEqualTo(masked);
    }

    @Test
    void shouldNeedMoreForEveryStrictPrefixOfCapturedConf() {
        final ByteBuffer golden = ByteBuffer.wrap(GoldenHex.load(CAPTURE));

        for (int n = 0; n < WireConstants.CONF_LENGTH; n++) {
            assertThat(ConfCodec.decode(golden, 0, n))
                    .as("prefix of %d bytes", n)
                    .isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"node, 0", "cpu, 64", "os, 128", "qperf, 192"})
    void shouldRejectFieldWithoutNul(final String field, final int offset) {
        final byte[] b = ConfCodec.encode(new Conf("n", "c", "o", "q"));
        Arrays.fill(b, offset, offset + WireConstants.STRING_FIELD_LENGTH, (byte) 'A');

        assertThatThrownBy(() -> ConfCodec.decode(b)).isInstanceOfSatisfying(WireFormatException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.offset()).isEqualTo(offset);
        });
    }

    @Test
    void shouldAcceptNulAsLastByteOfField() {
        final String s63 = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_";
        final Conf c = new Conf(s63, s63, s63, s63);
        final byte[] b = ConfCodec.encode(c);

        assertThat(s63).hasSize(63);
        assertThat(b[63]).isZero();
        assertThat(ConfCodec.decode(b)).isEqualTo(c);
    }

    @Test
    void shouldCutTextsLongerThanSixtyThreeBytes() {
        final byte[] b = ConfCodec.encode(new Conf("n".repeat(64), "c".repeat(100), "", "0.4.11"));

        assertThat(ConfCodec.decode(b)).isEqualTo(new Conf("n".repeat(63), "c".repeat(63), "", "0.4.11"));
    }

    @Test
    void shouldEncodeEmptyFieldsAsAllZero() {
        assertThat(ConfCodec.encode(new Conf("", "", "", ""))).containsOnly(0);
    }

    @Test
    void shouldEncodeTheVersionFieldAtOffset192() {
        final byte[] b = ConfCodec.encode(new Conf("vm", "cpu", "Linux 6", WireConstants.VERSION_STRING));

        assertThat(Arrays.copyOfRange(b, 192, 199)).isEqualTo("0.4.11\0".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldRejectRangeOutsideBufferAsCallerBug() {
        final ByteBuffer b = ByteBuffer.allocate(WireConstants.CONF_LENGTH);

        assertThatThrownBy(() -> ConfCodec.decode(b, 10, WireConstants.CONF_LENGTH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfCodec.encode(b, 10, new Conf("", "", "", "")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
