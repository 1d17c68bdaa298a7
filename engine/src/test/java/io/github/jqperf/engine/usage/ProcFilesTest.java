package io.github.jqperf.engine.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ProcPidStat}, {@link ProcPidStatus} and {@link ProcStatCpu} on captured and odd files. */
class ProcFilesTest {
    private final List<String> notes = new ArrayList<>();

    @Test
    void shouldReadUtimeAndStimeOfACapturedJvm() {
        final ProcPidStat s = ProcPidStat.parse(Fixtures.text("proc/jvm/stat"), notes::add);
        assertThat(s).isEqualTo(new ProcPidStat(151, 10));
        assertThat(s.userNs()).isEqualTo(1_510_000_000L);
        assertThat(s.systemNs()).isEqualTo(100_000_000L);
        assertThat(notes).isEmpty();
    }

    @Test
    void shouldCountFieldsFromTheLastParenthesisWhenTheCommandHasSpacesAndParentheses() {
        final String line = "42 (my (odd) cmd) R 1 42 42 0 -1 4194304 100 0 0 0 7 3 0 0 20 0 1 0 5 1000 10 0\n";
        assertThat(ProcPidStat.parse(line, notes::add)).isEqualTo(new ProcPidStat(7, 3));
        assertThat(notes).isEmpty();
    }

    @Test
    void shouldGiveAbsentTimesAndOneNoteForATruncatedOrGarbledLine() {
        assertThat(ProcPidStat.parse("42 (java) R 1 2 3", notes::add))
                .isEqualTo(new ProcPidStat(UsageSnapshot.ABSENT, UsageSnapshot.ABSENT));
        assertThat(ProcPidStat.parse("no parenthesis at all", notes::add).userTicks())
                .isEqualTo(UsageSnapshot.ABSENT);
        assertThat(ProcPidStat.parse("1 (x) R 1 1 1 0 -1 0 0 0 0 0 -7 x 0", notes::add)
                        .userNs())
                .isEqualTo(UsageSnapshot.ABSENT);
        assertThat(notes)
                .hasSize(3)
                .allSatisfy(n -> assertThat(n).startsWith("/proc/self/stat: ").doesNotContain("\n"));
    }

    @Test
    void shouldReadRssAndPeakRssInBytes() {
        final ProcPidStatus s = ProcPidStatus.parse(Fixtures.text("proc/jvm/status"), notes::add);
        assertThat(s).isEqualTo(new ProcPidStatus(79544L * 1024, 79544L * 1024));
        assertThat(notes).isEmpty();
    }

    @Test
    void shouldGiveAbsentMemoryForMissingOrOddLines() {
        assertThat(ProcPidStatus.parse("Name:\tkthreadd\nState:\tS (sleeping)\n", notes::add))
                .isEqualTo(new ProcPidStatus(UsageSnapshot.ABSENT, UsageSnapshot.ABSENT));
        assertThat(notes).isEmpty();
        assertThat(ProcPidStatus.parse("VmHWM:\t 12 MB\nVmRSS:\tlots kB\n", notes::add))
                .isEqualTo(new ProcPidStatus(UsageSnapshot.ABSENT, UsageSnapshot.ABSENT));
        assertThat(notes).hasSize(2);
    }

    @Test
    void shouldReadTheCpuLineOfProcStatAsQperfCountsIt() {
        final ProcStatCpu c = ProcStatCpu.parse(Fixtures.text("proc/stat"), notes::add);
        assertThat(c).isEqualTo(new ProcStatCpu(52813, 0, 6073, 327186, 1845, 0, 263, 2817));
        assertThat(c.busyTicks()).isEqualTo(52813 + 6073 + 1845 + 263 + 2817);
        final UsageSnapshot s = c.toSnapshot(List.of());
        assertThat(s.scope()).isEqualTo(Scope.SYSTEM);
        assertThat(s.cpuNs()).isEqualTo(c.busyTicks() * 10_000_000L);
        assertThat(s.userNs()).isEqualTo(52813 * 10_000_000L);
        assertThat(s.systemNs()).isEqualTo((6073 + 263) * 10_000_000L);
        assertThat(s.nrThrottled()).isEqualTo(UsageSnapshot.ABSENT);
        assertThat(notes).isEmpty();
    }

    @Test
    void shouldAcceptSevenNumbersAndRejectOddCpuLines() {
        assertThat(ProcStatCpu.parse("cpu  1 2 3 4 5 6 7\n", notes::add))
                .isEqualTo(new ProcStatCpu(1, 2, 3, 4, 5, 6, 7, 0));
        assertThat(ProcStatCpu.parse("intr 1 2 3 4 5 6 7 8\n", notes::add)).isNull();
        assertThat(ProcStatCpu.parse("cpu 1 2 x 4 5 6 7 8\n", notes::add)).isNull();
        assertThat(ProcStatCpu.parse("cpu 9223372036854775807 9223372036854775807 0 0 0 0 0 0", notes::add))
                .isNull();
        assertThat(notes).hasSize(3);
    }

    @Test
    void shouldReadAFixtureProcDirectoryAsAProcessSnapshot() {
        final UsageSnapshot s = new ProcessUsageReader(Fixtures.path("proc/jvm")).read();
        assertThat(s.scope()).isEqualTo(Scope.PROCESS);
        assertThat(s.cpuNs()).isEqualTo(1_610_000_000L);
        assertThat(s.userNs()).isEqualTo(1_510_000_000L);
        assertThat(s.memoryCurrentBytes()).isEqualTo(79544L * 1024);
        assertThat(s.memoryPeakBytes()).isEqualTo(79544L * 1024);
        assertThat(s.nrPeriods()).isEqualTo(UsageSnapshot.ABSENT);
        assertThat(s.cpuLimitCpus()).isNaN();
        assertThat(s.notes()).isEmpty();
    }

    @Test
    void shouldGiveAnAbsentProcessSnapshotWithOneNoteWhenTheDirectoryIsMissing() {
        final UsageSnapshot s = new ProcessUsageReader(Fixtures.path("proc/jvm").resolveSibling("no-such-pid")).read();
        assertThat(s.cpuNs()).isEqualTo(UsageSnapshot.ABSENT);
        assertThat(s.memoryPeakBytes()).isEqualTo(UsageSnapshot.ABSENT);
        assertThat(s.notes()).hasSize(1);
    }

    @Test
    void shouldReadAFixtureProcStatAsASystemSnapshot() {
        final UsageSnapshot s = new SystemUsageReader(Fixtures.path("proc/stat")).read();
        assertThat(s.cpuNs()).isEqualTo((52813L + 6073 + 1845 + 263 + 2817) * 10_000_000L);
        assertThat(s.notes()).isEmpty();
        final UsageSnapshot missing =
                new SystemUsageReader(Fixtures.path("proc/stat").resolveSibling("nope")).read();
        assertThat(missing.cpuNs()).isEqualTo(UsageSnapshot.ABSENT);
        assertThat(missing.notes()).hasSize(1);
    }
}
