package io.github.jqperf.engine.usage;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a process's cgroup interface files are, per role, as {@link CgroupLocator} found them.
 *
 * @param layout  what the host mounts
 * @param cpuacct CPU usage: v1 {@code cpuacct} or the v2 directory ({@code cpu.stat}'s {@code usage_usec})
 * @param cpu     CPU bandwidth (quota and throttling): v1 {@code cpu} or the v2 directory
 * @param memory  memory: v1 {@code memory} or the v2 directory
 * @param notes   one-line diagnostics (a controller listed but not mounted, a path outside its mount, ...)
 */
public record CgroupLocation(
        Layout layout,
        Optional<ControllerDir> cpuacct,
        Optional<ControllerDir> cpu,
        Optional<ControllerDir> memory,
        List<String> notes) {
    /** What the host mounts. */
    public enum Layout {
        /** Only cgroup2 (current distributions, Kubernetes nodes with cgroup v2). */
        V2,
        /** Only v1 hierarchies. */
        V1,
        /** v1 controllers plus a cgroup2 mount (systemd's "hybrid"): controllers bound to v1 are read there. */
        HYBRID,
        /** No cgroup information (not Linux, or /proc/self/cgroup unreadable). */
        NONE
    }

    /**
     * One controller's directory.
     *
     * @param dir        the directory holding the interface files
     * @param v2         true for cgroup2 file names ({@code cpu.stat}, {@code memory.current}), false for v1
     * @param cgroupPath the process's path in that hierarchy as {@code /proc/self/cgroup} shows it; {@code "/"} is the
     *                   root (the whole machine, or the container's own root inside a cgroup namespace)
     */
    public record ControllerDir(Path dir, boolean v2, String cgroupPath) {}

    /** Copies {@code notes}. */
    public CgroupLocation {
        notes = List.copyOf(notes);
    }

    /** Nothing found. */
    public static CgroupLocation none(final List<String> notes) {
        return new CgroupLocation(Layout.NONE, Optional.empty(), Optional.empty(), Optional.empty(), notes);
    }
}
