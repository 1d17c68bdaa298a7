package io.github.jqperf.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Everything a test kind declares, and qperf's defaults (docs/protocol.md §3.1, §5, §9.4) applied in one place. */
class TestKindTest {
    private static final Set<Param> COMMON = EnumSet.of(Param.AFFINITY, Param.TIME, Param.TIMEOUT);

    @Test
    void declarationsMatchQperfsTable() {
        assertThat(TestKind.TCP_BW.requestIndex()).isEqualTo(8);
        assertThat(TestKind.TCP_LAT.requestIndex()).isEqualTo(9);
        assertThat(TestKind.UDP_BW.requestIndex()).isEqualTo(10);
        assertThat(TestKind.UDP_LAT.requestIndex()).isEqualTo(11);
        assertThat(TestKind.CONF.requestIndex()).isZero();
        assertThat(TestKind.QUIT.requestIndex()).isEqualTo(1);
        for (final TestKind k : TestKind.values()) {
            assertThat(TestKind.qperfNameOfIndex(k.requestIndex())).isEqualTo(k.qperfName());
            assertThat(TestKind.byName(k.qperfName())).contains(k);
            assertThat(TestKind.byRequestIndex(k.requestIndex())).contains(k);
        }
    }

    @Test
    void trafficPatternAndReportStyle() {
        assertThat(TestKind.TCP_BW.trafficPattern()).isEqualTo(TrafficPattern.STREAM);
        assertThat(TestKind.UDP_BW.trafficPattern()).isEqualTo(TrafficPattern.DATAGRAM_STREAM);
        assertThat(TestKind.TCP_LAT.trafficPattern()).isEqualTo(TrafficPattern.STREAM_PING_PONG);
        assertThat(TestKind.UDP_LAT.trafficPattern()).isEqualTo(TrafficPattern.DATAGRAM_PING_PONG);
        assertThat(TestKind.CONF.trafficPattern()).isEqualTo(TrafficPattern.NONE);
        assertThat(TestKind.QUIT.trafficPattern()).isEqualTo(TrafficPattern.NONE);
        assertThat(TestKind.TCP_BW.reportStyle()).isEqualTo(ReportStyle.BANDWIDTH);
        assertThat(TestKind.UDP_BW.reportStyle()).isEqualTo(ReportStyle.BANDWIDTH_SR);
        assertThat(TestKind.TCP_LAT.reportStyle()).isEqualTo(ReportStyle.LATENCY);
        assertThat(TestKind.UDP_LAT.reportStyle()).isEqualTo(ReportStyle.LATENCY);
        assertThat(TestKind.CONF.reportStyle()).isEqualTo(ReportStyle.CONF);
        assertThat(TestKind.QUIT.reportStyle()).isEqualTo(ReportStyle.NONE);
    }

    @ParameterizedTest
    @EnumSource(TestKind.class)
    void derivedFlagsFollowThePattern(final TestKind k) {
        assertThat(k.isMeasurement())
                .isEqualTo(k.trafficPattern() != TrafficPattern.NONE)
                .isEqualTo(k.reportStyle().isMeasurement());
        assertThat(k.isUdp()).isEqualTo(k.qperfName().startsWith("udp_"));
        assertThat(k.isBandwidth()).isEqualTo(k.qperfName().endsWith("_bw"));
        assertThat(k.checksUnusedParams()).isEqualTo(k != TestKind.CONF);
        assertThat(k.params()).containsAll(COMMON);
        assertThat(k.params().contains(Param.ACCESS_RECV)).isEqualTo(k.isBandwidth());
        assertThat(k.params().contains(Param.MSG_SIZE)).isEqualTo(k.isMeasurement());
    }

