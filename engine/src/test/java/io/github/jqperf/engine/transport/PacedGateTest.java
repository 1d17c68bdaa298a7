package io.github.jqperf.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.pacing.NanoClock;
import io.github.jqperf.engine.pacing.Pacer;
import io.github.jqperf.engine.pacing.WaitStrategy;
import io.github.jqperf.engine.session.StreamSender;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The paced sender's wait on a manual clock: the schedule, the stop, the capped idle, the strategy, no allocation. */
class PacedGateTest {
    private static final long START = 1_000_000_000L;

    /** A clock that moves only when the sender idles (by the wait plus a fixed overshoot). */
    private static final class Manual implements NanoClock, WaitStrategy {
        long now = START;
        long overshoot;
        final List<Long> idles = new ArrayList<>();
        Runnable onIdle = () -> {};

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void idle(final long waitNs) {
            idles.add(waitNs);
            onIdle.run();
            now += waitNs + overshoot;
        }
    }

    private static PacedGate gate(final Manual m, final long rate, final int size, final int burst) {
        return new PacedGate(
                new Pacer(rate, size, PacedGate.debtMsgs(rate, size), START),
                new Pacer(rate * PacedGate.CATCH_UP_FACTOR, size, burst, START),
                m,
                m,
                Thread.currentThread());
    }

    @Test
    void shouldLetTheFirstMessageGoAtOnceThenWaitOneIntervalPerMessage() {
        final Manual m = new Manual();
        // 200 Mbit/s of 32 KiB datagrams (udp_bw's default): 1,310,720 ns apart
        final PacedGate g = gate(m, 200_000_000, 32 * 1024, 2);
        final StreamSender s = new StreamSender(32 * 1024, true);
        final List<Long> sendTimes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(g.await(s)).isTrue();
            sendTimes.add(m.now);
        }
        assertThat(sendTimes.get(0)).isEqualTo(START);
        assertThat(m.idles).hasSize(999).allMatch(w -> w == 1_310_720L);
        final double seconds = (sendTimes.get(999) - START + 1_310_720L) / 1e9;
        assertThat(1000 * 32 * 1024 * 8 / seconds / 200_000_000.0)
                .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void shouldCatchUpOnLateWakeUpsSoTheRateHolds() {
        final Manual m = new Manual();
        m.overshoot = 700_000; // every park wakes 0.7 ms late
        final long rate = 200_000_000;
        final int size = 32 * 1024;
        final PacedGate g = gate(m, rate, size, PacedGate.burstMsgs(rate, size));
        final StreamSender s = new StreamSender(size, true);
        for (int i = 0; i < 10_000; i++) {
            assertThat(g.await(s)).isTrue();
        }
        final double seconds = (m.now - START) / 1e9;
        assertThat(10_000.0 * size * 8 / seconds / rate).isBetween(0.99, 1.01);
    }

