package io.github.jqperf.engine.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import io.github.jqperf.engine.testutil.StatBuilder;
import org.junit.jupiter.api.Test;

/** {@link Loss}: datagrams sent but not received, from the two STATs. */
class LossTest {
    @Test
    void shouldBeTheShareOfSentDatagramsNotReceived() {
        assertThat(Loss.fraction(10_000, 9_988).getAsDouble()).isCloseTo(0.0012, within(1e-15));
        assertThat(Loss.fraction(1, 0).getAsDouble()).isEqualTo(1.0);
        assertThat(Loss.fraction(5, 5).getAsDouble()).isZero();
    }

    @Test
    void shouldBeUndefinedWhenNothingWasSent() {
        assertThat(Loss.fraction(0, 0)).isEmpty();
        assertThat(Loss.fraction(0, 7)).isEmpty();
    }

    @Test
    void shouldBeZeroWhenMoreWasReceivedThanSent() {
        // a datagram that left just before the deadline: received, but not counted as sent
        assertThat(Loss.fraction(100, 101).getAsDouble()).isZero();
    }

    @Test
    void shouldReadTheCountersAsUnsigned() {
        final long huge = -2L; // 2^64 - 2
        assertThat(Loss.fraction(huge, 0).getAsDouble()).isEqualTo(1.0);
        assertThat(Loss.fraction(huge, huge).getAsDouble()).isZero();
        assertThat(Loss.fraction(10, huge).getAsDouble())
                .as("received >= sent, unsigned")
                .isZero();
    }

    @Test
    void shouldComeFromTheClientsSentAndTheServersReceivedMessages() {
        final Stat client =
                StatBuilder.node().real(200).sent(32768L * 4000, 4000).build();
        final Stat server =
                StatBuilder.node().real(200).received(32768L * 3990, 3990).build();
        final Result r =
                Result.of(TestSpec.of(TestKind.UDP_BW, TestKind.UDP_BW.withDefaults(new ParamSet())), client, server);
        assertThat(((SendRecvBandwidthResult) r).lossFraction().getAsDouble()).isCloseTo(0.0025, within(1e-15));
        assertThat(Loss.of(client, server).getAsDouble()).isCloseTo(0.0025, within(1e-15));
    }
}
