package io.github.jqperf.engine.usage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The cgroup mounts of {@code /proc/[pid]/mountinfo} (proc(5)):
 * {@code 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue}, i.e. mount ID, parent ID,
 * major:minor, root (the mounted directory inside its filesystem, for cgroupfs relative to the reader's cgroup
 * namespace), mount point, mount options, optional fields ending with {@code -}, filesystem type, source and super
 * options (for cgroup v1: the controllers, e.g. {@code rw,cpu,cpuacct}). Spaces, tabs, newlines and backslashes in
 * paths are escaped as octal ({@code \040}).
 */
final class MountInfo {
    /**
     * One cgroup mount.
     *
     * @param root        the mounted cgroup directory, relative to the hierarchy (or namespace) root
     * @param mountPoint  where it is mounted
     * @param v2          fstype {@code cgroup2}
     * @param controllers v1 controllers (and {@code name=...}) from the super options; empty for v2
     */
    record Mount(String root, String mountPoint, boolean v2, Set<String> controllers) {}

    private static final Set<String> NOT_CONTROLLERS = Set.of(
            "rw",
            "ro",
            "none",
            "xattr",
            "noprefix",
            "clone_children",
            "cpuset_v2_mode",
            "nsdelegate",
            "memory_recursiveprot",
            "memory_localevents",
            "memory_hugetlb_accounting",
            "favordynmods");

    private MountInfo() {}

    /** The cgroup and cgroup2 mounts in file order; odd lines are skipped with one note. */
    static List<Mount> cgroupMounts(final String content, final Consumer<String> notes) {
        final List<Mount> out = new ArrayList<>();
        if (content == null) {
            return out;
        }
        String odd = null;
        for (final String line : content.split("\n", -1)) {
            if (line.isBlank()) {
                continue;
            }
            final String[] f = line.strip().split(" ");
            final int dash = Arrays.asList(f).indexOf("-");
            if (dash < 6 || dash + 3 > f.length) {
                odd = odd == null ? line : odd;
                continue;
            }
            final String fsType = f[dash + 1];
            if (!fsType.equals("cgroup") && !fsType.equals("cgroup2")) {
                continue;
            }
            final boolean v2 = fsType.equals("cgroup2");
            final Set<String> controllers = new java.util.LinkedHashSet<>();
            if (!v2 && dash + 3 < f.length) {
                for (final String o : f[dash + 3].split(",")) {
                    if (!o.isEmpty() && !NOT_CONTROLLERS.contains(o) && !o.startsWith("release_agent=")) {
                        controllers.add(o);
                    }
                }
            }
            out.add(new Mount(unescape(f[3]), unescape(f[4]), v2, Set.copyOf(controllers)));
        }
        if (odd != null) {
            notes.accept("mountinfo: skipped a line without \"- fstype source options\": " + Text.snippet(odd));
        }
        return out;
    }

    /** Undoes the kernel's octal escapes ({@code \040} = space, {@code \011}, {@code \012}, {@code \134}). */
    static String unescape(final String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        final StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(final String s, final int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
