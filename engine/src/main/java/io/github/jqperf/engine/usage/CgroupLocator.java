package io.github.jqperf.engine.usage;

import io.github.jqperf.engine.usage.CgroupLocation.ControllerDir;
import io.github.jqperf.engine.usage.CgroupLocation.Layout;
import io.github.jqperf.engine.usage.MountInfo.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds a process's cgroup directories from {@code /proc/[pid]/cgroup} and {@code /proc/[pid]/mountinfo}.
 *
 * <p>{@code /proc/[pid]/cgroup} (cgroups(7)) has one line per hierarchy, {@code hierarchy-ID:controller-list:path}:
 * {@code 0::/path} for cgroup2, {@code 4:cpu,cpuacct:/path} for a v1 hierarchy. The path is relative to the
 * hierarchy's root, or to the process's cgroup namespace root (then it is often just {@code /}). mountinfo's
 * {@code root} field is relative to the same namespace, so the directory is the mount point plus the path with the
 * mount's root stripped (a container that bind-mounts its own cgroup shows root = path, giving the mount point).
 *
 * <p>Each role (CPU usage, CPU bandwidth, memory) is looked up on its own: a controller that a v1 line lists is bound
 * to v1 (the kernel binds a controller to one hierarchy only), so on a hybrid host (v1 controllers plus a cgroup2 mount
 * with no controllers, as on the project's machines) it is read from v1 even though the cgroup2 directory also has a
 * {@code cpu.stat}. A controller no v1 line lists is read from cgroup2 when it is mounted.
 */
public final class CgroupLocator {
    private static final Path PROC_SELF = Path.of("/proc/self");

    private CgroupLocator() {}

    /** This process's location; {@link Layout#NONE} (with a note) when the files cannot be read. */
    public static CgroupLocation locateSelf() {
        return locateProcess(PROC_SELF);
    }

    /**
     * The location of the process whose {@code /proc/[pid]} directory is given (its cgroup file, read through this
     * process's mountinfo view of the same directory).
     */
    public static CgroupLocation locateProcess(final Path procPidDir) {
        final String cgroup;
        final String mountinfo;
        try {
            cgroup = Files.readString(procPidDir.resolve("cgroup"));
            mountinfo = Files.readString(procPidDir.resolve("mountinfo"));
        } catch (IOException | RuntimeException e) {
            return CgroupLocation.none(List.of("cgroup: cannot read " + procPidDir + "/cgroup or mountinfo: " + e));
        }
        return locate(cgroup, mountinfo);
    }

    /**
     * Pure: the location described by the two files' contents.
     *
     * @param procPidCgroup the content of {@code /proc/[pid]/cgroup}
     * @param mountinfo     the content of {@code /proc/[pid]/mountinfo}
     * @return the location; never null, never throws
     */
    public static CgroupLocation locate(final String procPidCgroup, final String mountinfo) {
        final List<String> notes = new ArrayList<>();
        final Consumer<String> note = notes::add;
        final List<Mount> mounts = MountInfo.cgroupMounts(mountinfo, note);
        String v2Path = null;
        final Map<String, String> v1Paths = new HashMap<>();
        String odd = null;
        for (final String raw : procPidCgroup == null ? new String[0] : procPidCgroup.split("\n", -1)) {
            if (raw.isBlank()) {
                continue;
            }
            final String[] f = raw.strip().split(":", 3);
            if (f.length < 3 || !f[2].startsWith("/")) {
                odd = odd == null ? raw : odd;
                continue;
            }
            if (f[0].equals("0") && f[1].isEmpty()) {
                v2Path = f[2];
            } else {
                for (final String c : f[1].split(",")) {
                    if (!c.isEmpty() && !c.startsWith("name=")) {
                        v1Paths.put(c, f[2]);
                    }
                }
            }
        }
        if (odd != null) {
            note.accept("cgroup: skipped a line that is not \"id:controllers:/path\": " + Text.snippet(odd));
        }
        final boolean hasV2Mount = mounts.stream().anyMatch(Mount::v2);
        if (v2Path != null && !hasV2Mount) {
            note.accept("cgroup: the process is in cgroup2 " + v2Path + " but no cgroup2 filesystem is mounted");
        }
        final String v2 = hasV2Mount ? v2Path : null;
        final boolean v1 = !v1Paths.isEmpty();
        final Layout layout = v1 && v2 != null ? Layout.HYBRID : v1 ? Layout.V1 : v2 != null ? Layout.V2 : Layout.NONE;
        if (layout == Layout.NONE) {
            return CgroupLocation.none(notes);
        }
        return new CgroupLocation(
                layout,
                find("cpuacct", v1Paths, v2, mounts, note),
                find("cpu", v1Paths, v2, mounts, note),
                find("memory", v1Paths, v2, mounts, note),
                notes);
    }

    private static Optional<ControllerDir> find(
            final String controller,
            final Map<String, String> v1Paths,
            final String v2Path,
            final List<Mount> mounts,
            final Consumer<String> note) {
        final String v1Path = v1Paths.get(controller);
        if (v1Path != null) {
            final Mount m = best(mounts, false, controller, v1Path);
            if (m == null) {
                note.accept(controller + ": listed in /proc/self/cgroup (v1) but not mounted");
                return Optional.empty();
            }
            return resolve(controller, m, v1Path, false, note);
        }
        if (v2Path == null) {
            return Optional.empty();
        }
        return resolve(controller, best(mounts, true, null, v2Path), v2Path, true, note);
    }

    /** Among the mounts of the hierarchy, the one whose root is the longest prefix of {@code path}, else the first. */
    private static Mount best(final List<Mount> mounts, final boolean v2, final String controller, final String path) {
        Mount first = null;
        Mount best = null;
        for (final Mount m : mounts) {
            if (m.v2() != v2 || (!v2 && !m.controllers().contains(controller))) {
                continue;
            }
            first = first == null ? m : first;
            if (isUnder(path, m.root())
                    && (best == null || m.root().length() > best.root().length())) {
                best = m;
            }
        }
        return best != null ? best : first;
    }

    private static Optional<ControllerDir> resolve(
            final String controller, final Mount m, final String path, final boolean v2, final Consumer<String> note) {
        if (path.equals("/..") || path.startsWith("/../") || path.contains("/../") || path.endsWith("/..")) {
            note.accept(controller + ": cgroup path " + path + " is outside this cgroup namespace");
            return Optional.empty();
        }
        if (!isUnder(path, m.root())) {
            note.accept(controller + ": cgroup path " + path + " is not under the mount's root " + m.root()
                    + " (mounted at " + m.mountPoint() + ")");
            return Optional.empty();
        }
        final String rel = m.root().equals("/") ? path : path.substring(m.root().length());
        final String relative = rel.startsWith("/") ? rel.substring(1) : rel;
        try {
            final Path mountPoint = Path.of(m.mountPoint());
            return Optional.of(
                    new ControllerDir(relative.isEmpty() ? mountPoint : mountPoint.resolve(relative), v2, path));
        } catch (InvalidPathException e) {
            note.accept(controller + ": not a usable path: " + Text.snippet(m.mountPoint() + " + " + path));
            return Optional.empty();
        }
    }

    private static boolean isUnder(final String path, final String root) {
        return root.equals("/") || path.equals(root) || path.startsWith(root + "/");
    }
}
