package io.github.jqperf.engine.usage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link Scope#SYSTEM} {@link UsageSnapshot} from {@code /proc/stat} ({@link ProcStatCpu}): CPU only, the whole
 * machine. {@link #read()} never throws.
 */
public final class SystemUsageReader {
    private final Path procStat;

    /** A reader of {@code /proc/stat}. */
    public SystemUsageReader() {
        this(Path.of("/proc/stat"));
    }

    /** A reader of the given file (a fixture copy of {@code /proc/stat}). */
    public SystemUsageReader(final Path procStat) {
        this.procStat = procStat;
    }

    /** The current counters. */
    public UsageSnapshot read() {
        final List<String> notes = new ArrayList<>();
        final String content = CgroupUsageReader.read(
                procStat.getParent(), procStat.getFileName().toString(), notes::add);
        final ProcStatCpu cpu = content == null ? null : ProcStatCpu.parse(content, notes::add);
        if (content == null) {
            notes.add("system: " + procStat + " does not exist");
        }
        return cpu == null ? UsageSnapshot.absent(Scope.SYSTEM, notes) : cpu.toSnapshot(notes);
    }
}
