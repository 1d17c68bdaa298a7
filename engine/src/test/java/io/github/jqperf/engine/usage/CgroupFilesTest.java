package io.github.jqperf.engine.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure cgroup file parsers on captured, documented and odd content. */
class CgroupFilesTest {
    private final List<String> notes = new ArrayList<>();

    @Test
    void shouldParseAV2CpuStatWithEveryDocumentedKey() {
        final Map<String, Long> m =
                CgroupFiles.parseFlatKeyed("cpu.stat", Fixtures.text("cgroup/v2-pod/cpu.stat"), notes::add);
        assertThat(m)
                .containsEntry("usage_usec", 8412963L)
                .containsEntry("user_usec", 6127410L)
                .containsEntry("system_usec", 2285553L)
                .containsEntry("nr_periods", 3127L)
                .containsEntry("nr_throttled", 1409L)
                .containsEntry("throttled_usec", 95837120L)
                .containsEntry("core_sched.force_idle_usec", 0L);
        assertThat(CgroupFiles.get(m, "no_such_key")).isEqualTo(UsageSnapshot.ABSENT);
        assertThat(notes).isEmpty();
    }

    @Test
    void shouldParseACapturedV1CpuStatAndCpuacctStat() {
        final Map<String, Long> cpu =
                CgroupFiles.parseFlatKeyed("cpu.stat", Fixtures.text("cgroup/v1-throttled/cpu/cpu.stat"), notes::add);
        assertThat(cpu)
                .containsEntry("nr_periods", 10L)
                .containsEntry("nr_throttled", 10L)
                .containsEntry("throttled_time", 742769404L);
        final Map<String, Long> acct = CgroupFiles.parseFlatKeyed(
                "cpuacct.stat", Fixtures.text("cgroup/v1-throttled/cpuacct/cpuacct.stat"), notes::add);
        assertThat(acct).containsExactly(Map.entry("user", 22L), Map.entry("system", 0L));
        assertThat(notes).isEmpty();
    }

    @Test
    void shouldSkipOddLinesOfAFlatKeyedFileWithOneNote() {
        final Map<String, Long> m =
                CgroupFiles.parseFlatKeyed("cpu.stat", Fixtures.text("cgroup/odd/cpu/cpu.stat"), notes::add);
        assertThat(m).containsExactly(Map.entry("nr_periods", 10L));
        assertThat(notes)
                .singleElement()
                .asString()
                .startsWith("cpu.stat: skipped")
                .contains("nr_throttled");
    }

    @Test
    void shouldKeepNulBytesOutOfNotes() {
        final Map<String, Long> m =
                CgroupFiles.parseFlatKeyed("cpu.stat", Fixtures.text("cgroup/odd-v2/cpu.stat"), notes::add);
        assertThat(m).containsExactly(Map.entry("user_usec", 1L));
        assertThat(notes)
                .singleElement()
                .asString()
                .doesNotContain("\0")
                .doesNotContain("\n")
                .contains("usage_usec 1?");
    }

    @Test
    void shouldParseSingleValues() {
        assertThat(CgroupFiles.parseSingle("memory.current", "48238592\n", notes::add))
                .isEqualTo(48238592L);
        assertThat(CgroupFiles.parseSingle(
                        "cpuacct.usage", Fixtures.text("cgroup/v1-throttled/cpuacct/cpuacct.usage"), notes::add))
                .isEqualTo(223275244L);
        assertThat(notes).isEmpty();
        assertThat(CgroupFiles.parseSingle("memory.current", "max\n", notes::add))
                .isEqualTo(UsageSnapshot.ABSENT);
        assertThat(CgroupFiles.parseSingle("cpuacct.usage", "\n", notes::add)).isEqualTo(UsageSnapshot.ABSENT);
        assertThat(CgroupFiles.parseSingle("x", "99999999999999999999999\n", notes::add))
                .isEqualTo(UsageSnapshot.ABSENT);
        assertThat(CgroupFiles.parseSingle("x", "-3\n", notes::add)).isEqualTo(UsageSnapshot.ABSENT);
        assertThat(notes).hasSize(4);
    }

    @Test
    void shouldTreatMaxMinusOneAndV1PageRoundedLongMaxAsUnlimited() {
        assertThat(CgroupFiles.parseLimit("memory.max", "max\n", notes::add)).isEqualTo(UsageSnapshot.UNLIMITED);
        assertThat(CgroupFiles.parseLimit("cpu.cfs_quota_us", "-1\n", notes::add))
                .isEqualTo(UsageSnapshot.UNLIMITED);
        assertThat(CgroupFiles.parseLimit(
                        "memory.limit_in_bytes",
                        Fixtures.text("cgroup/v1-throttled/memory/memory.limit_in_bytes"),
                        notes::add))
                .isEqualTo(UsageSnapshot.UNLIMITED);
        assertThat(CgroupFiles.parseLimit("memory.max", "268435456\n", notes::add))
                .isEqualTo(268435456L);
        assertThat(CgroupFiles.parseLimit("cpu.cfs_quota_us", "20000\n", notes::add))
                .isEqualTo(20000L);
        assertThat(notes).isEmpty();
        assertThat(CgroupFiles.parseLimit("cpu.cfs_quota_us", "banana\n", notes::add))
                .isEqualTo(UsageSnapshot.ABSENT);
        assertThat(notes).singleElement().asString().startsWith("cpu.cfs_quota_us: ");
    }

    @Test
    void shouldParseCpuMax() {
        assertThat(CgroupFiles.parseCpuMax("50000 100000\n", notes::add))
                .isEqualTo(new CgroupFiles.CpuMax(50000, 100000));
        assertThat(CgroupFiles.parseCpuMax("max 100000\n", notes::add))
                .isEqualTo(new CgroupFiles.CpuMax(UsageSnapshot.UNLIMITED, 100000));
        assertThat(notes).isEmpty();
        assertThat(CgroupFiles.parseCpuMax("max\n", notes::add))
                .isEqualTo(new CgroupFiles.CpuMax(UsageSnapshot.ABSENT, UsageSnapshot.ABSENT));
        assertThat(CgroupFiles.parseCpuMax("50000 0\n", notes::add))
                .isEqualTo(new CgroupFiles.CpuMax(50000, UsageSnapshot.ABSENT));
        assertThat(notes).hasSize(2).allSatisfy(n -> assertThat(n).startsWith("cpu.max: "));
    }
}
