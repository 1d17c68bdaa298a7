package io.github.jqperf.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the error convention (docs/protocol.md §3.8) to the err_* captures: the peer's bytes are {@code ?} (sent as TCP urgent data,
 * inline with SO_OOBINLINE) followed by the message text without newline, in both directions.
 */
class ErrorSignalTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "err-s2c-tcp_bw-t1-ip20001-busy|unable to make TCP socket",
                "err-s2c-tcp_lat-crafted-ver0.3.9|upgrade qperf on client from 0.3.9 to 0.4.11",
                "err-s2c-tcp_lat-crafted-ver0.5.0|upgrade qperf on server from 0.4.11 to 0.5.0",
                "err-s2c-tcp_lat-crafted-index99|bad request index: 99",
                "err-c2s-tcp_lat-t1-fakeserver-port1|could not make TCP connection to server"
            })
    void shouldDecodeCapturedErrorSignal(final String fixture, final String text) {
        final byte[] golden = GoldenHex.load(fixture + "-qperf-0.4.11.hex");

        assertThat(golden[0]).isEqualTo(WireConstants.ERROR_SIGNAL).isEqualTo((byte) 0x3f);
        assertThat(ErrorSignal.decode(golden, golden.length)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "err-s2c-tcp_bw-t1-ip20001-busy|unable to make TCP socket",
                "err-s2c-tcp_lat-crafted-index99|bad request index: 99",
                "err-c2s-tcp_lat-t1-fakeserver-port1|could not make TCP connection to server"
            })
    void shouldEncodeCapturedErrorTextWithoutNewline(final String fixture, final String text) {
        final byte[] golden = GoldenHex.load(fixture + "-qperf-0.4.11.hex");
        final byte[] body = ErrorSignal.text(text);
        final byte[] wire = new byte[1 + body.length];
        wire[0] = WireConstants.ERROR_SIGNAL;
        System.arraycopy(body, 0, wire, 1, body.length);

        assertThat(wire).isEqualTo(golden);
    }

    /** The text can be lost in a race (docs/protocol.md §3.8): only the urgent byte arrived. */
    @Test
    void shouldDecodeLoneUrgentByteAsEmptyText() {
        assertThat(ErrorSignal.decode(new byte[] {'?'}, 1)).isEmpty();
    }

    @Test
    void shouldDecodeOnlyTheValidPartOfTheArray() {
        final byte[] b = "?bad request index: 99\0\0\0\0".getBytes(StandardCharsets.US_ASCII);

        assertThat(ErrorSignal.decode(b, 22)).isEqualTo("bad request index: 99");
        assertThat(ErrorSignal.decode(b, 4)).isEqualTo("bad");
    }

    @Test
    void shouldNotTreatOtherBytesAsErrorSignal() {
        assertThat(ErrorSignal.decode(SyncCodec.before(), SyncCodec.BEFORE_LENGTH))
                .isNull();
        assertThat(ErrorSignal.decode(new byte[] {'.'}, 1)).isNull();
        assertThat(ErrorSignal.decode(new byte[] {0x20, 0x4e, 0, 0}, 4)).isNull();
    }

    @Test
    void shouldNotTreatEmptyInputAsErrorSignal() {
        assertThat(ErrorSignal.decode(new byte[0], 0)).isNull();
        assertThat(ErrorSignal.decode(new byte[] {'?'}, 0)).isNull();
    }
}
