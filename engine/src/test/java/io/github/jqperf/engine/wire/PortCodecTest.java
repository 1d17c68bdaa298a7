package io.github.jqperf.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the PORT message (docs/protocol.md §3.4, u32 little-endian) to the ports captured from stock qperf 0.4.11 servers and our
 * fake server, and the decoder's validity rule: 1..65535 accepted, 0 and anything above 65535 are corrupt input.
 */
class PortCodecTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "tcp_bw-t1-m1K, 46495",
        "tcp_bw-t1-ip20000-rsb256K-ar1-to7-rca1, 20000",
        "udp_bw-t1-m1K, 40624",
        "udp_bw-t1, 53102",
        "tcp_lat-t1, 35975",
        "udp_lat-t1-m1K, 54126",
        "tcp_lat-t1-fakeserver-port1, 1"
    })
    void shouldDecodeAndReEncodeCapturedPort(final String tag, final int port) {
        final byte[] golden = GoldenHex.load(GoldenHex.name("port", tag));

        assertThat(PortCodec.decode(golden)).isEqualTo(port);
        assertThat(PortCodec.encode(port)).isEqualTo(golden);
    }

    @Test
    void shouldEncodeEphemeralPortFromSpec() {
        assertThat(PortCodec.encode(46495)).containsExactly(0x9f, 0xb5, 0x00, 0x00);
        assertThat(PortCodec.decode(new byte[] {(byte) 0x9f, (byte) 0xb5, 0, 0}))
                .isEqualTo(46495);
    }

    @Test
    void shouldEncodeFixedIpPortFromSpec() {
        assertThat(PortCodec.encode(20000)).containsExactly(0x20, 0x4e, 0x00, 0x00);
        assertThat(PortCodec.decode(new byte[] {0x20, 0x4e, 0, 0})).isEqualTo(20000);
    }

    @Test
    void shouldAcceptBoundaryPorts() {
        assertThat(PortCodec.decode(PortCodec.encode(1))).isEqualTo(1);
        assertThat(PortCodec.decode(PortCodec.encode(65534))).isEqualTo(65534);
        assertThat(PortCodec.decode(PortCodec.encode(65535))).isEqualTo(65535);
    }

    @Test
    void shouldRejectPortZero() {
        assertThatThrownBy(() -> PortCodec.decode(new byte[4])).isInstanceOfSatisfying(WireFormatException.class, e -> {
            assertThat(e.field()).isEqualTo("port");
            assertThat(e.offset()).isZero();
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"00 00 01 00, 65536", "ff ff 01 00, 131071", "00 00 00 01, 16777216", "ff ff ff ff, 4294967295"})
    void shouldRejectPortAbove65535(final String hex, final long value) {
        final byte[] b = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);

        assertThatThrownBy(() -> PortCodec.decode(b))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining(Long.toString(value))
                .extracting(e -> ((WireFormatException) e).field())
                .isEqualTo("port");
    }

    @Test
    void shouldNeedMoreForEveryStrictPrefix() {
        final ByteBuffer b = ByteBuffer.wrap(PortCodec.encode(46495));

        for (int n = 0; n < WireConstants.PORT_LENGTH; n++) {
            assertThat(PortCodec.decode(b, 0, n)).as("prefix of %d bytes", n).isEqualTo(WireConstants.NEED_MORE);
        }
    }

    @Test
    void shouldDecodeOnlyTheFirstFourBytesOfALongerInput() {
        final byte[] b = {0x20, 0x4e, 0, 0, 0x7f, 0x7f};

        assertThat(PortCodec.decode(b)).isEqualTo(20000);
    }

    @Test
    void shouldRejectRangeOutsideBufferAsCallerBug() {
        final ByteBuffer b = ByteBuffer.allocate(4);

        assertThatThrownBy(() -> PortCodec.decode(b, 1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortCodec.encode(b, 1, 80)).isInstanceOf(IllegalArgumentException.class);
    }
}
