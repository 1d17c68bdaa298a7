package io.github.jqperf.engine.usage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Pure parsers for the cgroup interface files read by {@link CgroupUsageReader}, in the formats of the kernel's
 * {@code Documentation/admin-guide/cgroup-v2.rst} ("Interface Files": flat keyed, single value, {@code cpu.max}'s
 * "$MAX $PERIOD") and {@code cgroup-v1/{cpuacct,memory}.rst}, {@code scheduler/sched-bwc.rst}.
 *
 * <p>No method throws on odd content: the value is {@link UsageSnapshot#ABSENT} and {@code notes} receives one line
 * naming the file.
 */
public final class CgroupFiles {
    /**
     * v1 prints "no limit" as {@code PAGE_COUNTER_MAX * PAGE_SIZE} (9223372036854771712 with 4 KiB pages); anything from
     * 2^62 up is taken as unlimited.
     */
    static final long V1_UNLIMITED_FROM = 1L << 62;

    private CgroupFiles() {}

    /** {@code cpu.max}: quota and period in µs; quota {@link UsageSnapshot#UNLIMITED} for "max". */
    public record CpuMax(long quotaUsec, long periodUsec) {}

    /**
     * A flat keyed file ({@code cpu.stat}, v1 {@code cpuacct.stat}, {@code memory.stat}): lines of
     * {@code "<key> <non-negative integer>"}. Odd lines are skipped with one note for the file (the first odd line).
     *
     * @param file    the file's name, for the note
     * @param content its content
     * @param notes   receives a one-line diagnostic
     * @return the keys in file order with their values
     */
    public static Map<String, Long> parseFlatKeyed(
            final String file, final String content, final Consumer<String> notes) {
        final Map<String, Long> out = new LinkedHashMap<>();
        if (content == null) {
            return out;
        }
        String odd = null;
        for (final String raw : content.split("\n", -1)) {
            final String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            final int sp = indexOfBlank(line);
            final long v = sp < 0 ? UsageSnapshot.ABSENT : Text.parseNonNegative(line.substring(sp + 1));
            if (v < 0) {
                if (odd == null) {
                    odd = line;
                }
                continue;
            }
            out.putIfAbsent(line.substring(0, sp), v);
        }
        if (odd != null) {
            notes.accept(file + ": skipped a line that is not \"<key> <number>\": " + Text.snippet(odd));
        }
        return out;
    }

    /** A key of a {@link #parseFlatKeyed} result, or ABSENT. */
    public static long get(final Map<String, Long> keyed, final String key) {
        final Long v = keyed.get(key);
        return v == null ? UsageSnapshot.ABSENT : v;
    }

    /**
     * A single-value file holding a non-negative integer ({@code memory.current}, {@code memory.peak},
     * {@code cpuacct.usage}, {@code memory.usage_in_bytes}, {@code cpu.cfs_period_us}).
     *
     * @return the value, or ABSENT (with a note) when it is not a non-negative integer
     */
    public static long parseSingle(final String file, final String content, final Consumer<String> notes) {
        final long v = Text.parseNonNegative(firstLine(content));
        if (v < 0) {
            notes.accept(file + ": expected a non-negative integer, got " + Text.snippet(content));
        }
        return v;
    }

    /**
     * A limit ({@code memory.max}, v1 {@code memory.limit_in_bytes}, v1 {@code cpu.cfs_quota_us}): "max", "-1" and v1's
     * page-rounded {@code LONG_MAX} are {@link UsageSnapshot#UNLIMITED}.
     *
     * @return the limit, UNLIMITED, or ABSENT (with a note) when odd
     */
    public static long parseLimit(final String file, final String content, final Consumer<String> notes) {
        final String s = firstLine(content).strip();
        if (s.equals("max") || s.equals("-1")) {
            return UsageSnapshot.UNLIMITED;
        }
        final long v = Text.parseNonNegative(s);
        if (v < 0) {
            notes.accept(file + ": expected a number, \"max\" or -1, got " + Text.snippet(content));
            return UsageSnapshot.ABSENT;
        }
        return v >= V1_UNLIMITED_FROM ? UsageSnapshot.UNLIMITED : v;
    }

    /**
     * v2 {@code cpu.max}: {@code "$MAX $PERIOD"}, MAX a number of µs or "max".
     *
     * @return quota and period, each ABSENT (with a note) when odd
     */
    public static CpuMax parseCpuMax(final String content, final Consumer<String> notes) {
        final String s = firstLine(content).strip();
        final int sp = indexOfBlank(s);
        if (sp < 0) {
            notes.accept("cpu.max: expected \"$MAX $PERIOD\", got " + Text.snippet(content));
            return new CpuMax(UsageSnapshot.ABSENT, UsageSnapshot.ABSENT);
        }
        final String max = s.substring(0, sp);
        final long quota = max.equals("max") ? UsageSnapshot.UNLIMITED : Text.parseNonNegative(max);
        final long period = Text.parseNonNegative(s.substring(sp + 1));
        if (quota < 0 || period <= 0) {
            notes.accept("cpu.max: expected \"$MAX $PERIOD\", got " + Text.snippet(content));
            return new CpuMax(quota < 0 ? UsageSnapshot.ABSENT : quota, period <= 0 ? UsageSnapshot.ABSENT : period);
        }
        return new CpuMax(quota, period);
    }

    private static String firstLine(final String content) {
        if (content == null) {
            return "";
        }
        final int nl = content.indexOf('\n');
        return nl < 0 ? content : content.substring(0, nl);
    }

    private static int indexOfBlank(final String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}
