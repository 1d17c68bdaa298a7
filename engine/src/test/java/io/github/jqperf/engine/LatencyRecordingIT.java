package io.github.jqperf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.result.IntervalSample;
import io.github.jqperf.engine.result.LatencyDistribution;
import io.github.jqperf.engine.result.LatencyResult;
import io.github.jqperf.engine.result.Result;
import io.github.jqperf.engine.result.TestResult;
import io.github.jqperf.engine.spec.MeasureOptions;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Round-trip timing through the engine on loopback (docs/latency.md), in every data-path mode and on NIO: one
 * recorded round trip per reply, a mean that agrees with qperf's {@code latency}, nothing recorded unless asked,
 * interval samples to the listener and into the result.
 */
@Timeout(120)
class LatencyRecordingIT {
    private static final MeasureOptions RECORD = MeasureOptions.NONE.withLatencyRecording(true);

    private static ParamSet oneSecond() {
        return new ParamSet().set(Param.TIME, 1, "-t");
    }

    private static void assertRecorded(final TestKind kind, final Measurement m) {
        final LatencyDistribution d = m.observed().latency().orElseThrow();
        final long replies = m.local().r().msgs();
        assertThat(replies).as(kind + " replies").isPositive();
        // every reply that completed a round trip is one value (a reply counted after the deadline is not)
        assertThat(d.count()).as(kind + " recorded vs replies").isBetween(replies - 1, replies);
        assertThat(d.minSeconds()).isPositive();
        assertThat(d.p50Seconds()).isLessThanOrEqualTo(d.p99Seconds());
        assertThat(d.p99Seconds()).isLessThanOrEqualTo(d.maxSeconds());
        // the round trips are timed back to back: their mean is qperf's latency (run time / messages both ways)
        final double qperf = TestResult.of(kind, m.local(), m.remote()).latencySeconds();
        assertThat(d.meanSeconds()).as(kind + " mean vs qperf's latency").isCloseTo(qperf, withinPercent(15));
        assertThat(d.histogram().getStartTimeStamp()).isPositive();
    }

    private static org.assertj.core.data.Percentage withinPercent(final double p) {
        return org.assertj.core.data.Percentage.withPercentage(p);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = DataPathMode.class,
            names = {"BLOCK", "EPOLL"})
    void everyRoundTripIsRecorded(final DataPathMode mode) {
        try (QperfServer s = QperfServer.start(ServerConfig.defaults().withListenPort(0));
                QperfClient c = new QperfClient(
                        ClientConfig.of("127.0.0.1").withListenPort(s.port()).withPollMode(mode))) {
            for (final TestKind kind : List.of(TestKind.TCP_LAT, TestKind.UDP_LAT)) {
                assertRecorded(kind, c.measure(kind, oneSecond(), RECORD));
            }
        }
    }

    @Test
    void nioRecordsToo() {
        try (QperfServer s = QperfServer.start(ServerConfig.defaults().withListenPort(0));
                QperfClient c = new QperfClient(
                        ClientConfig.of("127.0.0.1").withListenPort(s.port()).withAllowEpoll(false))) {
            assertRecorded(TestKind.TCP_LAT, c.measure(TestKind.TCP_LAT, oneSecond(), RECORD));
        }
    }

    @Test
    void nothingIsRecordedUnlessAsked() {
        try (QperfServer s = QperfServer.start(ServerConfig.defaults().withListenPort(0));
                QperfClient c = new QperfClient(ClientConfig.of("127.0.0.1").withListenPort(s.port()))) {
            final Measurement m = c.measure(TestKind.TCP_LAT, oneSecond());
            assertThat(m.observed().latency()).isEmpty();
            assertThat(m.observed().intervals()).isEmpty();
            // a bandwidth test has no round trips, even when asked
            assertThat(c.measure(TestKind.TCP_BW, oneSecond(), RECORD)
                            .observed()
                            .latency())
                    .isEmpty();
        }
    }

    @Test
    void intervalsGoToTheListenerAndIntoTheResult() {
        final List<IntervalSample> heard = new CopyOnWriteArrayList<>();
        final TestListener listener = new TestListener() {
            @Override
            public void onInterval(final IntervalSample sample) {
                heard.add(sample);
            }
        };
        try (QperfServer s = QperfServer.start(ServerConfig.defaults().withListenPort(0));
                QperfClient c = new QperfClient(
                        ClientConfig.of("127.0.0.1").withListenPort(s.port()).withListener(listener))) {
            final TestSpec spec = TestSpec.of(TestKind.TCP_LAT, new ParamSet().set(Param.TIME, 2, "-t"))
                    .withOptions(MeasureOptions.NONE.withIntervalNanos(500_000_000L));
            final Result r = c.run(spec);
            final List<IntervalSample> kept = r.observations().intervals();
            assertThat(kept).hasSizeBetween(4, 5).isEqualTo(heard);
            assertThat(kept.get(0).startNanos()).isZero();
            assertThat(kept.get(0).endNanos()).isEqualTo(500_000_000L);
            long replies = 0;
            for (final IntervalSample i : kept) {
                replies += i.receivedMsgs();
                assertThat(i.latencyP50Seconds()).isPresent();
                assertThat(i.latencyP50Seconds().getAsDouble())
                        .isLessThanOrEqualTo(i.latencyP99Seconds().getAsDouble());
            }
            // the samples add up to the client's count (the last one is taken after the run ended)
            assertThat(replies).isEqualTo(r.localStat().r().msgs());
            // intervals on a latency test time the round trips: percentiles are there too
            assertThat(((LatencyResult) r).percentileSeconds(99)).isPresent();

            final Result bw = c.run(TestSpec.of(TestKind.TCP_BW, oneSecond())
                    .withOptions(MeasureOptions.NONE.withIntervalNanos(250_000_000L)));
            final List<IntervalSample> bwIntervals = bw.observations().intervals();
            assertThat(bwIntervals).hasSizeBetween(4, 5);
            assertThat(bwIntervals).allMatch(i -> i.latencyP50Seconds().isEmpty());
            assertThat(bwIntervals.stream().mapToLong(IntervalSample::sentBytes).sum())
                    .isEqualTo(bw.localStat().s().bytes());
        }
    }
}