    @Test
    void shouldRepayAStallAtTwiceTheRateWithoutALargeBurst() {
        final Manual m = new Manual();
        final long rate = 200_000_000;
        final int size = 32 * 1024;
        final long interval = 1_310_720;
        final PacedGate g = gate(m, rate, size, PacedGate.burstMsgs(rate, size));
        final StreamSender s = new StreamSender(size, true);
        assertThat(g.await(s)).isTrue();
        m.now += 100_000_000; // the scheduler kept the sender off the CPU for 100 ms: 76 messages owed
        final List<Long> times = new ArrayList<>();
        final long end = m.now + 900_000_000;
        while (m.now < end) {
            assertThat(g.await(s)).isTrue();
            times.add(m.now);
        }
        // 1 s after the start, the sender has sent what 200 Mbit/s allows (within a message)
        assertThat(times.size() + 1).isBetween(761, 764);
        // the bucket's messages back to back, no more
        final long atOnce = times.stream().filter(t -> t.equals(times.get(0))).count();
        assertThat(atOnce).isEqualTo(PacedGate.burstMsgs(rate, size));
        // then never faster than twice the rate
        for (int i = (int) atOnce; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).isGreaterThanOrEqualTo(interval / 2);
        }
    }

    @Test
    void shouldForgetLatenessBeyondTheDebtWindow() {
        final Manual m = new Manual();
        final PacedGate g = gate(m, 200_000_000, 32 * 1024, 8);
        final StreamSender s = new StreamSender(32 * 1024, true);
        assertThat(g.await(s)).isTrue();
        m.now += 3_000_000_000L; // a 3 s stall: only 0.5 s of it is owed
        int sent = 0;
        final long end = m.now + 1_000_000_000L;
        while (m.now < end) {
            assertThat(g.await(s)).isTrue();
            sent++;
        }
        // 1 s at 200 Mbit/s (763) plus 0.5 s owed (381), repaid at twice the rate within that second
        assertThat(sent).isBetween(1140, 1150);
    }

    @Test
    void shouldReturnFalseWhenTheRunEndsWhileWaiting() {
        final Manual m = new Manual();
        final PacedGate g = gate(m, 1_000_000, 1000, 2);
        final StreamSender s = new StreamSender(1000, true);
        assertThat(g.await(s)).isTrue(); // the first permit is immediate
        m.onIdle = s::expire; // the deadline comes during the next wait
        assertThat(g.await(s)).isFalse();
        assertThat(s.sent(0)).as("the session then says DONE").isEqualTo(StreamSender.DONE);
    }

    @Test
    void shouldNeverIdleLongerThanTheCapBetweenTwoChecks() {
        final Manual m = new Manual();
        // 1 bit/s of 64 KiB messages: 524,288 s between messages
        final PacedGate g = gate(m, 1, 64 * 1024, 2);
        final StreamSender s = new StreamSender(64 * 1024, true);
        assertThat(g.await(s)).isTrue();
        final int[] calls = {0};
        m.onIdle = () -> {
            if (++calls[0] == 5) {
                s.expire();
            }
        };
        assertThat(g.await(s)).isFalse();
        assertThat(m.idles).hasSize(5).allMatch(w -> w == PacedGate.MAX_IDLE_NS);
    }

    @Test
    void shouldSpinOnlyTheEndOfLongIntervalsAndNeverSpinShortOnes() {
        assertThat(PacedGate.waitFor(1_310_720).spinNs()).isEqualTo(PacedGate.SPIN_NS);
        assertThat(PacedGate.waitFor(4 * PacedGate.SPIN_NS).spinNs()).isEqualTo(PacedGate.SPIN_NS);
        assertThat(PacedGate.waitFor(4 * PacedGate.SPIN_NS - 1).spinNs()).isZero();
        assertThat(PacedGate.waitFor(56_000).spinNs())
                .as("1400 B at 200 Mbit/s: park only")
                .isZero();
    }

    @Test
    void shouldBoundTheBurstByTimeAndBytes() {
        // 200 Mbit/s, 32 KiB: 10 ms would be 9 messages, 256 KiB allows 8
        assertThat(PacedGate.burstMsgs(200_000_000, 32 * 1024)).isEqualTo(8);
        // 50 Mbit/s, 32 KiB: 5.2 ms apart, 10 ms covers 2 more
        assertThat(PacedGate.burstMsgs(50_000_000, 32 * 1024)).isEqualTo(3);
        // 1 Mbit/s: at least 2
        assertThat(PacedGate.burstMsgs(1_000_000, 32 * 1024)).isEqualTo(2);
        // 64 KiB messages: 256 KiB is 4, at least 2 anyway
        assertThat(PacedGate.burstMsgs(10_000_000_000L, 65_507)).isEqualTo(4);
        assertThat(PacedGate.burstMsgs(10_000_000_000L, 1 << 20)).isEqualTo(2);
    }

    @Test
    void shouldNotAllocatePerMessage() {
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final Manual m = new Manual();
        m.idles.add(0L);
        final WaitStrategy advance = w -> m.now += w + 1000;
        final PacedGate g = new PacedGate(
                new Pacer(100_000_000, 1472, 4, START),
                new Pacer(200_000_000, 1472, 4, START),
                m,
                advance,
                Thread.currentThread());
        final StreamSender s = new StreamSender(1472, true);
        int sent = 0;
        for (int i = 0; i < 200_000; i++) { // warm up (JIT)
            sent += g.await(s) ? 1 : 0;
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000_000; i++) {
            sent += g.await(s) ? 1 : 0;
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sent).isEqualTo(1_200_000);
        assertThat(allocated).as("bytes allocated by 1,000,000 paced sends").isLessThan(1024);
    }
}