    @ParameterizedTest
    @EnumSource(TestKind.class)
    void defaultsOnAnEmptySet(final TestKind k) {
        final ParamSet p = k.withDefaults(new ParamSet());
        for (final boolean remote : new boolean[] {false, true}) {
            assertThat(value(p, Param.TIME, remote)).isEqualTo(QperfDefaults.TIME_SECONDS);
            assertThat(value(p, Param.TIMEOUT, remote)).isEqualTo(QperfDefaults.TIMEOUT_SECONDS);
            assertThat(value(p, Param.MSG_SIZE, remote))
                    .isEqualTo(
                            switch (k) {
                                case TCP_BW -> 65_536;
                                case UDP_BW -> 32_768;
                                case TCP_LAT, UDP_LAT -> 1;
                                case CONF, QUIT -> 0;
                            });
        }
        for (final Param q : Param.values()) {
            assertThat(p.isSet(q)).as("defaults are not user-set: %s", q).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestKind.class)
    void noMsgsSuppressesTheDefaultTimeOnly(final TestKind k) {
        final ParamSet p = k.withDefaults(new ParamSet().set(Param.NO_MSGS, 5, "-n"));
        assertThat(p.local(Param.TIME)).isZero();
        assertThat(p.remote(Param.TIME)).isZero();
        assertThat(p.local(Param.TIMEOUT)).isEqualTo(5);
        assertThat(p.remote(Param.NO_MSGS)).isEqualTo(5);
        assertThat(p.local(Param.MSG_SIZE)).isEqualTo(k.defaultMsgSizeBytes());
        // -n and -t together: the user's time
        assertThat(k.withDefaults(new ParamSet().set(Param.NO_MSGS, 5).set(Param.TIME, 3))
                        .remote(Param.TIME))
                .isEqualTo(3);
    }

    @Test
    void noMsgsIsJudgedPerCopyAsQperfDoes() {
        final ParamSet p = TestKind.TCP_LAT.withDefaults(new ParamSet().setRemote(Param.NO_MSGS, 5));
        assertThat(p.local(Param.TIME)).isEqualTo(2);
        assertThat(p.remote(Param.TIME)).isZero();
    }

    @Test
    void userValuesWinPerCopy() {
        final ParamSet p = TestKind.UDP_BW.withDefaults(new ParamSet()
                .setRemote(Param.TIMEOUT, 7, "-rto")
                .set(Param.MSG_SIZE, 1000, "-m")
                .setLocal(Param.TIME, 9));
        assertThat(p.local(Param.TIMEOUT)).isEqualTo(5);
        assertThat(p.remote(Param.TIMEOUT)).isEqualTo(7);
        assertThat(p.local(Param.MSG_SIZE)).isEqualTo(1000);
        assertThat(p.local(Param.TIME)).isEqualTo(9);
        assertThat(p.remote(Param.TIME)).isEqualTo(2);
        assertThat(p.setBy(Param.TIME)).isEqualTo("time");
        assertThat(p.setBy(Param.TIMEOUT)).isEqualTo("-rto");
    }

    @Test
    void applyDefaultsWritesInPlaceAndWithDefaultsCopies() {
        final ParamSet p = new ParamSet();
        assertThat(TestKind.TCP_BW.withDefaults(p)).isNotSameAs(p);
        assertThat(p.local(Param.TIME)).isZero();
        assertThat(TestKind.TCP_BW.applyDefaults(p)).isSameAs(p);
        assertThat(p.local(Param.MSG_SIZE)).isEqualTo(65_536);
        // conf keeps the message size the previous test left (qperf's REQ for `tcp_bw conf` carries 65536)
        assertThat(TestKind.CONF.applyDefaults(p).remote(Param.MSG_SIZE)).isEqualTo(65_536);
        // applying twice changes nothing
        assertThat(TestKind.TCP_BW.withDefaults(TestKind.TCP_BW.withDefaults(p)))
                .isEqualTo(p);
    }

    @Test
    void msgSizeClampIsTheOnlyBufferLimit() {
        assertThat(TestKind.clampMsgSize(0)).isZero();
        assertThat(TestKind.clampMsgSize(65_536)).isEqualTo(65_536);
        assertThat(TestKind.clampMsgSize(0xFFFF_FFFFL))
                .isEqualTo(TestKind.MAX_MSG_SIZE_BYTES)
                .isEqualTo(Integer.MAX_VALUE - 8);
    }

    private static long value(final ParamSet p, final Param q, final boolean remote) {
        return remote ? p.remote(q) : p.local(q);
    }
}
