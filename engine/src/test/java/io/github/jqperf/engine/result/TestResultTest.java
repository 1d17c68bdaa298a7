package io.github.jqperf.engine.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.testutil.StatBuilder;
import org.junit.jupiter.api.Test;

/** qperf's calc_results on fixed snapshots (docs/protocol.md §7.1, §7.2). */
class TestResultTest {
    @Test
    void tcpBwCapture() {
        final Stat local = StatBuilder.node()
                .real(100)
                .user(95)
                .system(78)
                .softirq(28)
                .sent(836_248L * 1024, 836_248)
                .build();
        final Stat remote = StatBuilder.node()
                .real(100)
                .user(95)
                .system(78)
                .idle(1)
                .softirq(28)
                .received(851_308_544L, 831_356)
                .build();
        final TestResult r = TestResult.of(TestKind.TCP_BW, local, remote);
        assertThat(r.recvBwBytesPerSec()).isEqualTo(851_308_544.0);
        assertThat(r.sendBwBytesPerSec()).isEqualTo(836_248.0 * 1024);
        assertThat(r.msgRatePerSec()).isEqualTo(831_356.0);
        assertThat(r.latencySeconds()).isEqualTo(1.0 / 831_356);
        assertThat(r.sendCostSecondsPerGB()).isEqualTo((double) (201f / 100f) * 1e9 / (836_248.0 * 1024));
        assertThat(r.recvCostSecondsPerGB()).isEqualTo((double) (201f / 100f) * 1e9 / 851_308_544.0);
        assertThat(r.recvCostSecondsPerGB()).isCloseTo(2.361, within(0.001));
        assertThat(r.loc().cpusUsed()).isEqualTo(2.01, within(1e-12));
    }

    @Test
    void latencyAndRateBothDirections() {
        final Stat local = StatBuilder.node()
                .real(100)
                .sent(21_770, 21_770)
                .received(21_769, 21_769)
                .build();
        final Stat remote = StatBuilder.node()
                .real(100)
                .sent(21_770, 21_770)
                .received(21_770, 21_770)
                .build();
        final TestResult r = TestResult.of(TestKind.TCP_LAT, local, remote);
        assertThat(r.latencySeconds()).isEqualTo(1.0 / 43_539);
        assertThat(r.msgRatePerSec()).isEqualTo(43_539.0);
        assertThat(r.sendBwBytesPerSec()).isEqualTo(43_540.0);
        assertThat(r.recvBwBytesPerSec()).isEqualTo(43_539.0);
        assertThat(r.sendCostSecondsPerGB()).isZero();
        assertThat(r.recvCostSecondsPerGB()).isZero();
    }

    @Test
    void msgRateUsesTheCrossedTime() {
        // fake server: 2.00 s, 1,234,567 msgs received; client 1.00 s, nothing received
        final Stat local =
                StatBuilder.node().real(100).sent(1_300_000_000L, 19_836).build();
        final Stat remote =
                StatBuilder.node().real(200).received(1_234_567_890L, 1_234_567).build();
        final TestResult r = TestResult.of(TestKind.TCP_BW, local, remote);
        assertThat(r.msgRatePerSec()).isEqualTo(1_234_567.0); // / client time, not 617,283.5
        assertThat(r.recvBwBytesPerSec()).isEqualTo(1_234_567_890 / 2.0); // / server time
        assertThat(r.latencySeconds()).isEqualTo(1.0 / 1_234_567);

        // the mirror image: the client received, the server did not -> client count / server time
        final TestResult mirror = TestResult.of(TestKind.TCP_BW, remote, local);
        assertThat(mirror.msgRatePerSec()).isEqualTo(1_234_567.0);
        assertThat(mirror.latencySeconds()).isEqualTo(2.0 / 1_234_567);
    }

    @Test
    void meanTimeWhenBothSidesCount() {
        final Stat local = StatBuilder.node()
                .real(100)
                .sent(17_652, 17_652)
                .received(17_652, 17_652)
                .build();
        final Stat remote = StatBuilder.node()
                .real(200)
                .sent(1_048_576, 999_999)
                .received(1_234_567_890L, 1_234_567, 5)
                .build();
        final TestResult r = TestResult.of(TestKind.TCP_LAT, local, remote);
        assertThat(r.msgRatePerSec()).isEqualTo((17_652 + 1_234_567) / 1.5);
        assertThat(r.sendBwBytesPerSec()).isEqualTo((17_652 + 1_048_576) / 1.5);
        assertThat(r.recvBwBytesPerSec()).isEqualTo((17_652 + 1_234_567_890L) / 1.5);
        assertThat(r.latencySeconds()).isEqualTo(1.0 / 1_252_219);
    }

