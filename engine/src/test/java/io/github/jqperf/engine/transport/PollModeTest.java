package io.github.jqperf.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import org.junit.jupiter.api.Test;

/** The select strategies of {@link PollMode}, driven with a scripted "epoll_wait(0)" (no sockets, no clock asserts). */
class PollModeTest {
    /** Counts calls; returns {@code ready} on every call. */
    private static final class FakeSelectNow implements IntSupplier {
        int calls;
        int ready;

        @Override
        public int get() {
            calls++;
            return ready;
        }
    }

    private static SelectStrategy strategy(final PollMode mode, final PollMode.SpinSwitch spin) {
        return mode.strategyFactory(spin).newSelectStrategy();
    }

    @Test
    void shouldBlockWithoutPollingWhenSpinningIsOff() throws Exception {
        final FakeSelectNow now = new FakeSelectNow();
        final PollMode.SpinSwitch spin = new PollMode.SpinSwitch();
        for (final PollMode mode : PollMode.values()) {
            assertThat(strategy(mode, spin).calculateStrategy(now, false))
                    .as(mode.name())
                    .isEqualTo(SelectStrategy.SELECT);
        }
        assertThat(now.calls).isZero();
    }

    @Test
    void shouldPollOnceWhenTasksArePending() throws Exception {
        final FakeSelectNow now = new FakeSelectNow();
        now.ready = 3;
        final PollMode.SpinSwitch spin = new PollMode.SpinSwitch();
        spin.set(true);
        for (final PollMode mode : PollMode.values()) {
            assertThat(strategy(mode, spin).calculateStrategy(now, true)).isEqualTo(3);
        }
        assertThat(now.calls).isEqualTo(PollMode.values().length);
    }

    @Test
    void shouldBusyWaitOnlyWhileALatencyTestRuns() throws Exception {
        final PollMode.SpinSwitch spin = new PollMode.SpinSwitch();
        final SelectStrategy busy = strategy(PollMode.BUSY_POLL, spin);
        assertThat(busy.calculateStrategy(new FakeSelectNow(), false)).isEqualTo(SelectStrategy.SELECT);
        spin.set(true);
        assertThat(busy.calculateStrategy(new FakeSelectNow(), false)).isEqualTo(SelectStrategy.BUSY_WAIT);
    }

    @Test
    void shouldReturnReadyEventsFoundWhileSpinning() throws Exception {
        final PollMode.SpinSwitch spin = new PollMode.SpinSwitch();
        spin.set(true);
        final FakeSelectNow now = new FakeSelectNow();
        now.ready = 1;
        assertThat(strategy(PollMode.SPIN_THEN_BLOCK, spin).calculateStrategy(now, false))
                .isEqualTo(1);
        assertThat(now.calls).isEqualTo(1);
    }

    @Test
    void shouldPauseSpinningAfterFruitlessSpins() throws Exception {
        final PollMode.SpinSwitch spin = new PollMode.SpinSwitch();
        spin.set(true);
        final SelectStrategy s = strategy(PollMode.SPIN_THEN_BLOCK, spin);
        final FakeSelectNow now = new FakeSelectNow();
        for (int i = 0; i < PollMode.MAX_FAILED_SPINS; i++) {
            assertThat(s.calculateStrategy(now, false)).isEqualTo(SelectStrategy.SELECT);
        }
        final int polledWhileSpinning = now.calls;
        assertThat(polledWhileSpinning).isGreaterThanOrEqualTo(PollMode.MAX_FAILED_SPINS);
        // paused: the next waits block at once, without polling
        for (int i = 0; i < PollMode.PAUSE_WAITS; i++) {
            assertThat(s.calculateStrategy(now, false)).isEqualTo(SelectStrategy.SELECT);
        }
        assertThat(now.calls).isEqualTo(polledWhileSpinning);
        // then it probes again
        s.calculateStrategy(now, false);
        assertThat(now.calls).isGreaterThan(polledWhileSpinning);
    }
}
