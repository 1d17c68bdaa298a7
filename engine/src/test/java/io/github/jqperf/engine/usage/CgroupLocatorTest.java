package io.github.jqperf.engine.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.usage.CgroupLocation.ControllerDir;
import io.github.jqperf.engine.usage.CgroupLocation.Layout;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link CgroupLocator#locate} on captured and typical {@code /proc/self/cgroup} + mountinfo pairs. */
class CgroupLocatorTest {
    private static Optional<ControllerDir> v1(final String dir, final String path) {
        return Optional.of(new ControllerDir(Path.of(dir), false, path));
    }

    private static Optional<ControllerDir> v2(final String dir, final String path) {
        return Optional.of(new ControllerDir(Path.of(dir), true, path));
    }

    @Test
    void shouldReadCpuAndMemoryFromV1OnThisProjectsHybridHost() {
        final CgroupLocation l = Fixtures.locate("hybrid-host");
        assertThat(l.layout()).isEqualTo(Layout.HYBRID);
        // cpu and cpuacct are separate hierarchies here, and this shell sits at their roots
        assertThat(l.cpuacct()).isEqualTo(v1("/sys/fs/cgroup/cpuacct", "/"));
        assertThat(l.cpu()).isEqualTo(v1("/sys/fs/cgroup/cpu", "/"));
        assertThat(l.memory())
                .isEqualTo(v1(
                        "/sys/fs/cgroup/memory/process_api/7ad6346e22e5d86c6e24791b628a52bd",
                        "/process_api/7ad6346e22e5d86c6e24791b628a52bd"));
        assertThat(l.notes()).isEmpty();
    }

    @Test
    void shouldFindAChildMovedIntoV1AndUnifiedCgroups() {
        final CgroupLocation l = Fixtures.locate("hybrid-child");
        assertThat(l.layout()).isEqualTo(Layout.HYBRID);
        assertThat(l.cpuacct()).isEqualTo(v1("/sys/fs/cgroup/cpuacct/jqperf-fixture-6006", "/jqperf-fixture-6006"));
        assertThat(l.cpu()).isEqualTo(v1("/sys/fs/cgroup/cpu/jqperf-fixture-6006", "/jqperf-fixture-6006"));
        assertThat(l.notes()).isEmpty();
    }

    @Test
    void shouldUseTheUnifiedDirectoryForEverythingOnAPureV2Host() {
        final CgroupLocation l = Fixtures.locate("v2-host");
        assertThat(l.layout()).isEqualTo(Layout.V2);
        final var dir = v2(
                "/sys/fs/cgroup/user.slice/user-1000.slice/session-3.scope",
                "/user.slice/user-1000.slice/session-3.scope");
        assertThat(l.cpuacct()).isEqualTo(dir);
        assertThat(l.cpu()).isEqualTo(dir);
        assertThat(l.memory()).isEqualTo(dir);
        assertThat(l.notes()).isEmpty();
    }

    @Test
    void shouldUseTheMountPointInsideAV2PodsCgroupNamespace() {
        final CgroupLocation l = Fixtures.locate("v2-container");
        assertThat(l.layout()).isEqualTo(Layout.V2);
        assertThat(l.cpu()).isEqualTo(v2("/sys/fs/cgroup", "/"));
        assertThat(l.memory()).isEqualTo(v2("/sys/fs/cgroup", "/"));
        assertThat(l.notes()).isEmpty();
    }

    @Test
    void shouldFollowCoMountedCpuAndCpuacctOnAV1Host() {
        final CgroupLocation l = Fixtures.locate("v1-host");
        assertThat(l.layout()).isEqualTo(Layout.V1);
        final var cpu = v1("/sys/fs/cgroup/cpu,cpuacct/system.slice/docker.service", "/system.slice/docker.service");
        assertThat(l.cpuacct()).isEqualTo(cpu);
        assertThat(l.cpu()).isEqualTo(cpu);
        assertThat(l.memory())
                .isEqualTo(v1("/sys/fs/cgroup/memory/system.slice/docker.service", "/system.slice/docker.service"));
        assertThat(l.notes()).isEmpty();
    }

    @Test
    void shouldStripTheMountRootInAContainerThatBindMountsItsOwnV1Cgroups() {
        final CgroupLocation l = Fixtures.locate("v1-container");
        assertThat(l.layout()).isEqualTo(Layout.HYBRID);
        assertThat(l.cpu().orElseThrow().dir()).isEqualTo(Path.of("/sys/fs/cgroup/cpu"));
        assertThat(l.cpuacct().orElseThrow().dir()).isEqualTo(Path.of("/sys/fs/cgroup/cpuacct"));
        assertThat(l.memory().orElseThrow().dir()).isEqualTo(Path.of("/sys/fs/cgroup/memory"));
        assertThat(l.cpu().orElseThrow().v2()).isFalse();
        assertThat(l.notes()).isEmpty();
    }

