package io.github.jqperf.engine.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.jqperf.engine.spec.PacingRate;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Pacer} on a {@link ManualClock}: long-run rate, exact schedule, bounded bursts, no allocation. */
class PacerTest {
    private static final long START_NS = 123_456_789L;

    /**
     * A sender that pays {@code sendCostNs} per message and wakes up to {@code maxOvershootNs} late: after
     * {@code messages} messages its rate is within 1 % of the target.
     */
    @ParameterizedTest(name = "{0} bit/s, {1} B, send {2} ns, overshoot {3} ns")
    @CsvSource({
        "1000000,      1024,   1000, 60000",
        "1000000,      64,     1000, 60000",
        "50000000,     1024,   1000, 60000",
        "50000000,     1472,   2000, 100000",
        "500000000,    1024,   1000, 60000",
        "1500000000,   8972,   3000, 60000",
        "1000000000,   65507,  5000, 150000",
        "10000000000,  1472,    200, 60000",
        "3000000,      1472,      0, 0",
        "1000000000000, 65507,    0, 0",
    })
    void shouldHoldTheTargetRateWithinOnePercentDespiteLateWakeUps(
            final long rateBitsPerSec, final int msgSize, final long sendCostNs, final long maxOvershootNs) {
        final ManualClock clock = new ManualClock(START_NS, maxOvershootNs, 42);
        final Pacer pacer = Pacer.withDefaultBurst(rateBitsPerSec, msgSize, START_NS);
        final int messages = 200_000;
        long first = 0;
        long last = 0;
        for (int i = 0; i < messages; i++) {
            final long at = pacer.acquire(clock, clock);
            if (i == 0) {
                first = at;
            }
            last = at;
            clock.advance(sendCostNs);
        }
        final double elapsedSec = (last - first + pacer.intervalNs()) / 1e9;
        final double achieved = (double) messages * msgSize * 8 / elapsedSec;
        assertThat(achieved / rateBitsPerSec).as("achieved/target").isCloseTo(1.0, within(0.01));
    }

    @Test
    void shouldSendOnTheExactRationalScheduleWithoutDrift() {
        // 1472 B at 3 Mbit/s: 3,925,333.33... ns between messages; message k goes at start + floor(k * 11776e9 / 3e6)
        final long rate = 3_000_000;
        final int size = 1472;
        final ManualClock clock = new ManualClock(START_NS, 0, 1);
        final Pacer pacer = new Pacer(rate, size, 1, START_NS);
        final BigInteger bitNs = BigInteger.valueOf(size * 8L * 1_000_000_000L);
        for (int k = 0; k < 300_000; k++) {
            final long at = pacer.acquire(clock, clock);
            final long expected = START_NS
                    + BigInteger.valueOf(k)
                            .multiply(bitNs)
                            .divide(BigInteger.valueOf(rate))
                            .longValueExact();
            if (at != expected) {
                assertThat(at).as("send time of message %d", k).isEqualTo(expected);
            }
        }
        // after 300,000 messages (about 1,178 s of virtual time) the schedule is still exact to the nanosecond
        assertThat(clock.idleCalls()).isEqualTo(299_999);
    }

    @Test
    void shouldGrantOnePermitAtStartThenAskToWaitOneInterval() {
        final Pacer pacer = new Pacer(8_000_000, 1000, 4, 0); // 1 ms per message
        assertThat(pacer.tryAcquire(-5)).isEqualTo(5);
        assertThat(pacer.tryAcquire(0)).isZero();
        assertThat(pacer.tryAcquire(0)).isEqualTo(1_000_000);
        assertThat(pacer.tryAcquire(999_999)).isEqualTo(1);
        assertThat(pacer.tryAcquire(1_000_000)).isZero();
        assertThat(pacer.intervalNs()).isEqualTo(1_000_000);
    }

    @Test
    void shouldCapTheCatchUpAfterAStallAtTheBurst() {
        final Pacer pacer = new Pacer(8_000_000, 1000, 4, 0);
        assertThat(pacer.tryAcquire(0)).isZero();
        final long late = 1_000_000_000L; // a 1 s stall: 1,000 intervals of credit, of which 4 messages survive
        int burst = 0;
        while (pacer.tryAcquire(late) == 0) {
            burst++;
        }
        assertThat(burst).isEqualTo(4);
        assertThat(pacer.tryAcquire(late)).isEqualTo(1_000_000);
    }

