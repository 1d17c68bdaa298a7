package io.github.jqperf.engine.usage;

import io.github.jqperf.engine.usage.CgroupLocation.ControllerDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a {@link Scope#CGROUP} {@link UsageSnapshot} from the directories a {@link CgroupLocation} names.
 *
 * <table>
 *   <caption>Files read per role</caption>
 *   <tr><th>role</th><th>cgroup v2</th><th>cgroup v1</th></tr>
 *   <tr><td>CPU usage</td><td>{@code cpu.stat}: {@code usage_usec}, {@code user_usec}, {@code system_usec}</td>
 *       <td>{@code cpuacct.usage} (ns), {@code cpuacct.stat}: {@code user}, {@code system} (USER_HZ ticks)</td></tr>
 *   <tr><td>CPU bandwidth</td><td>{@code cpu.stat}: {@code nr_periods}, {@code nr_throttled},
 *       {@code throttled_usec}; {@code cpu.max}</td>
 *       <td>{@code cpu.stat}: {@code nr_periods}, {@code nr_throttled}, {@code throttled_time} (ns);
 *       {@code cpu.cfs_quota_us}, {@code cpu.cfs_period_us}</td></tr>
 *   <tr><td>memory</td><td>{@code memory.current}, {@code memory.peak} (kernel 5.19+), {@code memory.max}</td>
 *       <td>{@code memory.usage_in_bytes}, {@code memory.max_usage_in_bytes}, {@code memory.limit_in_bytes}</td></tr>
 * </table>
 *
 * <p>A missing file gives {@link UsageSnapshot#ABSENT} silently (a v2 cgroup without the {@code cpu} controller has no
 * {@code nr_periods}, a v2 root has no {@code memory.current}); an unreadable or odd file gives ABSENT and a note; a
 * missing directory gives one note. {@link #read()} never throws. It allocates (file reads): call it at test start and
 * end, never per message.
 */
public final class CgroupUsageReader {
    private static final long NS_PER_USEC = 1_000L;

    private final CgroupLocation location;

    /** A reader of the given location. */
    public CgroupUsageReader(final CgroupLocation location) {
        this.location = location;
    }

    /** A reader of this process's cgroup ({@link CgroupLocator#locateSelf()}). */
    public static CgroupUsageReader forSelf() {
        return new CgroupUsageReader(CgroupLocator.locateSelf());
    }

    /** Where this reader reads. */
    public CgroupLocation location() {
        return location;
    }

    /** The current counters; the location's notes come first in {@link UsageSnapshot#notes()}. */
    public UsageSnapshot read() {
        final List<String> notes = new ArrayList<>(location.notes());
        final Consumer<String> note = notes::add;
        long cpuNs = UsageSnapshot.ABSENT;
        long userNs = UsageSnapshot.ABSENT;
        long systemNs = UsageSnapshot.ABSENT;
        final Optional<ControllerDir> acct = existing(location.cpuacct(), note);
        Map<String, Long> v2CpuStat = null; // v2 keeps usage and throttling in one cpu.stat: parse it once
        if (acct.isPresent()) {
            final Path d = acct.get().dir();
            if (acct.get().v2()) {
                final Map<String, Long> stat = CgroupFiles.parseFlatKeyed("cpu.stat", read(d, "cpu.stat", note), note);
                v2CpuStat = stat;
                cpuNs = Text.times(CgroupFiles.get(stat, "usage_usec"), NS_PER_USEC);
                userNs = Text.times(CgroupFiles.get(stat, "user_usec"), NS_PER_USEC);
                systemNs = Text.times(CgroupFiles.get(stat, "system_usec"), NS_PER_USEC);
            } else {
                cpuNs = single(d, "cpuacct.usage", note);
                final Map<String, Long> stat =
                        CgroupFiles.parseFlatKeyed("cpuacct.stat", read(d, "cpuacct.stat", note), note);
                userNs = Text.times(CgroupFiles.get(stat, "user"), ProcPidStat.NS_PER_TICK);
                systemNs = Text.times(CgroupFiles.get(stat, "system"), ProcPidStat.NS_PER_TICK);
            }
        }
        long nrPeriods = UsageSnapshot.ABSENT;
        long nrThrottled = UsageSnapshot.ABSENT;
        long throttledNs = UsageSnapshot.ABSENT;
        long quotaUsec = UsageSnapshot.ABSENT;
        long periodUsec = UsageSnapshot.ABSENT;
        final Optional<ControllerDir> cpu =
                sameAs(location.cpu(), location.cpuacct()) ? location.cpu() : existing(location.cpu(), note);
        if (cpu.isPresent()) {
            final Path d = cpu.get().dir();
            final Map<String, Long> stat = v2CpuStat != null && cpu.equals(acct)
                    ? v2CpuStat
                    : CgroupFiles.parseFlatKeyed("cpu.stat", read(d, "cpu.stat", note), note);
            nrPeriods = CgroupFiles.get(stat, "nr_periods");
            nrThrottled = CgroupFiles.get(stat, "nr_throttled");
            if (cpu.get().v2()) {
                throttledNs = Text.times(CgroupFiles.get(stat, "throttled_usec"), NS_PER_USEC);
                final String max = read(d, "cpu.max", note);
                if (max != null) {
                    final CgroupFiles.CpuMax m = CgroupFiles.parseCpuMax(max, note);
                    quotaUsec = m.quotaUsec();
                    periodUsec = m.periodUsec();
                }
            } else {
                throttledNs = CgroupFiles.get(stat, "throttled_time");
                final String quota = read(d, "cpu.cfs_quota_us", note);
                quotaUsec =
                        quota == null ? UsageSnapshot.ABSENT : CgroupFiles.parseLimit("cpu.cfs_quota_us", quota, note);
                periodUsec = single(d, "cpu.cfs_period_us", note);
            }
        }
        long memCurrent = UsageSnapshot.ABSENT;
        long memPeak = UsageSnapshot.ABSENT;
        long memLimit = UsageSnapshot.ABSENT;
        final Optional<ControllerDir> mem =
                sameAs(location.memory(), location.cpuacct()) || sameAs(location.memory(), location.cpu())
                        ? location.memory()
                        : existing(location.memory(), note);
        if (mem.isPresent()) {
            final Path d = mem.get().dir();
            final boolean v2 = mem.get().v2();
            memCurrent = single(d, v2 ? "memory.current" : "memory.usage_in_bytes", note);
            memPeak = single(d, v2 ? "memory.peak" : "memory.max_usage_in_bytes", note);
            final String limitFile = v2 ? "memory.max" : "memory.limit_in_bytes";
            final String limit = read(d, limitFile, note);
            memLimit = limit == null ? UsageSnapshot.ABSENT : CgroupFiles.parseLimit(limitFile, limit, note);
        }
        return new UsageSnapshot(
                Scope.CGROUP,
                cpuNs,
                userNs,
                systemNs,
                nrPeriods,
                nrThrottled,
                throttledNs,
                quotaUsec,
                periodUsec,
                memCurrent,
                memPeak,
                memLimit,
                notes);
    }

    private static boolean sameAs(final Optional<ControllerDir> a, final Optional<ControllerDir> b) {
        return a.isPresent() && a.equals(b);
    }

    /** The directory if it exists, else empty with a note. */
    private static Optional<ControllerDir> existing(final Optional<ControllerDir> dir, final Consumer<String> note) {
        if (dir.isPresent() && !Files.isDirectory(dir.get().dir())) {
            note.accept("cgroup: directory " + dir.get().dir() + " does not exist");
            return Optional.empty();
        }
        return dir;
    }

    private static long single(final Path dir, final String file, final Consumer<String> note) {
        final String s = read(dir, file, note);
        return s == null ? UsageSnapshot.ABSENT : CgroupFiles.parseSingle(file, s, note);
    }

    /** The file's content, or null when it does not exist (silently) or cannot be read (with a note). */
    static String read(final Path dir, final String file, final Consumer<String> note) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            note.accept(file + ": cannot read " + dir.resolve(file) + ": "
                    + e.getClass().getSimpleName() + " " + Text.snippet(String.valueOf(e.getMessage())));
            return null;
        }
    }
}
