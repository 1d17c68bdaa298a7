package io.github.jqperf.engine.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.jqperf.engine.result.ScopeUsage;
import io.github.jqperf.engine.result.UsageReport;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link UsageReports}: UsageCost (ns, counters) to ScopeUsage (seconds, bytes) — pure. */
class UsageReportsTest {
    private static final long A = UsageSnapshot.ABSENT;

    private static UsageSnapshot snap(
            final Scope s,
            final long cpuNs,
            final long periods,
            final long throttled,
            final long mem,
            final long limit) {
        return new UsageSnapshot(
                s,
                cpuNs,
                cpuNs / 2,
                cpuNs / 2,
                periods,
                throttled,
                throttled * 1_000_000,
                50_000,
                100_000,
                mem,
                mem * 2,
                limit,
                List.of());
    }

    @Test
    void cgroupFiguresShouldBeInBaseUnits() {
        final UsageCost c = UsageCost.between(
                snap(Scope.CGROUP, 1_000_000_000L, 10, 1, 100, 0),
                snap(Scope.CGROUP, 2_000_000_000L, 30, 20, 4096, 0),
                2_000_000_000L,
                500_000_000L,
                0);
        final ScopeUsage u = UsageReports.scopeUsage(c, 536_870_912L);
        assertThat(u.scope()).isEqualTo("cgroup");
        assertThat(u.elapsedSeconds()).isEqualTo(2.0);
        assertThat(u.cpuSeconds()).isEqualTo(1.0);
        assertThat(u.userSeconds()).isEqualTo(0.5);
        assertThat(u.systemSeconds()).isEqualTo(0.5);
        assertThat(u.cpusUsed()).isEqualTo(0.5);
        assertThat(u.secPerGB()).isCloseTo(2.0, within(1e-12)); // 1 CPU s for 0.5 GB
        assertThat(u.nrPeriods()).isEqualTo(20);
        assertThat(u.nrThrottled()).isEqualTo(19);
        assertThat(u.throttledSeconds()).isCloseTo(0.019, within(1e-12));
        assertThat(u.cpuLimitCpus()).isEqualTo(0.5);
        assertThat(u.memoryCurrentBytes()).isEqualTo(4096);
        assertThat(u.memoryPeakBytes()).isEqualTo(8192);
        assertThat(u.memoryLimitBytes()).isEqualTo(536_870_912L);
    }

    @Test
    void absentFiguresShouldBeMinusOneOrNaNAndUnlimitedMaxValue() {
        final UsageSnapshot p = new UsageSnapshot(
                Scope.PROCESS, 10_000_000, 10_000_000, 0, A, A, A, A, A, 1 << 20, 1 << 21, A, List.of());
        final UsageCost c = UsageCost.between(p, p, 1_000_000_000L, 0, 0);
        final ScopeUsage u = UsageReports.scopeUsage(c, UsageSnapshot.UNLIMITED);
        assertThat(u.cpuSeconds()).isZero();
        assertThat(u.secPerGB()).isNaN(); // nothing moved
        assertThat(u.nrPeriods()).isEqualTo(ScopeUsage.ABSENT);
        assertThat(u.nrThrottled()).isEqualTo(ScopeUsage.ABSENT);
        assertThat(u.throttledSeconds()).isNaN();
        assertThat(u.cpuLimitCpus()).isNaN();
        assertThat(u.memoryLimitBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(UsageReports.scopeUsage(c, A).memoryLimitBytes()).isEqualTo(ScopeUsage.ABSENT);
    }

    @Test
    void reportShouldHoldTheThreeScopesInOrderAndEveryNoteOnce() {
        final UsageSample before = new UsageSample(
                0,
                snap(Scope.PROCESS, 0, A, A, 10, A),
                UsageSnapshot.absent(Scope.CGROUP, List.of("cpu.stat: unreadable")),
                snap(Scope.SYSTEM, 0, A, A, A, A));
        final UsageSample after = new UsageSample(
                1_000_000_000L,
                snap(Scope.PROCESS, 300_000_000L, A, A, 20, A),
                UsageSnapshot.absent(Scope.CGROUP, List.of("cpu.stat: unreadable")),
                snap(Scope.SYSTEM, 1_500_000_000L, A, A, A, A));
        final UsageReport r = UsageReports.report(before, after, 1_000_000_000L, 0, List.of("where"));
        assertThat(r.scopes()).extracting(ScopeUsage::scope).containsExactly("process", "cgroup", "system");
        assertThat(r.scopes().get(0).cpusUsed()).isCloseTo(0.3, within(1e-12));
        assertThat(r.scopes().get(0).secPerGB()).isCloseTo(0.3, within(1e-12));
        assertThat(r.scopes().get(1).cpuSeconds()).isNaN();
        assertThat(r.scopes().get(2).cpusUsed()).isCloseTo(1.5, within(1e-12));
        assertThat(r.notes()).containsExactly("where", "cpu.stat: unreadable");
    }

    @Test
    void recorderWindowShouldHoldQperfsWindow() throws InterruptedException {
        final long[] qperfTimes = new long[3];
        final UsageSampler usage = new UsageSampler();
        final long t0 = System.nanoTime();
        usage.sample(); // cold: class loading
        final long t1 = System.nanoTime();
        usage.sample();
        System.out.printf("usage sample: cold %d us, warm %d us%n", (t1 - t0) / 1000, (System.nanoTime() - t1) / 1000);
        final int[] calls = {0};
        final RunUsageRecorder rec = new RunUsageRecorder(into -> qperfTimes[calls[0]++] = System.nanoTime(), usage);
        assertThat(rec.report(0, 0)).isEqualTo(Optional.empty());
        rec.sample(new long[9]);
        Thread.sleep(20);
        rec.sample(new long[9]);
        rec.sample(new long[9]); // a third call (none in a run) is passed on only
        assertThat(calls[0]).isEqualTo(3);
        final UsageReport r = rec.report(1000, 0).orElseThrow();
        assertThat(r.scopes()).extracting(ScopeUsage::scope).containsExactly("process", "cgroup", "system");
        assertThat(r.scopes().get(0).elapsedSeconds()).isGreaterThan((qperfTimes[1] - qperfTimes[0]) / 1e9);
        assertThat(r.notes().get(0)).startsWith("cgroup");
    }
}