    @Test
    void shouldPreferV1ControllersOverAnEmptyUnifiedMountOnASystemdHybridHost() {
        final CgroupLocation l = Fixtures.locate("systemd-hybrid");
        assertThat(l.layout()).isEqualTo(Layout.HYBRID);
        assertThat(l.cpu()).isEqualTo(v1("/sys/fs/cgroup/cpu,cpuacct/user.slice", "/user.slice"));
        assertThat(l.cpuacct()).isEqualTo(l.cpu());
        assertThat(l.memory())
                .isEqualTo(v1(
                        "/sys/fs/cgroup/memory/user.slice/user-1000.slice/session-2.scope",
                        "/user.slice/user-1000.slice/session-2.scope"));
        assertThat(l.notes()).isEmpty();
    }

    @Test
    void shouldPickTheFreshMountsInACgroupNamespaceThatRemountedCgroupfs() {
        // captured: unshare --cgroup --mount, then cpu, cpuacct and cgroup2 mounted again; memory was not
        final CgroupLocation l = Fixtures.locate("cgroupns-remount");
        assertThat(l.cpu()).isEqualTo(v1("/sys/fs/cgroup/cpu", "/"));
        assertThat(l.cpuacct()).isEqualTo(v1("/sys/fs/cgroup/cpuacct", "/"));
        assertThat(l.memory()).isEmpty();
        assertThat(l.notes())
                .singleElement()
                .asString()
                .isEqualTo(
                        "memory: cgroup path / is not under the mount's root /../.. (mounted at /sys/fs/cgroup/memory)");
    }

    @Test
    void shouldRefuseMountsWhoseRootLiesOutsideTheCgroupNamespace() {
        // captured: unshare --cgroup only; the inherited mounts show roots above the namespace ("/..")
        final CgroupLocation l = Fixtures.locate("cgroupns-noremount");
        assertThat(l.layout()).isEqualTo(Layout.HYBRID);
        assertThat(l.cpu()).isEmpty();
        assertThat(l.cpuacct()).isEmpty();
        assertThat(l.memory()).isEmpty();
        assertThat(l.notes()).hasSize(3).allSatisfy(n -> assertThat(n).contains("is not under the mount's root /.."));
    }

    @Test
    void shouldUnescapeOctalEscapesInMountPoints() {
        final CgroupLocation l = Fixtures.locate("v2-escaped");
        assertThat(l.cpu()).isEqualTo(v2("/mnt/cg root/app", "/app"));
    }

    @Test
    void shouldReportNoneWithANoteWhenCgroup2IsListedButNotMounted() {
        final CgroupLocation l = CgroupLocator.locate("0::/foo\n", "27 1 254:0 / / rw - ext4 /dev/vda rw\n");
        assertThat(l.layout()).isEqualTo(Layout.NONE);
        assertThat(l.notes()).singleElement().asString().contains("no cgroup2 filesystem is mounted");
        assertThat(CgroupLocator.locate("", "").layout()).isEqualTo(Layout.NONE);
    }

    @Test
    void shouldNoteAV1ControllerThatIsNotMountedAndAPathOutsideTheNamespace() {
        final String mounts = "32 31 0:29 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n";
        final CgroupLocation l = CgroupLocator.locate("2:cpuacct:/a\n1:cpu:/../../elsewhere\n", mounts);
        assertThat(l.layout()).isEqualTo(Layout.V1);
        assertThat(l.cpuacct()).isEmpty();
        assertThat(l.cpu()).isEmpty();
        assertThat(l.memory()).isEmpty();
        assertThat(l.notes())
                .containsExactly(
                        "cpuacct: listed in /proc/self/cgroup (v1) but not mounted",
                        "cpu: cgroup path /../../elsewhere is outside this cgroup namespace");
    }

    @Test
    void shouldSkipGarbledLinesWithOneNoteEach() {
        final CgroupLocation l = CgroupLocator.locate(
                "garbage\n0::/x\n",
                "not a mountinfo line\n41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n");
        assertThat(l.layout()).isEqualTo(Layout.V2);
        assertThat(l.cpu()).isEqualTo(v2("/sys/fs/cgroup/unified/x", "/x"));
        assertThat(l.notes()).hasSize(2);
    }
}
