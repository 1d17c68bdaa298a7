package io.github.jqperf.engine.usage;

import java.util.function.Consumer;

/**
 * The memory lines of {@code /proc/[pid]/status} (proc(5)): {@code VmRSS} (resident set now) and {@code VmHWM} (its
 * peak, "high water mark", since the process started or since {@code 5} was written to {@code /proc/[pid]/clear_refs}),
 * both in kB.
 *
 * @param rssBytes     {@code VmRSS} in bytes
 * @param peakRssBytes {@code VmHWM} in bytes
 */
public record ProcPidStatus(long rssBytes, long peakRssBytes) {
    /**
     * Parses the file. A missing line is absent without a note (kernel threads have no {@code Vm*} lines); a line
     * that is present but odd gives a note.
     *
     * @param content the file's content
     * @param notes   receives a one-line diagnostic per odd line
     * @return the values, each {@link UsageSnapshot#ABSENT} if it could not be read
     */
    public static ProcPidStatus parse(final String content, final Consumer<String> notes) {
        long rss = UsageSnapshot.ABSENT;
        long hwm = UsageSnapshot.ABSENT;
        if (content != null) {
            for (final String line : content.split("\n", -1)) {
                if (line.startsWith("VmRSS:")) {
                    rss = kiloBytes(line, notes);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kiloBytes(line, notes);
                }
            }
        }
        return new ProcPidStatus(rss, hwm);
    }

    private static long kiloBytes(final String line, final Consumer<String> notes) {
        final String rest = line.substring(line.indexOf(':') + 1).strip();
        final int space = rest.indexOf(' ');
        final long kb = Text.parseNonNegative(space < 0 ? rest : rest.substring(0, space));
        final String unit = space < 0 ? "" : rest.substring(space + 1).strip();
        if (kb < 0 || !unit.equals("kB")) {
            notes.accept("/proc/self/status: expected \"<n> kB\" in " + Text.snippet(line));
            return UsageSnapshot.ABSENT;
        }
        return Text.times(kb, 1024);
    }
}
