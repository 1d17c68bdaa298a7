package io.github.jqperf.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the synchronization strings (docs/protocol.md §3.5) to every sync string in the stock qperf 0.4.11 captures (27 bytes
 * "synchronization before test" both ways, 26 bytes "synchronization after test" client to server, no NUL) and
 * the mismatch error to qperf's exact text.
 */
class SyncCodecTest {
    private static final String BEFORE_MISMATCH =
            "synchronize synchronization before test failure: data does not match";
    private static final String AFTER_MISMATCH = "synchronize synchronization after test failure: data does not match";

    @Test
    void theSyncBytesCannotBeChangedByACaller() {
        final byte[] mine = SyncCodec.before();
        mine[0] = 'X';
        SyncCodec.after()[0] = 'Y';
        assertThat(SyncCodec.before())
                .isNotSameAs(SyncCodec.before())
                .isEqualTo("synchronization before test".getBytes(StandardCharsets.US_ASCII));
        assertThat(SyncCodec.after()).isEqualTo("synchronization after test".getBytes(StandardCharsets.US_ASCII));
        assertThat(SyncCodec.BEFORE_LENGTH).isEqualTo(27);
        assertThat(SyncCodec.AFTER_LENGTH).isEqualTo(26);
    }

    @Test
    void shouldHaveTheExactSyncBytes() {
        assertThat(SyncCodec.before())
                .hasSize(27)
                .isEqualTo("synchronization before test".getBytes(StandardCharsets.US_ASCII));
        assertThat(SyncCodec.after())
                .hasSize(26)
                .isEqualTo("synchronization after test".getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "sync-before-c2s-tcp_bw-t1-m1K",
        "sync-before-s2c-tcp_bw-t1-m1K",
        "sync-before-c2s-tcp_bw-t1-ip20000-rsb256K-ar1-to7-rca1",
        "sync-before-s2c-tcp_bw-t1-ip20000-rsb256K-ar1-to7-rca1",
        "sync-before-c2s-udp_bw-t1-m1K",
        "sync-before-s2c-udp_bw-t1-m1K",
        "sync-before-c2s-udp_bw-t1",
        "sync-before-s2c-udp_bw-t1",
        "sync-before-c2s-tcp_lat-t1",
        "sync-before-s2c-tcp_lat-t1",
        "sync-before-c2s-udp_lat-t1-m1K",
        "sync-before-s2c-udp_lat-t1-m1K",
        "sync-before-c2s-quit",
        "sync-before-s2c-quit"
    })
    void shouldMatchCapturedBeforeSync(final String fixture) {
        final byte[] golden = GoldenHex.load(fixture + "-qperf-0.4.11.hex");

        assertThat(golden).isEqualTo(SyncCodec.before());
        assertThat(SyncCodec.check(SyncCodec.before(), golden)).isEqualTo(27);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "sync-after-c2s-tcp_bw-t1-m1K",
        "sync-after-c2s-tcp_bw-t1-ip20000-rsb256K-ar1-to7-rca1",
        "sync-after-c2s-udp_bw-t1-m1K",
        "sync-after-c2s-udp_bw-t1",
        "sync-after-c2s-tcp_lat-t1",
        "sync-after-c2s-udp_lat-t1-m1K"
    })
    void shouldMatchCapturedAfterSync(final String fixture) {
        final byte[] golden = GoldenHex.load(fixture + "-qperf-0.4.11.hex");

        assertThat(golden).isEqualTo(SyncCodec.after());
        assertThat(SyncCodec.check(SyncCodec.after(), golden)).isEqualTo(26);
    }

    @Test
    void shouldReportBeforeMismatchWithQperfText() {
        final byte[] b = SyncCodec.before();
        b[5] = 'X';

        assertThatThrownBy(() -> SyncCodec.check(SyncCodec.before(), b))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(BEFORE_MISMATCH);
                    assertThat(e.getMessage()).startsWith(BEFORE_MISMATCH);
                    assertThat(e.field()).isEqualTo("sync");
                    assertThat(e.offset()).isEqualTo(5);
                });
    }

    @Test
    void shouldReportAfterMismatchWithQperfText() {
        final byte[] b = SyncCodec.after();
        b[25] = 'T';

        assertThatThrownBy(() -> SyncCodec.check(SyncCodec.after(), b))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AFTER_MISMATCH);
                    assertThat(e.offset()).isEqualTo(25);
                });
    }

    /** An after-sync where a before-sync is expected differs first at byte 16 ('a' vs 'b'). */
    @Test
    void shouldRejectAfterSyncWhereBeforeIsExpected() {
        final byte[] b = Arrays.copyOf(SyncCodec.after(), 27);

        assertThatThrownBy(() -> SyncCodec.check(SyncCodec.before(), b))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(BEFORE_MISMATCH);
                    assertThat(e.offset()).isEqualTo(16);
                });
    }

    /** A peer error signal arriving where a sync is expected is a mismatch once 27 bytes are there. */
    @Test
    void shouldRejectErrorSignalOfSyncLength() {
        final byte[] b = "?unable to make TCP socket!".getBytes(StandardCharsets.US_ASCII);

        assertThat(b).hasSize(27);
        assertThatThrownBy(() -> SyncCodec.check(SyncCodec.before(), b))
                .isInstanceOfSatisfying(
                        WireFormatException.class, e -> assertThat(e.offset()).isZero());
    }

    @Test
    void shouldNeedMoreForEveryStrictPrefix() {
        final ByteBuffer before = ByteBuffer.wrap(SyncCodec.before());
        final ByteBuffer after = ByteBuffer.wrap(SyncCodec.after());

        for (int n = 0; n < 27; n++) {
            assertThat(SyncCodec.check(SyncCodec.before(), before, 0, n))
                    .as("before, %d bytes", n)
                    .isEqualTo(WireConstants.NEED_MORE);
        }
        for (int n = 0; n < 26; n++) {
            assertThat(SyncCodec.check(SyncCodec.after(), after, 0, n))
                    .as("after, %d bytes", n)
                    .isEqualTo(WireConstants.NEED_MORE);
        }
    }

    /** qperf reads exactly the sync length; what follows (e.g. the STAT) is not consumed. */
    @Test
    void shouldConsumeOnlyTheSyncLength() {
        final byte[] b = Arrays.copyOf(SyncCodec.before(), 40);

        assertThat(SyncCodec.check(SyncCodec.before(), b)).isEqualTo(27);
    }

    @Test
    void shouldRejectRangeOutsideBufferAsCallerBug() {
        final ByteBuffer b = ByteBuffer.allocate(27);

        assertThatThrownBy(() -> SyncCodec.check(SyncCodec.before(), b, 1, 27))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