    @Test
    void shouldNeverExceedBurstPlusTheRateInAnyWindow() {
        final long rate = 50_000_000;
        final int size = 1024;
        final ManualClock clock = new ManualClock(START_NS, 400_000, 7); // wake-ups up to 400 us late
        final Pacer pacer = Pacer.withDefaultBurst(rate, size, START_NS);
        final int n = 50_000;
        final long[] at = new long[n];
        for (int i = 0; i < n; i++) {
            at[i] = pacer.acquire(clock, clock);
        }
        final long intervalNs = pacer.intervalNs() + 1;
        for (final long windowNs : new long[] {1, 100_000, 1_000_000, 10_000_000}) {
            final long bound = pacer.burstMsgs() + windowNs / intervalNs + 1;
            int lo = 0;
            for (int hi = 0; hi < n; hi++) {
                while (at[hi] - at[lo] >= windowNs) {
                    lo++;
                }
                if (hi - lo + 1 > bound) {
                    assertThat(hi - lo + 1)
                            .as("messages in a %d ns window ending at #%d", windowNs, hi)
                            .isLessThanOrEqualTo((int) bound);
                }
            }
        }
    }

    @Test
    void shouldSizeTheDefaultBurstToCoverAboutTwoHundredMicroseconds() {
        assertThat(Pacer.defaultBurstMsgs(1_000_000, 1024)).isEqualTo(2);
        assertThat(Pacer.defaultBurstMsgs(50_000_000, 1024)).isEqualTo(3); // 163.84 us interval
        assertThat(Pacer.defaultBurstMsgs(1_000_000_000, 1024)).isEqualTo(26); // 8.192 us
        assertThat(Pacer.defaultBurstMsgs(1_000_000_000_000L, 64)).isEqualTo(Pacer.MAX_DEFAULT_BURST_MSGS);
        assertThat(Pacer.burstMsgsFor(50_000_000, 1024, 5_000_000)).isEqualTo(32);
        assertThat(Pacer.burstMsgsFor(50_000_000, 1024, 0)).isEqualTo(2);
        assertThat(Pacer.withBurstWindow(50_000_000, 1024, 1_000_000, 0).burstMsgs())
                .isEqualTo(8);
    }

    @Test
    void shouldNotAllocatePerPermit() {
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final ManualClock clock = new ManualClock(START_NS, 50_000, 3);
        final Pacer pacer = Pacer.withDefaultBurst(100_000_000, 1472, START_NS);
        long sink = 0;
        for (int i = 0; i < 200_000; i++) { // warm up (JIT)
            sink += pacer.acquire(clock, clock);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000_000; i++) {
            sink += pacer.acquire(clock, clock) + pacer.tryAcquire(clock.nanoTime());
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sink).isNotZero();
        assertThat(allocated).as("bytes allocated by 2,000,000 pacer calls").isLessThan(1024);
    }

    @Test
    void shouldRejectOutOfRangeArguments() {
        assertThatThrownBy(() -> new Pacer(0, 1024, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pacer(PacingRate.MAX_BITS_PER_SEC + 1, 1024, 2, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pacer(1000, 0, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pacer(1000, Pacer.MAX_MSG_SIZE_BYTES + 1, 2, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pacer(1000, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParkOrSpinWait(10, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParkOrSpinWait(10, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepExtremeRatesAndSizesExact() {
        // 1 Tbit/s of 1-byte messages: 0.008 ns each, the clock advances 1 ns every 125 permits
        final Pacer fast = new Pacer(PacingRate.MAX_BITS_PER_SEC, 1, 1, 0);
        int granted = 0;
        while (fast.tryAcquire(0) == 0) {
            granted++;
        }
        assertThat(granted).isEqualTo(125);
        // 1 bit/s of 64 MiB messages: 536,870,912 s between messages, no overflow
        final Pacer slow = new Pacer(1, Pacer.MAX_MSG_SIZE_BYTES, 1024, 0);
        assertThat(slow.tryAcquire(0)).isZero();
        assertThat(slow.tryAcquire(0)).isEqualTo(Pacer.MAX_MSG_SIZE_BYTES * 8L * 1_000_000_000L);
    }
}
