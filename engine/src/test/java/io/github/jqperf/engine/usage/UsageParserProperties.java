package io.github.jqperf.engine.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile input for every parser of this package: arbitrary strings (control characters, NULs, non-ASCII, huge
 * numbers) and mutations of the captured fixtures give values or ABSENT plus one-line notes, never an exception.
 */
class UsageParserProperties {
    private static final int TRIES = 800;
    private static final String SEED = "1010";
    private static final String[] PAIRS = {
        "hybrid-host",
        "hybrid-child",
        "v2-host",
        "v2-container",
        "v1-host",
        "v1-container",
        "systemd-hybrid",
        "cgroupns-remount",
        "cgroupns-noremount",
        "v2-escaped"
    };

    @Provide
    Arbitrary<String> hostile() {
        final Arbitrary<String> chars = Arbitraries.strings()
                .withChars("0123456789 \t\n:/()-,.\\maxkBVmRSHW")
                .withCharRange('\u0000', '\u001f')
                .withChars('\u0661', '\u00e9', '\ud83d', '\ude00')
                .ofMaxLength(200);
        final Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(300);
        final Arbitrary<String> fixture = Arbitraries.of(
                        "proc/jvm/stat",
                        "proc/jvm/status",
                        "proc/stat",
                        "cgroup/v2-pod/cpu.stat",
                        "cgroup/v1-throttled/cpu/cpu.stat",
                        "proc/hybrid-host.mountinfo",
                        "proc/v1-container.cgroup")
                .map(Fixtures::text)
                .flatMap(UsageParserProperties::mutate);
        return Arbitraries.oneOf(chars, anything, fixture);
    }

    /** The text with a random slice deleted, duplicated or replaced by random characters. */
    private static Arbitrary<String> mutate(final String text) {
        final int n = text.length();
        return Arbitraries.integers()
                .between(0, n)
                .flatMap(from -> Arbitraries.integers()
                        .between(from, n)
                        .flatMap(to -> Arbitraries.strings()
                                .all()
                                .ofMaxLength(8)
                                .flatMap(junk -> Arbitraries.of(
                                        text.substring(0, from) + text.substring(to),
                                        text.substring(0, to) + text.substring(from),
                                        text.substring(0, from) + junk + text.substring(to)))));
    }

    private static void assertOneLine(final List<String> notes) {
        assertThat(notes)
                .allSatisfy(n -> assertThat(n)
                        .doesNotContain("\n")
                        .doesNotContain("\u0000")
                        .hasSizeLessThan(400));
    }

    @Property(tries = TRIES, seed = SEED)
    void procParsersNeverThrow(@ForAll("hostile") final String s) {
        final List<String> notes = new ArrayList<>();
        final ProcPidStat stat = ProcPidStat.parse(s, notes::add);
        assertThat(stat.userTicks()).isGreaterThanOrEqualTo(UsageSnapshot.ABSENT);
        assertThat(stat.userNs()).isGreaterThanOrEqualTo(UsageSnapshot.ABSENT);
        final ProcPidStatus status = ProcPidStatus.parse(s, notes::add);
        assertThat(status.peakRssBytes()).isGreaterThanOrEqualTo(UsageSnapshot.ABSENT);
        final ProcStatCpu cpu = ProcStatCpu.parse(s, notes::add);
        if (cpu != null) {
            assertThat(cpu.busyTicks()).isNotNegative();
        }
        assertOneLine(notes);
    }

    @Property(tries = TRIES, seed = SEED)
    void cgroupFileParsersNeverThrow(@ForAll("hostile") final String s) {
        final List<String> notes = new ArrayList<>();
        assertThat(CgroupFiles.parseFlatKeyed("cpu.stat", s, notes::add).values())
                .allSatisfy(v -> assertThat(v).isNotNegative());
        assertThat(CgroupFiles.parseSingle("memory.current", s, notes::add))
                .isGreaterThanOrEqualTo(UsageSnapshot.ABSENT);
        assertThat(CgroupFiles.parseLimit("memory.max", s, notes::add)).isGreaterThanOrEqualTo(UsageSnapshot.ABSENT);
        final CgroupFiles.CpuMax max = CgroupFiles.parseCpuMax(s, notes::add);
        assertThat(max.periodUsec()).isNotEqualTo(0L);
        assertOneLine(notes);
    }

    @Property(tries = TRIES, seed = SEED)
    void locatorNeverThrowsOnHostileCgroupAndMountinfo(
            @ForAll("hostile") final String cgroup, @ForAll("hostile") final String mountinfo) {
        final CgroupLocation l = CgroupLocator.locate(cgroup, mountinfo);
        assertThat(l).isNotNull();
        assertOneLine(l.notes());
    }

    @Property(tries = TRIES, seed = SEED)
    void locatorNeverThrowsOnMutatedCapturedPairs(
            @ForAll("pairIndex") final int pair,
            @ForAll("hostile") final String junk,
            @ForAll final boolean mutateCgroup) {
        final String name = PAIRS[pair];
        final String cgroup = Fixtures.text("proc/" + name + ".cgroup");
        final String mountinfo = Fixtures.text("proc/" + name + ".mountinfo");
        final CgroupLocation l = mutateCgroup
                ? CgroupLocator.locate(cgroup + junk, mountinfo)
                : CgroupLocator.locate(cgroup, mountinfo + junk);
        assertThat(l).isNotNull();
        assertOneLine(l.notes());
    }

    @Provide
    Arbitrary<Integer> pairIndex() {
        return Arbitraries.integers().between(0, PAIRS.length - 1);
    }
}
