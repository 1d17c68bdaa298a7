package io.github.jqperf.engine.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.jqperf.engine.usage.CgroupLocation.ControllerDir;
import io.github.jqperf.engine.usage.CgroupLocation.Layout;
import io.github.jqperf.engine.usage.MountInfo.Mount;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The readers on this machine's own process and cgroups, and on child cgroups the test creates (root only): a v1
 * {@code cpu} cgroup with a CFS quota of 20 ms per 100 ms, and a cgroup2 child. Nothing asserts absolute times: only
 * growth, consistency between scopes and the quota's upper bound.
 */
@Timeout(60)
class UsageLiveIT {
    private static final long TICK_NS = ProcPidStat.NS_PER_TICK;

    private static void assumeLinuxProc() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
    }

    /** Burns this thread's CPU for about {@code ms} of wall time; returns the thread CPU time used, ns. */
    private static long burn(final long ms) {
        final var threads = ManagementFactory.getThreadMXBean();
        final long cpu0 = threads.getCurrentThreadCpuTime();
        final long end = System.nanoTime() + ms * 1_000_000L;
        long x = 1;
        while (System.nanoTime() < end) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        assertThat(x).isNotEqualTo(42);
        return threads.getCurrentThreadCpuTime() - cpu0;
    }

    @Test
    void shouldSeeOwnProcessCgroupAndSystemCountersGrowAfterBurningCpu() {
        assumeLinuxProc();
        final UsageSampler sampler = new UsageSampler();
        final CgroupLocation loc = sampler.cgroupLocation();
        System.out.println("[usage] cgroup location: " + loc);
        if (loc.layout() == Layout.HYBRID) { // this project's machines: cpu/memory from v1
            assertThat(loc.cpuacct()).get().extracting(ControllerDir::v2).isEqualTo(false);
            assertThat(loc.memory()).get().extracting(ControllerDir::v2).isEqualTo(false);
        }
        final UsageSample a = sampler.sample();
        final long threadCpuNs = burn(200);
        final UsageSample b = sampler.sample();
        System.out.println("[usage] before: " + a);
        System.out.println("[usage] after:  " + b);

        final UsageCost process = UsageCost.between(a, b, Scope.PROCESS, 0, 0);
        assertThat(process.notes()).isEmpty();
        assertThat(process.cpuNs()).as("process CPU grew").isPositive();
        // the process includes the burning thread; /proc/self/stat truncates to whole ticks at both ends
        assertThat(process.cpuNs()).isGreaterThanOrEqualTo(threadCpuNs - 2 * TICK_NS);
        assertThat(process.cpusUsed()).isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors() + 0.5);
        assertThat(b.process().memoryCurrentBytes()).isPositive();
        assertThat(b.process().memoryPeakBytes())
                .isGreaterThanOrEqualTo(b.process().memoryCurrentBytes());

        final UsageCost system = UsageCost.between(a, b, Scope.SYSTEM, 0, 0);
        assertThat(system.cpuNs()).as("machine CPU grew").isPositive();

        if (loc.cpuacct().isPresent()) {
            final UsageCost cgroup = UsageCost.between(a, b, Scope.CGROUP, 0, 0);
            System.out.println("[usage] cgroup cost: " + cgroup);
            assertThat(cgroup.cpuNs()).as("cgroup CPU grew").isPositive();
            // the cgroup contains this process: it used at least what the process did (process is tick-truncated)
            assertThat(cgroup.cpuNs()).isGreaterThanOrEqualTo(process.cpuNs() - 2 * TICK_NS);
        }
        if (loc.memory().isPresent() && b.cgroup().memoryCurrentBytes() != UsageSnapshot.ABSENT) {
            assertThat(b.cgroup().memoryCurrentBytes()).isPositive();
        }
    }

    @Test
    void shouldSeeAV1CfsQuotaThrottleAChildProcess() throws Exception {
        assumeLinuxProc();
        final CgroupLocation self = CgroupLocator.locateSelf();
        assumeTrue(
                self.cpu().isPresent()
                        && !self.cpu().get().v2()
                        && self.cpuacct().isPresent()
                        && !self.cpuacct().get().v2(),
                "needs the v1 cpu and cpuacct controllers: " + self);
        final String name = "jqperf-usage-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        final List<Path> created = new ArrayList<>();
        Process child = null;
        try {
            final Path cpuDir = self.cpu().get().dir().resolve(name);
            final Path acctDir = self.cpuacct().get().dir().resolve(name);
            assumeTrue(mkdir(cpuDir, created), "cannot create " + cpuDir + " (not root, or read-only cgroupfs)");
            if (!acctDir.equals(cpuDir)) {
                assumeTrue(mkdir(acctDir, created), "cannot create " + acctDir);
            }
            Files.writeString(cpuDir.resolve("cpu.cfs_period_us"), "100000");
            Files.writeString(cpuDir.resolve("cpu.cfs_quota_us"), "20000");
            child = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
            final String pid = Long.toString(child.pid());
            Files.writeString(cpuDir.resolve("cgroup.procs"), pid);
            if (!acctDir.equals(cpuDir)) {
                Files.writeString(acctDir.resolve("cgroup.procs"), pid);
            }
            // the locator, run on the child's /proc entry, finds the directories just created
            final CgroupLocation loc = CgroupLocator.locateProcess(Path.of("/proc", pid));
            assertThat(loc.cpu()).get().extracting(ControllerDir::dir).isEqualTo(cpuDir);
            assertThat(loc.cpuacct()).get().extracting(ControllerDir::dir).isEqualTo(acctDir);
            final CgroupUsageReader reader = new CgroupUsageReader(loc);
            final UsageSnapshot s0 = reader.read();
            final long t0 = System.nanoTime();
            Thread.sleep(500);
            final UsageSnapshot s1 = reader.read();
            final long t1 = System.nanoTime();
            final UsageCost cost = UsageCost.between(s0, s1, t1 - t0, 0, 0);
            System.out.println("[usage] v1 throttled child " + cpuDir + ": " + s1);
            System.out.println("[usage] v1 throttled child cost: " + cost);
            assertThat(s1.cpuLimitCpus()).isEqualTo(0.2);
            assertThat(cost.cpuNs()).as("the child ran").isPositive();
            assertThat(cost.nrThrottled()).as("nr_throttled").isPositive();
            assertThat(cost.throttledNs()).as("throttled_time").isPositive();
            // 20 ms per 100 ms period; an interval of about 0.5 s overlaps at most 6 periods (<= 0.24 CPUs), and CFS
            // may overrun a period's quota by up to a scheduler tick: measured 0.225 here
            assertThat(cost.cpusUsed()).as("CPUs used under a 0.2-CPU quota").isLessThanOrEqualTo(0.28);
        } finally {
            cleanUp(child, created);
        }
    }

    @Test
    void shouldReadCpuStatOfACgroup2Child() throws Exception {
        assumeLinuxProc();
        final String cgroupFile = Files.readString(Path.of("/proc/self/cgroup"));
        final Optional<String> v2Path = cgroupFile
                .lines()
                .filter(l -> l.startsWith("0::"))
                .map(l -> l.substring(3))
                .findFirst();
        final Optional<Mount> v2Mount =
                MountInfo.cgroupMounts(Files.readString(Path.of("/proc/self/mountinfo")), n -> {}).stream()
                        .filter(Mount::v2)
                        .filter(m -> m.root().equals("/"))
                        .findFirst();
        assumeTrue(
                v2Path.isPresent() && v2Mount.isPresent() && v2Path.get().startsWith("/"),
                "needs a cgroup2 mount of the hierarchy root");
        final Path own = Path.of(v2Mount.get().mountPoint() + v2Path.get());
        final Path dir =
                own.resolve("jqperf-usage-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        final List<Path> created = new ArrayList<>();
        Process child = null;
        try {
            assumeTrue(mkdir(dir, created), "cannot create " + dir + " (not root, or read-only cgroupfs)");
            child = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
            Files.writeString(dir.resolve("cgroup.procs"), Long.toString(child.pid()));
            final Optional<ControllerDir> d = Optional.of(new ControllerDir(dir, true, "/" + own.relativize(dir)));
            final CgroupUsageReader reader = new CgroupUsageReader(new CgroupLocation(Layout.V2, d, d, d, List.of()));
            final UsageSnapshot s0 = reader.read();
            final long t0 = System.nanoTime();
            Thread.sleep(300);
            final UsageSnapshot s1 = reader.read();
            final long t1 = System.nanoTime();
            final UsageCost cost = UsageCost.between(s0, s1, t1 - t0, 0, 0);
            System.out.println("[usage] cgroup2 child " + dir + ": " + s1);
            System.out.println("[usage] cgroup2 child cost: " + cost);
            assertThat(s1.notes()).isEmpty();
            assertThat(s1.cpuNs()).isPositive();
            assertThat(cost.cpuNs()).as("usage_usec grew").isPositive();
            assertThat(cost.cpusUsed()).isLessThanOrEqualTo(1.05); // one shell loop: at most one CPU
            final String controllers = Files.readString(dir.resolve("cgroup.controllers"));
            if (!controllers.contains("cpu")) { // hybrid: no cpu controller on cgroup2, so no bandwidth keys
                assertThat(s1.nrPeriods()).isEqualTo(UsageSnapshot.ABSENT);
                assertThat(s1.cpuQuotaUsec()).isEqualTo(UsageSnapshot.ABSENT);
            }
            if (!controllers.contains("memory")) {
                assertThat(s1.memoryCurrentBytes()).isEqualTo(UsageSnapshot.ABSENT);
            }
        } finally {
            cleanUp(child, created);
        }
    }

    private static boolean mkdir(final Path dir, final List<Path> created) {
        try {
            Files.createDirectory(dir);
            created.add(dir);
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Kills the child, waits for it, then removes the cgroups (rmdir fails while a task is still inside). */
    private static void cleanUp(final Process child, final List<Path> created) throws InterruptedException {
        if (child != null) {
            child.destroyForcibly();
            child.waitFor(5, TimeUnit.SECONDS);
        }
        for (final Path dir : created) {
            for (int attempt = 0; attempt < 50; attempt++) {
                try {
                    Files.delete(dir);
                    break;
                } catch (IOException e) {
                    Thread.sleep(20);
                }
            }
            assertThat(dir).as("cgroup removed").doesNotExist();
        }
    }
}
