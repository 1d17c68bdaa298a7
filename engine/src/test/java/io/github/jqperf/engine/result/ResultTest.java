package io.github.jqperf.engine.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jqperf.engine.report.OutputOptions;
import io.github.jqperf.engine.report.QperfTextFormat;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import io.github.jqperf.engine.testutil.StatBuilder;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Typed results: the right type per test, qperf's figures, the spec carried, no figure that does not apply. */
class ResultTest {
    private static final Stat SENDER = StatBuilder.node()
            .real(100)
            .user(95)
            .system(78)
            .softirq(28)
            .sent(836_248L * 1024, 836_248)
            .build();
    private static final Stat RECEIVER = StatBuilder.node()
            .real(100)
            .user(90)
            .system(70)
            .idle(1)
            .softirq(20)
            .received(851_308_544L, 831_356)
            .build();
    private static final Stat PING = StatBuilder.node()
            .real(100)
            .user(20)
            .system(30)
            .sent(21_770, 21_770)
            .received(21_769, 21_769)
            .build();
    private static final Stat PONG = StatBuilder.node()
            .real(100)
            .user(25)
            .system(35)
            .sent(21_770, 21_770)
            .received(21_770, 21_770)
            .build();

    @Test
    void tcpBw() {
        final TestSpec spec = TestSpec.builder(TestKind.TCP_BW)
                .timeSeconds(1)
                .msgSizeBytes(1024)
                .build();
        final Result r = Result.of(spec, SENDER, RECEIVER);
        assertThat(r).isInstanceOf(BandwidthResult.class);
        final BandwidthResult bw = (BandwidthResult) r;
        final TestResult calc = TestResult.of(TestKind.TCP_BW, SENDER, RECEIVER);
        assertThat(bw.spec()).isSameAs(spec);
        assertThat(bw.kind()).isEqualTo(TestKind.TCP_BW);
        assertThat(bw.spec().msgSizeBytes()).isEqualTo(1024);
        assertThat(bw.spec().timeSeconds()).isEqualTo(1);
        assertThat(bw.bandwidthBytesPerSecond()).isEqualTo(851_308_544.0).isEqualTo(calc.recvBwBytesPerSec());
        assertThat(bw.msgRatePerSecond()).isEqualTo(831_356.0);
        assertThat(bw.sendCostSecondsPerGB()).isPositive().isEqualTo(calc.sendCostSecondsPerGB());
        assertThat(bw.recvCostSecondsPerGB()).isPositive().isEqualTo(calc.recvCostSecondsPerGB());
        assertThat(bw.localCpusUsed()).isEqualTo(calc.loc().cpusUsed()).isPositive();
        assertThat(bw.remoteCpusUsed()).isEqualTo(calc.rem().cpusUsed()).isPositive();
        assertThat(bw.localNode()).isEqualTo(calc.loc());
        assertThat(bw.remoteNode()).isEqualTo(calc.rem());
        assertThat(bw.localStat()).isEqualTo(SENDER);
        assertThat(bw.remoteStat()).isEqualTo(RECEIVER);
        assertThat(bw.toString()).contains("tcp_bw", "msgSizeBytes=1024", "bandwidthBytesPerSecond=8.51308544E8");
    }

