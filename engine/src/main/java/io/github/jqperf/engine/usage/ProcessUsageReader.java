package io.github.jqperf.engine.usage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a {@link Scope#PROCESS} {@link UsageSnapshot}: CPU from {@code /proc/self/stat} ({@link ProcPidStat}: why that
 * file), memory from {@code /proc/self/status} ({@link ProcPidStatus}). {@link #read()} never throws; it allocates
 * (two small file reads, about 20 µs): call it at test start and end, never per message.
 */
public final class ProcessUsageReader {
    private final Path procPidDir;

    /** A reader of this process ({@code /proc/self}). */
    public ProcessUsageReader() {
        this(Path.of("/proc/self"));
    }

    /** A reader of the process whose {@code /proc/[pid]} directory (or a fixture copy of it) is given. */
    public ProcessUsageReader(final Path procPidDir) {
        this.procPidDir = procPidDir;
    }

    /** The current counters. */
    public UsageSnapshot read() {
        final List<String> notes = new ArrayList<>();
        final Consumer<String> note = notes::add;
        final String stat = CgroupUsageReader.read(procPidDir, "stat", note);
        final ProcPidStat cpu = stat == null
                ? new ProcPidStat(UsageSnapshot.ABSENT, UsageSnapshot.ABSENT)
                : ProcPidStat.parse(stat, note);
        final String status = CgroupUsageReader.read(procPidDir, "status", note);
        final ProcPidStatus mem = status == null
                ? new ProcPidStatus(UsageSnapshot.ABSENT, UsageSnapshot.ABSENT)
                : ProcPidStatus.parse(status, note);
        if (stat == null || status == null) {
            notes.add("process: no readable stat and status in " + procPidDir);
        }
        final long userNs = cpu.userNs();
        final long systemNs = cpu.systemNs();
        final long cpuNs = userNs < 0 || systemNs < 0 ? UsageSnapshot.ABSENT : userNs + systemNs;
        final long a = UsageSnapshot.ABSENT;
        return new UsageSnapshot(
                Scope.PROCESS, cpuNs, userNs, systemNs, a, a, a, a, a, mem.rssBytes(), mem.peakRssBytes(), a, notes);
    }
}