    @Test
    void sendAndRecvBandwidthFromEachSide() {
        final Stat local =
                StatBuilder.node().real(100).sent(10_200_000_000L, 311_279).build();
        final Stat remote =
                StatBuilder.node().real(50).received(1_860_000_000L, 56_762).build();
        final TestResult r = TestResult.of(TestKind.UDP_BW, local, remote);
        assertThat(r.sendBwBytesPerSec()).isEqualTo(10.2e9);
        assertThat(r.recvBwBytesPerSec()).isEqualTo(1.86e9 / 0.5);
    }

    @Test
    void costsOnlyForOneWayTraffic() {
        final Stat local = StatBuilder.node()
                .real(100)
                .system(138)
                .sent(697_080_832L, 680_743)
                .build();
        final Stat remote = StatBuilder.node()
                .real(100)
                .system(204)
                .received(677_772_288L, 661_887)
                .build();
        final TestResult r = TestResult.of(TestKind.UDP_BW, local, remote);
        assertThat(r.sendCostSecondsPerGB()).isEqualTo((double) (138f / 100f) * 1e9 / 697_080_832.0);
        assertThat(r.recvCostSecondsPerGB()).isEqualTo((double) (204f / 100f) * 1e9 / 677_772_288.0);

        // reversed roles: the server sends, the client receives
        final Stat serverSends = StatBuilder.node()
                .real(100)
                .system(100)
                .sent(2_000_000_000L, 10)
                .build();
        final Stat clientReceives = StatBuilder.node()
                .real(100)
                .system(50)
                .received(1_000_000_000L, 5)
                .build();
        final TestResult rev = TestResult.of(TestKind.TCP_BW, clientReceives, serverSends);
        assertThat(rev.sendCostSecondsPerGB()).isEqualTo(0.5);
        assertThat(rev.recvCostSecondsPerGB()).isEqualTo(0.5);
    }

    @Test
    void zeroRealTimeStopsAfterLatency() {
        final Stat local =
                StatBuilder.node().real(100).sent(100, 10).received(100, 10).build();
        final Stat remote =
                StatBuilder.node().real(0).sent(100, 10).received(100, 10).build();
        final TestResult r = TestResult.of(TestKind.TCP_LAT, local, remote);
        assertThat(r.latencySeconds()).isEqualTo(1.0 / 20);
        assertThat(r.msgRatePerSec()).isZero();
        assertThat(r.sendBwBytesPerSec()).isZero();
        assertThat(r.recvBwBytesPerSec()).isZero();
        assertThat(r.rem()).isEqualTo(NodeResult.ZERO);
    }

    @Test
    void noMessagesNoLatency() {
        final Stat idle = StatBuilder.node().real(100).build();
        final TestResult r = TestResult.of(TestKind.TCP_LAT, idle, idle);
        assertThat(r.latencySeconds()).isZero();
        assertThat(r.msgRatePerSec()).isZero();
    }

    @Test
    void peerCountersAreAddedToTheOtherSide() {
        final Stat local = StatBuilder.node()
                .real(100)
                .sent(1000, 1)
                .forPeer(new Ustat(0, 0, 0), new Ustat(500, 5, 1))
                .build();
        final Stat remote = StatBuilder.node()
                .real(100)
                .forPeer(new Ustat(7, 1, 0), Ustat.ZERO)
                .build();
        final TestResult r = TestResult.of(TestKind.TCP_BW, local, remote);
        assertThat(r.remote().r()).isEqualTo(new Ustat(500, 5, 1));
        assertThat(r.local().s()).isEqualTo(new Ustat(1007, 2, 0));
        assertThat(r.recvBwBytesPerSec()).isEqualTo(500.0);
        assertThat(r.kind()).isEqualTo(TestKind.TCP_BW);
    }
}