    @Test
    void udpBw() {
        final TestSpec spec =
                TestSpec.builder(TestKind.UDP_BW).msgSizeBytes(1024).build();
        final Result r = Result.of(spec, SENDER, RECEIVER);
        assertThat(r).isInstanceOf(SendRecvBandwidthResult.class);
        final SendRecvBandwidthResult sr = (SendRecvBandwidthResult) r;
        assertThat(sr.sendBandwidthBytesPerSecond()).isEqualTo(836_248.0 * 1024);
        assertThat(sr.recvBandwidthBytesPerSecond()).isEqualTo(851_308_544.0);
        assertThat(sr.msgRatePerSecond()).isEqualTo(831_356.0);
        assertThat(sr.sendCostSecondsPerGB()).isPositive();
        assertThat(sr.recvCostSecondsPerGB()).isPositive();
        assertThat(sr.spec().timeSeconds()).as("the default time").isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(
            value = TestKind.class,
            names = {"TCP_LAT", "UDP_LAT"})
    void latency(final TestKind kind) {
        final TestSpec spec = TestSpec.builder(kind).build();
        final Result r = Result.of(spec, PING, PONG);
        assertThat(r).isInstanceOf(LatencyResult.class);
        final LatencyResult lat = (LatencyResult) r;
        assertThat(lat.latencySeconds()).isEqualTo(1.0 / 43_539);
        assertThat(lat.msgRatePerSecond()).isEqualTo(43_539.0);
        assertThat(lat.localCpusUsed()).isEqualTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(lat.remoteCpusUsed()).isEqualTo(0.6, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(lat.spec().msgSizeBytes()).isEqualTo(1);
        assertThat(lat.percentileSeconds(99)).as("no distribution recorded yet").isEmpty();
        assertThatThrownBy(() -> lat.percentileSeconds(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lat.percentileSeconds(100.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = TestKind.class,
            names = {"CONF", "QUIT"})
    void confAndQuitMeasureNothing(final TestKind kind) {
        assertThatThrownBy(() -> Result.of(TestSpec.builder(kind).build(), PING, PONG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(kind.qperfName() + " measures nothing");
    }

    @Test
    void noFigureThatDoesNotApply() {
        assertThat(figures(LatencyResult.class)).noneMatch(n -> n.contains("bandwidth") || n.contains("cost"));
        assertThat(figures(BandwidthResult.class))
                .noneMatch(n -> n.contains("latency") || n.startsWith("sendband") || n.startsWith("recvband"));
        assertThat(figures(SendRecvBandwidthResult.class))
                .noneMatch(n -> n.contains("latency") || n.equals("bandwidthbytespersecond"));
        assertThat(figures(BandwidthResult.class)).contains("bandwidthbytespersecond", "sendcostsecondspergb");
        assertThat(figures(SendRecvBandwidthResult.class))
                .contains("sendbandwidthbytespersecond", "recvbandwidthbytespersecond");
    }

    @Test
    void resultTypesAreClosedAndHaveNoPublicConstructors() {
        assertThat(Result.class.isSealed()).isTrue();
        for (final Class<?> c : Result.class.getPermittedSubclasses()) {
            assertThat(Modifier.isFinal(c.getModifiers())).as(c.getSimpleName()).isTrue();
            assertThat(c.getConstructors()).as(c.getSimpleName()).isEmpty();
        }
        assertThat(TestResult.class.getConstructors()).isEmpty();
        assertThat(NodeResult.class.getConstructors()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = TestKind.class,
            names = {"TCP_BW", "UDP_BW", "TCP_LAT", "UDP_LAT"})
    void theReportOfATypedResultIsQperfsTable(final TestKind kind) {
        final TestSpec spec =
                TestSpec.builder(kind).timeSeconds(1).msgSizeBytes(1024).build();
        final Stat local = kind.isBandwidth() ? SENDER : PING;
        final Stat remote = kind.isBandwidth() ? RECEIVER : PONG;
        final OutputOptions o = OutputOptions.DEFAULT.verboseMore();
        assertThat(QperfTextFormat.formatResult(Result.of(spec, local, remote), o))
                .isEqualTo(QperfTextFormat.formatResult(kind, TestResult.of(kind, local, remote), spec.params(), o));
    }

    private static List<String> figures(final Class<?> c) {
        return Arrays.stream(c.getMethods())
                .filter(m -> m.getDeclaringClass() != Object.class)
                .map(Method::getName)
                .map(n -> n.toLowerCase(Locale.ROOT))
                .collect(Collectors.toList());
    }
}
