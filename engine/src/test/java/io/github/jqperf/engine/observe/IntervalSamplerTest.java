package io.github.jqperf.engine.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.result.IntervalSample;
import io.github.jqperf.engine.session.Session;
import io.github.jqperf.engine.session.StreamPingPong;
import io.github.jqperf.engine.session.StreamSender;
import io.github.jqperf.engine.spec.MeasureOptions;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Interval samples from a session driven by hand and a manual clock: no sockets, no sleeping. */
class IntervalSamplerTest {
    private static final long SECOND = 1_000_000_000L;

    private static TestSpec spec(final TestKind kind) {
        return TestSpec.of(kind, new ParamSet()).withOptions(MeasureOptions.NONE.withIntervalNanos(SECOND));
    }

    /** One ping-pong round trip of a client session: send the message, receive the whole reply. */
    private static void roundTrip(final Session s) {
        assertThat(s.sent(s.msgSize())).isEqualTo(Session.RECEIVE);
        assertThat(s.received(s.msgSize())).isEqualTo(Session.SEND);
    }

    @Test
    void latencySamplesCountTheIntervalAndThePercentilesSoFar() {
        final StreamPingPong s = new StreamPingPong(true, 1);
        s.begin(into -> {});
        final RoundTripRecorder r = RoundTripRecorder.sampled();
        final List<IntervalSample> told = new ArrayList<>();
        final IntervalSampler sampler = new IntervalSampler(spec(TestKind.TCP_LAT), s, r, SECOND, told::add, () -> 0);
        sampler.begin(0);
        r.start(0);
        long t = 0;
        for (int i = 0; i < 3; i++) {
            roundTrip(s);
            r.roundTrip(t += 20_000); // 10 us one way
        }
        final IntervalSample first = sampler.sampleAt(SECOND);
        for (int i = 0; i < 2; i++) {
            roundTrip(s);
            r.roundTrip(t += 200_000); // 100 us one way
        }
        final IntervalSample second = sampler.sampleAt(2 * SECOND);

        assertThat(told).containsExactly(first, second);
        assertThat(first.startNanos()).isZero();
        assertThat(first.endNanos()).isEqualTo(SECOND);
        assertThat(first.sentMsgs()).isEqualTo(3);
        assertThat(first.receivedMsgs()).isEqualTo(3);
        assertThat(first.receivedBytes()).isEqualTo(3);
        assertThat(first.latencyP50Seconds().getAsDouble()).isCloseTo(10e-6, org.assertj.core.data.Offset.offset(1e-8));
        assertThat(second.startNanos()).isEqualTo(SECOND);
        assertThat(second.receivedMsgs()).isEqualTo(2);
        // so far: 3 x 10 us, 2 x 100 us
        assertThat(second.latencyP50Seconds().getAsDouble())
                .isCloseTo(10e-6, org.assertj.core.data.Offset.offset(1e-8));
        assertThat(second.latencyP99Seconds().getAsDouble())
                .isCloseTo(100e-6, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(sampler.samples()).containsExactly(first, second);
        assertThat(r.total().getTotalCount()).isEqualTo(5);
    }

    @Test
    void bandwidthSamplesHaveNoLatencyAndStopTakesThePartialInterval() {
        final StreamSender s = new StreamSender(1000, false);
        s.begin(into -> {});
        final AtomicLong now = new AtomicLong();
        final IntervalSampler sampler = new IntervalSampler(spec(TestKind.TCP_BW), s, null, SECOND, x -> {}, now::get);
        sampler.begin(0);
        s.sent(1000);
        s.sent(1000);
        sampler.sampleAt(SECOND);
        s.sent(1000);
        now.set(SECOND + SECOND / 2);
        sampler.stop();
        sampler.stop(); // idempotent
        final List<IntervalSample> all = sampler.samples();
        assertThat(all).hasSize(2);
        assertThat(all.get(0).sentBytes()).isEqualTo(2000);
        assertThat(all.get(0).latencyP50Seconds()).isEmpty();
        assertThat(all.get(1).sentBytes()).isEqualTo(1000);
        assertThat(all.get(1).seconds()).isEqualTo(0.5);
    }

    @Test
    void aThrowingSinkDoesNotStopSampling() {
        final StreamSender s = new StreamSender(10, false);
        s.begin(into -> {});
        final IntervalSampler sampler = new IntervalSampler(
                spec(TestKind.TCP_BW),
                s,
                null,
                SECOND,
                x -> {
                    throw new IllegalStateException("listener bug");
                },
                () -> 0);
        sampler.begin(0);
        sampler.sampleAt(SECOND);
        sampler.sampleAt(2 * SECOND);
        assertThat(sampler.samples()).hasSize(2);
    }

    @Test
    void aRunThatNeverStartedHasNoSample() {
        final StreamSender s = new StreamSender(10, false);
        final List<IntervalSample> told = new ArrayList<>();
        final IntervalSampler sampler =
                new IntervalSampler(spec(TestKind.TCP_BW), s, null, SECOND, told::add, () -> 5 * SECOND);
        sampler.stop();
        assertThat(told).isEmpty();
        assertThat(sampler.samples()).isEmpty();
    }

    @Test
    void anEmptyTailIsNoSample() {
        final StreamSender s = new StreamSender(10, false);
        s.begin(into -> {});
        final AtomicLong now = new AtomicLong();
        final IntervalSampler sampler = new IntervalSampler(spec(TestKind.TCP_BW), s, null, SECOND, x -> {}, now::get);
        sampler.begin(0);
        s.sent(10);
        sampler.sampleAt(SECOND);
        now.set(SECOND + SECOND / 10); // 100 ms after the last sample, nothing counted
        sampler.stop();
        assertThat(sampler.samples()).hasSize(1);
    }
}
