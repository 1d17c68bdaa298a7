package io.github.jqperf.engine.wire;

import static io.github.jqperf.engine.wire.StockRequests.req;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the REQ layout (docs/protocol.md §3.1) to the 200-byte requests captured from stock qperf 0.4.11: for every capture the
 * record built from what the command line implies encodes to exactly the captured bytes, and the captured bytes decode
 * back to it. Also pins the server's version check texts (docs/protocol.md §3.3) and the codec's edge behaviour (string
 * truncation, u32 truncation, incomplete input, caller range errors).
 */
class RequestCodecTest {

    /** Capture tag (fixture name part) and the REQ the command line implies. */
    static Stream<Arguments> capturedRequests() {
        return Stream.of(
                // qperf 127.0.0.1 conf: msg_size 0, time/timeout defaults still filled in
                arguments("conf", req(0).build()),
                // qperf 127.0.0.1 quit
                arguments("quit", req(1).build()),
                // qperf 127.0.0.1 -t 1 -m 1K -vv tcp_bw
                arguments("tcp_bw-t1-m1K", req(8).msgSize(1024).time(1).build()),
                // qperf 127.0.0.1 -t 1 -ip 20000 -rsb 256K -ar1 -to 7 -rca 1 -v tcp_bw
                arguments(
                        "tcp_bw-t1-ip20000-rsb256K-ar1-to7-rca1",
                        req(8).msgSize(65536)
                                .time(1)
                                .port(20000)
                                .sockBufSize(256 * 1024)
                                .accessRecv(1)
                                .timeout(7)
                                .affinity(1)
                                .build()),
                // qperf 127.0.0.1 -t 1 -m 1K -vv udp_bw
                arguments("udp_bw-t1-m1K", req(10).msgSize(1024).time(1).build()),
                // qperf 127.0.0.1 -t 1 udp_bw: default msg_size 32 KiB
                arguments("udp_bw-t1", req(10).msgSize(32768).time(1).build()),
                // qperf 127.0.0.1 -t 1 -vv tcp_lat: default msg_size 1
                arguments("tcp_lat-t1", req(9).msgSize(1).time(1).build()),
                // qperf 127.0.0.1 -t 1 -m 1K -vv udp_lat
                arguments("udp_lat-t1-m1K", req(11).msgSize(1024).time(1).build()),
                // err_dataport_busy: qperf 127.0.0.1 -t 1 -ip 20001 tcp_bw (default msg_size 64 KiB)
                arguments(
                        "tcp_bw-t1-ip20001-busy",
                        req(8).msgSize(65536).time(1).port(20001).build()),
                // err_client_cannot_connect_data: qperf 127.0.0.1 -t 1 tcp_lat
                arguments(
                        "tcp_lat-t1-fakeserver-port1", req(9).msgSize(1).time(1).build()),
                // err_old_client_version: crafted tcp_lat REQ announcing 0.3.9
                arguments(
                        "tcp_lat-crafted-ver0.3.9",
                        req(9).version(0, 3, 9).msgSize(1).build()),
                // err_new_client_version: crafted tcp_lat REQ announcing 0.5.0
                arguments(
                        "tcp_lat-crafted-ver0.5.0",
                        req(9).version(0, 5, 0).msgSize(1).build()),
                // err_bad_index: crafted tcp_lat REQ with req_index 99
                arguments("tcp_lat-crafted-index99", req(99).msgSize(1).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedRequests")
    void shouldEncodeCapturedRequestByteForByte(final String tag, final Request request) {
        final byte[] golden = GoldenHex.load(GoldenHex.name("req", tag));

        assertThat(golden).hasSize(WireConstants.REQUEST_LENGTH);
        assertThat(RequestCodec.encode(request)).isEqualTo(golden);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedRequests")
    void shouldDecodeCapturedRequestToCommandLineValues(final String tag, final Request request) {
        final byte[] golden = GoldenHex.load(GoldenHex.name("req", tag));

        assertThat(RequestCodec.decode(golden)).isEqualTo(request);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedRequests")
    void shouldDecodeCapturedRequestAtOffsetInsideLargerBuffer(final String tag, final Request request) {
        final byte[] golden = GoldenHex.load(GoldenHex.name("req", tag));
        final byte[] big = new byte[golden.length + 37];
        Arrays.fill(big, (byte) 0xA5);
        System.arraycopy(golden, 0, big, 13, golden.length);

        assertThat(RequestCodec.decode(ByteBuffer.wrap(big), 13, golden.length)).isEqualTo(request);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedRequests")
    void shouldDecodeVersionPrefixOfCapturedRequest(final String tag, final Request request) {
        final byte[] golden = GoldenHex.load(GoldenHex.name("req", tag));

        assertThat(RequestCodec.decodeVersion(ByteBuffer.wrap(golden), 0, WireConstants.REQUEST_VERSION_LENGTH))
                .containsExactly(request.verMaj(), request.verMin(), request.verInc());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedRequests")
    void shouldNeedMoreForEveryStrictPrefixOfCapturedRequest(final String tag, final Request request) {
        final ByteBuffer golden = ByteBuffer.wrap(GoldenHex.load(GoldenHex.name("req", tag)));

        for (int n = 0; n < WireConstants.REQUEST_LENGTH; n++) {
            assertThat(RequestCodec.decode(golden, 0, n))
                    .as("prefix of %d bytes", n)
                    .isNull();
        }
        for (int n = 0; n < WireConstants.REQUEST_VERSION_LENGTH; n++) {
            assertThat(RequestCodec.decodeVersion(golden, 0, n))
                    .as("version prefix of %d bytes", n)
                    .isNull();
        }
    }

    /** The crafted version captures: the server's reply text is exactly what checkVersion computes from the REQ. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"tcp_lat-crafted-ver0.3.9", "tcp_lat-crafted-ver0.5.0"})
    void shouldProduceTheCapturedServerReplyForCraftedVersions(final String tag) {
        final int[] v = RequestCodec.decodeVersion(
                ByteBuffer.wrap(GoldenHex.load(GoldenHex.name("req", tag))), 0, WireConstants.REQUEST_LENGTH);
        final byte[] reply = GoldenHex.load(GoldenHex.name("err-s2c", tag));

        assertThat(RequestCodec.checkVersion(v[0], v[1], v[2]))
                .isEqualTo(new String(reply, 1, reply.length - 1, StandardCharsets.US_ASCII));
    }

    @Test
    void shouldAskClientToUpgradeFromOlderMinor() {
        assertThat(RequestCodec.checkVersion(0, 3, 9)).isEqualTo("upgrade qperf on client from 0.3.9 to 0.4.11");
    }

    @Test
    void shouldAskServerToUpgradeToNewerMinor() {
        assertThat(RequestCodec.checkVersion(0, 5, 0)).isEqualTo("upgrade qperf on server from 0.4.11 to 0.5.0");
    }

    @ParameterizedTest(name = "0.4.{0}")
    @CsvSource({"0", "1", "10", "11", "12", "65535"})
    void shouldAcceptAnyIncrementalOfMinorFour(final int inc) {
        assertThat(RequestCodec.checkVersion(0, 4, inc)).isNull();
    }

    @Test
    void shouldAskServerToUpgradeToNewerMajorEvenWithLowerMinor() {
        assertThat(RequestCodec.checkVersion(1, 0, 0)).isEqualTo("upgrade qperf on server from 0.4.11 to 1.0.0");
    }

    /**
     * qperf compares the u16 fields as ints: a major of 32768 or more is still "newer" (no sign overflow).
     * [observed] against /usr/bin/qperf 0.4.11 with crafted REQs 40000.3.1 and 65535.65535.65535.
     */
    @ParameterizedTest(name = "{0}.{1}.{2}")
    @CsvSource({"32768, 0, 0", "40000, 3, 1", "65535, 65535, 65535", "0, 65535, 0", "0, 32768, 7"})
    void shouldAskServerToUpgradeForHugeVersionNumbers(final int major, final int minor, final int inc) {
        assertThat(RequestCodec.checkVersion(major, minor, inc))
                .isEqualTo("upgrade qperf on server from 0.4.11 to " + major + "." + minor + "." + inc);
    }

    @Test
    void shouldAskClientToUpgradeFromMinorZero() {
        assertThat(RequestCodec.checkVersion(0, 0, 65535))
                .isEqualTo("upgrade qperf on client from 0.0.65535 to 0.4.11");
    }

    @Test
    void shouldTreatNullStringsAsEmpty() {
        final Request r = new Request(0, 4, 11, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 5, 0, null, null);

        assertThat(r.id()).isEmpty();
        assertThat(r.staticRate()).isEmpty();
        assertThat(RequestCodec.encode(r))
                .isEqualTo(RequestCodec.encode(req(8).msgSize(0).build()));
    }

    @Test
    void shouldWriteStringFieldsNulPaddedAtOffsets72And136() {
        final Request r = withStrings("mlx5_0:1", "10");
        final byte[] b = RequestCodec.encode(r);

        assertThat(Arrays.copyOfRange(b, 72, 80)).isEqualTo("mlx5_0:1".getBytes(StandardCharsets.US_ASCII));
        assertThat(Arrays.copyOfRange(b, 80, 136)).containsOnly(0);
        assertThat(Arrays.copyOfRange(b, 136, 138)).isEqualTo("10".getBytes(StandardCharsets.US_ASCII));
        assertThat(Arrays.copyOfRange(b, 138, 200)).containsOnly(0);
        assertThat(RequestCodec.decode(b)).isEqualTo(r);
    }

    @Test
    void shouldCutStringsToSixtyThreeBytesPlusNul() {
        final String s64 = "x".repeat(64);
        final byte[] b = RequestCodec.encode(withStrings(s64, s64 + "yz"));

        assertThat(b[72 + 63]).isZero();
        assertThat(b[136 + 63]).isZero();
        assertThat(RequestCodec.decode(b)).isEqualTo(withStrings("x".repeat(63), "x".repeat(63)));
    }

    /** A REQ has no invalid byte pattern: a string field without NUL decodes to all 64 bytes. */
    @Test
    void shouldDecodeStringFieldWithoutNulToAllSixtyFourBytes() {
        final byte[] b = RequestCodec.encode(req(8).build());
        Arrays.fill(b, 72, 200, (byte) 'a');

        final Request r = RequestCodec.decode(b);

        assertThat(r.id()).isEqualTo("a".repeat(64));
        assertThat(r.staticRate()).isEqualTo("a".repeat(64));
    }

    @Test
    void shouldEncodeU32BoundaryValuesLittleEndian() {
        final byte[] b = RequestCodec.encode(req(8).msgSize(0xFFFF_FFFFL)
                .time(0xFFFF_FFFEL)
                .port(0x0102_0304L)
                .build());

        assertThat(Arrays.copyOfRange(b, 24, 28)).containsExactly(0xFF, 0xFF, 0xFF, 0xFF);
        assertThat(Arrays.copyOfRange(b, 60, 64)).containsExactly(0xFE, 0xFF, 0xFF, 0xFF);
        assertThat(Arrays.copyOfRange(b, 40, 44)).containsExactly(0x04, 0x03, 0x02, 0x01);
        assertThat(RequestCodec.decode(b).msgSize()).isEqualTo(0xFFFF_FFFFL);
        assertThat(RequestCodec.decode(b).time()).isEqualTo(0xFFFF_FFFEL);
    }

    @Test
    void shouldEncodeU16BoundaryValuesLittleEndian() {
        final Request r = req(65534).version(65535, 0, 1).build();
        final byte[] b = RequestCodec.encode(r);

        assertThat(Arrays.copyOfRange(b, 0, 8)).containsExactly(0xFF, 0xFF, 0x00, 0x00, 0x01, 0x00, 0xFE, 0xFF);
        assertThat(RequestCodec.decode(b)).isEqualTo(r);
    }

    /** docs/protocol.md §3.1: option values above 32 bits are silently truncated; the codec keeps the low 32 bits. */
    @Test
    void shouldTruncateU32FieldsToTheLow32Bits() {
        final byte[] b = RequestCodec.encode(req(8).msgSize(0x1_0000_0005L).build());

        assertThat(RequestCodec.decode(b).msgSize()).isEqualTo(5);
    }

    @Test
    void shouldEncodeAtOffsetWithoutTouchingNeighbouringBytes() {
        final byte[] big = new byte[WireConstants.REQUEST_LENGTH + 20];
        Arrays.fill(big, (byte) 0x5A);
        final Request r = req(9).msgSize(1).build();

        assertThat(RequestCodec.encode(ByteBuffer.wrap(big), 10, r)).isEqualTo(WireConstants.REQUEST_LENGTH);

        assertThat(Arrays.copyOfRange(big, 0, 10)).containsOnly(0x5A);
        assertThat(Arrays.copyOfRange(big, 210, 220)).containsOnly(0x5A);
        assertThat(Arrays.copyOfRange(big, 10, 210)).isEqualTo(RequestCodec.encode(r));
    }

    @Test
    void shouldRejectRangeOutsideBufferAsCallerBug() {
        final ByteBuffer b = ByteBuffer.allocate(WireConstants.REQUEST_LENGTH);

        assertThatThrownBy(() -> RequestCodec.decode(b, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestCodec.decode(b, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestCodec.decode(b, 1, WireConstants.REQUEST_LENGTH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestCodec.decode(b, Integer.MAX_VALUE, Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestCodec.encode(b, 1, req(0).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Bytes past the buffer's limit are not accessible: a range reaching beyond it is a caller bug, not an IOOBE. */
    @Test
    void shouldRejectRangeBeyondLimitAsCallerBug() {
        final ByteBuffer b = ByteBuffer.allocate(400);
        b.limit(250);

        assertThatThrownBy(() -> RequestCodec.decode(b, 100, 200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestCodec.encode(b, 100, req(0).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RequestCodec.decode(b, 50, 200)).isNotNull();
    }

    private static Request withStrings(final String id, final String staticRate) {
        final Request r = req(13).build();
        return StockRequests.withTexts(r, id, staticRate);
    }
}
