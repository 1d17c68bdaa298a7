package io.github.jqperf.engine.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.usage.CgroupLocation.ControllerDir;
import io.github.jqperf.engine.usage.CgroupLocation.Layout;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link CgroupUsageReader} on fixture directories (captured v1 and v2 files, documented v2 files, odd files). */
class CgroupUsageReaderTest {
    private static final long A = UsageSnapshot.ABSENT;

    private static Optional<ControllerDir> dir(final String fixture, final boolean v2) {
        return Optional.of(new ControllerDir(Fixtures.path(fixture), v2, "/test"));
    }

    private static UsageSnapshot readV1(final String base) {
        return new CgroupUsageReader(new CgroupLocation(
                        Layout.V1,
                        dir(base + "/cpuacct", false),
                        dir(base + "/cpu", false),
                        dir(base + "/memory", false),
                        List.of()))
                .read();
    }

    private static UsageSnapshot readV2(final String base) {
        final Optional<ControllerDir> d = dir(base, true);
        return new CgroupUsageReader(new CgroupLocation(Layout.V2, d, d, d, List.of())).read();
    }

    @Test
    void shouldReadACapturedThrottledV1Cgroup() {
        final UsageSnapshot s = readV1("cgroup/v1-throttled");
        assertThat(s)
                .isEqualTo(new UsageSnapshot(
                        Scope.CGROUP,
                        223_275_244L,
                        220_000_000L,
                        0L,
                        10L,
                        10L,
                        742_769_404L,
                        20_000L,
                        100_000L,
                        70_877_184L,
                        229_834_752L,
                        UsageSnapshot.UNLIMITED,
                        List.of()));
        assertThat(s.cpuLimitCpus()).isEqualTo(0.2);
    }

    @Test
    void shouldReadAV2PodWithTheCpuAndMemoryControllers() {
        final UsageSnapshot s = readV2("cgroup/v2-pod");
        assertThat(s)
                .isEqualTo(new UsageSnapshot(
                        Scope.CGROUP,
                        8_412_963_000L,
                        6_127_410_000L,
                        2_285_553_000L,
                        3127L,
                        1409L,
                        95_837_120_000L,
                        50_000L,
                        100_000L,
                        48_238_592L,
                        73_687_040L,
                        268_435_456L,
                        List.of()));
        assertThat(s.cpuLimitCpus()).isEqualTo(0.5);
    }

    @Test
    void shouldReadUsageButNoBandwidthOrMemoryFromAV2CgroupWithoutControllers() {
        final UsageSnapshot s = readV2("cgroup/v2-unified-nocontrollers");
        assertThat(s)
                .isEqualTo(new UsageSnapshot(
                        Scope.CGROUP, 223_275_000L, 223_275_000L, 0L, A, A, A, A, A, A, A, A, List.of()));
        assertThat(s.cpuLimitCpus()).isNaN();
        assertThat(readV2("cgroup/v2-root").cpuNs()).isPositive();
    }

    @Test
    void shouldGiveAbsentValuesAndOneNotePerOddV1File() {
        final UsageSnapshot s = readV1("cgroup/odd");
        assertThat(s)
                .isEqualTo(new UsageSnapshot(
                        Scope.CGROUP,
                        A,
                        A,
                        30_000_000L,
                        10L,
                        A,
                        A,
                        A,
                        100_000L,
                        A,
                        A,
                        UsageSnapshot.UNLIMITED,
                        s.notes()));
        assertThat(s.notes()).hasSize(5).allSatisfy(n -> assertThat(n).doesNotContain("\n"));
        assertThat(s.notes())
                .anySatisfy(n -> assertThat(n).startsWith("cpuacct.usage: "))
                .anySatisfy(n -> assertThat(n).startsWith("cpuacct.stat: "))
                .anySatisfy(n -> assertThat(n).startsWith("cpu.stat: "))
                .anySatisfy(n -> assertThat(n).startsWith("cpu.cfs_quota_us: "))
                .anySatisfy(n -> assertThat(n).startsWith("memory.usage_in_bytes: "));
    }

    @Test
    void shouldGiveAbsentValuesAndOneNotePerOddV2File() {
        final UsageSnapshot s = readV2("cgroup/odd-v2");
        assertThat(s)
                .isEqualTo(new UsageSnapshot(
                        Scope.CGROUP, A, 1_000L, A, A, A, A, A, A, A, A, UsageSnapshot.UNLIMITED, s.notes()));
        assertThat(s.notes()).hasSize(3);
    }

    @Test
    void shouldNoteAMissingDirectoryOnceAndCarryTheLocationsNotes() {
        final Optional<ControllerDir> gone = Optional.of(
                new ControllerDir(Fixtures.path("cgroup/v2-pod").resolveSibling("removed-pod"), true, "/removed-pod"));
        final UsageSnapshot s = new CgroupUsageReader(
                        new CgroupLocation(Layout.V2, gone, gone, gone, List.of("from the locator")))
                .read();
        assertThat(s.cpuNs()).isEqualTo(A);
        assertThat(s.memoryCurrentBytes()).isEqualTo(A);
        assertThat(s.notes()).hasSize(2).first().isEqualTo("from the locator");
        assertThat(s.notes().get(1)).contains("removed-pod").endsWith("does not exist");
    }

    @Test
    void shouldReadNothingWhenNothingWasLocated() {
        final UsageSnapshot s = new CgroupUsageReader(CgroupLocation.none(List.of("no cgroups"))).read();
        assertThat(s).isEqualTo(UsageSnapshot.absent(Scope.CGROUP, List.of("no cgroups")));
    }
}
