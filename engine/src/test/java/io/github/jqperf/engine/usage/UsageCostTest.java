package io.github.jqperf.engine.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link UsageCost}: the delta arithmetic on fixed snapshots. */
class UsageCostTest {
    private static final long A = UsageSnapshot.ABSENT;

    private static UsageSnapshot cgroup(
            final long cpuNs,
            final long userNs,
            final long systemNs,
            final long periods,
            final long throttled,
            final long throttledNs,
            final long memNow,
            final long memPeak,
            final String... notes) {
        return new UsageSnapshot(
                Scope.CGROUP,
                cpuNs,
                userNs,
                systemNs,
                periods,
                throttled,
                throttledNs,
                50_000,
                100_000,
                memNow,
                memPeak,
                UsageSnapshot.UNLIMITED,
                List.of(notes));
    }

    @Test
    void shouldComputeCpusUsedCostPerGbAndThrottlingOverAnInterval() {
        final UsageSnapshot before =
                cgroup(1_000_000_000L, 700_000_000L, 300_000_000L, 100, 10, 50_000_000L, 10_000_000, 12_000_000);
        final UsageSnapshot after =
                cgroup(2_000_000_000L, 1_400_000_000L, 600_000_000L, 120, 25, 800_000_000L, 11_000_000, 30_000_000);
        // 1 CPU second over 2 s while 2.5e9 bytes were sent and 0.5e9 received
        final UsageCost c = UsageCost.between(before, after, 2_000_000_000L, 2_500_000_000L, 500_000_000L);
        assertThat(c.scope()).isEqualTo(Scope.CGROUP);
        assertThat(c.cpuNs()).isEqualTo(1_000_000_000L);
        assertThat(c.userNs()).isEqualTo(700_000_000L);
        assertThat(c.systemNs()).isEqualTo(300_000_000L);
        assertThat(c.cpusUsed()).isEqualTo(0.5);
        assertThat(c.secPerGB()).isCloseTo(1.0 / 3.0, within(1e-12));
        assertThat(c.nrPeriods()).isEqualTo(20);
        assertThat(c.nrThrottled()).isEqualTo(15);
        assertThat(c.throttledFraction()).isEqualTo(0.75);
        assertThat(c.throttledNs()).isEqualTo(750_000_000L);
        assertThat(c.cpuLimitCpus()).isEqualTo(0.5);
        assertThat(c.memoryCurrentBytes()).isEqualTo(11_000_000);
        assertThat(c.memoryPeakBytes()).isEqualTo(30_000_000);
        assertThat(c.notes()).isEmpty();
    }

    @Test
    void shouldMatchQperfsCostUnitSecondsPerGigabyte() {
        // qperf-protocol.md's worked example: recv_cost 2.01 s x 10^9 / 851,308,544 B -> 2.36 sec/GB
        final UsageSnapshot before = new UsageSnapshot(Scope.SYSTEM, 0, 0, 0, A, A, A, A, A, A, A, A, List.of());
        final UsageSnapshot after =
                new UsageSnapshot(Scope.SYSTEM, 2_010_000_000L, 0, 0, A, A, A, A, A, A, A, A, List.of());
        final UsageCost c = UsageCost.between(before, after, 1_000_000_000L, 0, 851_308_544L);
        assertThat(c.secPerGB()).isCloseTo(2.36, within(0.005));
        assertThat(c.cpusUsed()).isEqualTo(2.01);
    }

    @Test
    void shouldLeaveAbsentInputsAbsentAndRatiosNaN() {
        final UsageSnapshot before = cgroup(A, A, A, A, A, A, A, A);
        final UsageSnapshot after = cgroup(A, A, A, A, A, A, A, A);
        final UsageCost c = UsageCost.between(before, after, 1_000, 10, 10);
        assertThat(c.cpuNs()).isEqualTo(A);
        assertThat(c.cpusUsed()).isNaN();
        assertThat(c.secPerGB()).isNaN();
        assertThat(c.nrThrottled()).isEqualTo(A);
        assertThat(c.throttledFraction()).isNaN();
        assertThat(c.memoryPeakBytes()).isEqualTo(A);
    }

    @Test
    void shouldGiveNaNCostWhenNoBytesMoved() {
        final UsageCost c = UsageCost.between(cgroup(0, 0, 0, 0, 0, 0, 0, 0), cgroup(5, 5, 0, 0, 0, 0, 0, 0), 10, 0, 0);
        assertThat(c.cpusUsed()).isEqualTo(0.5);
        assertThat(c.secPerGB()).isNaN();
    }

    @Test
    void shouldNoteACounterThatWentBackwardsAndMergeNotesWithoutRepeats() {
        final UsageSnapshot before = cgroup(9_000, 0, 0, 0, 0, 0, 0, 0, "same note");
        final UsageSnapshot after = cgroup(1_000, 0, 0, 0, 0, 0, 0, 0, "same note", "new note");
        final UsageCost c = UsageCost.between(before, after, 1_000, 0, 0);
        assertThat(c.cpuNs()).isEqualTo(A);
        assertThat(c.notes())
                .containsExactly("same note", "new note", "cpu: counter went backwards (9000 -> 1000): source reset?");
    }

    @Test
    void shouldTimeTwoSamplesByTheirOwnClockReadings() {
        final UsageSnapshot p0 = new UsageSnapshot(Scope.PROCESS, 0, 0, 0, A, A, A, A, A, 1, 1, A, List.of());
        final UsageSnapshot p1 = new UsageSnapshot(Scope.PROCESS, 300, 200, 100, A, A, A, A, A, 1, 2, A, List.of());
        final UsageSnapshot none = UsageSnapshot.absent(Scope.CGROUP, List.of());
        final UsageSnapshot sys = UsageSnapshot.absent(Scope.SYSTEM, List.of());
        final UsageSample a = new UsageSample(1_000, p0, none, sys);
        final UsageSample b = new UsageSample(1_600, p1, none, sys);
        final UsageCost c = UsageCost.between(a, b, Scope.PROCESS, 0, 0);
        assertThat(c.elapsedNs()).isEqualTo(600);
        assertThat(c.cpusUsed()).isEqualTo(0.5);
        assertThat(UsageCost.between(a, b, Scope.CGROUP, 0, 0).cpusUsed()).isNaN();
    }

    @Test
    void shouldRejectMismatchedScopesNonPositiveElapsedAndNegativeBytes() {
        final UsageSnapshot p = UsageSnapshot.absent(Scope.PROCESS, List.of());
        final UsageSnapshot s = UsageSnapshot.absent(Scope.SYSTEM, List.of());
        assertThatThrownBy(() -> UsageCost.between(p, s, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UsageCost.between(p, p, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UsageCost.between(p, p, 1, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UsageCost.between(p, p, 1, Long.MAX_VALUE, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
