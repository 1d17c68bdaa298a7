package io.github.jqperf.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.result.Stat;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays the control streams of the stock qperf 0.4.11 socket-test captures (docs/protocol.md §4.1: client to server REQ 200 +
 * sync 27 + sync 26 = 253 bytes; server to client PORT 4 + sync 27 + STAT 256 = 287 bytes) through the decoders at
 * their running offsets in one buffer, and byte by byte as a receiver would see them arrive: each decoder reports
 * "need more" until its whole message is there, and decodes it as soon as it is.
 */
class CaptureStreamTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tcp_bw-t1-m1K",
        "tcp_bw-t1-ip20000-rsb256K-ar1-to7-rca1",
        "udp_bw-t1-m1K",
        "udp_bw-t1",
        "tcp_lat-t1",
        "udp_lat-t1-m1K"
    })
    void shouldDecodeServerToClientStreamInOrder(final String tag) {
        final byte[] stream = concat(
                GoldenHex.load(GoldenHex.name("port", tag)),
                GoldenHex.load(GoldenHex.name("sync-before-s2c", tag)),
                GoldenHex.load(GoldenHex.name("stat", tag)));
        assertThat(stream).hasSize(287);
        final ByteBuffer b = ByteBuffer.wrap(stream).asReadOnlyBuffer();

        final int port = PortCodec.decode(b, 0, stream.length);
        final int sync = SyncCodec.check(SyncCodec.before(), b, 4, stream.length - 4);
        final Stat stat = StatCodec.decode(b, 31, stream.length - 31);

        assertThat(port).isBetween(1, 65535);
        assertThat(sync).isEqualTo(27);
        assertThat(stat).isEqualTo(StatCodec.decode(GoldenHex.load(GoldenHex.name("stat", tag))));
        assertThat(stat.noTicks()).isEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tcp_bw-t1-m1K",
        "tcp_bw-t1-ip20000-rsb256K-ar1-to7-rca1",
        "udp_bw-t1-m1K",
        "udp_bw-t1",
        "tcp_lat-t1",
        "udp_lat-t1-m1K"
    })
    void shouldDecodeClientToServerStreamArrivingByteByByte(final String tag) {
        final byte[] stream = concat(
                GoldenHex.load(GoldenHex.name("req", tag)),
                GoldenHex.load(GoldenHex.name("sync-before-c2s", tag)),
                GoldenHex.load(GoldenHex.name("sync-after-c2s", tag)));
        assertThat(stream).hasSize(253);
        final ByteBuffer b = ByteBuffer.wrap(stream).asReadOnlyBuffer();

        Request req = null;
        int arrived = 0;
        while (req == null) {
            arrived++;
            req = RequestCodec.decode(b, 0, arrived);
        }
        assertThat(arrived).isEqualTo(200);
        assertThat(RequestCodec.checkVersion(req.verMaj(), req.verMin(), req.verInc()))
                .isNull();

        int consumed = WireConstants.NEED_MORE;
        while (consumed == WireConstants.NEED_MORE) {
            arrived++;
            consumed = SyncCodec.check(SyncCodec.before(), b, 200, arrived - 200);
        }
        assertThat(arrived).isEqualTo(227);

        consumed = WireConstants.NEED_MORE;
        while (consumed == WireConstants.NEED_MORE) {
            arrived++;
            consumed = SyncCodec.check(SyncCodec.after(), b, 227, arrived - 227);
        }
        assertThat(arrived).isEqualTo(stream.length);
    }

    private static byte[] concat(final byte[]... parts) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
