package io.github.jqperf.engine.usage;

/**
 * Takes {@link UsageSample}s of the three scopes. The cgroup is located once, at construction. Thread-safe (no mutable
 * state); not for per-message paths.
 */
public final class UsageSampler {
    private final ProcessUsageReader process;
    private final CgroupUsageReader cgroup;
    private final SystemUsageReader system;

    /** Samples this process, its cgroup and the machine. */
    public UsageSampler() {
        this(new ProcessUsageReader(), CgroupUsageReader.forSelf(), new SystemUsageReader());
    }

    /** Samples the given readers (tests: fixture directories). */
    public UsageSampler(
            final ProcessUsageReader process, final CgroupUsageReader cgroup, final SystemUsageReader system) {
        this.process = process;
        this.cgroup = cgroup;
        this.system = system;
    }

    /** The cgroup reader's location. */
    public CgroupLocation cgroupLocation() {
        return cgroup.location();
    }

    /** Reads all three scopes; the timestamp is taken between the process and the cgroup reads. */
    public UsageSample sample() {
        final UsageSnapshot p = process.read();
        final long now = System.nanoTime();
        final UsageSnapshot c = cgroup.read();
        final UsageSnapshot s = system.read();
        return new UsageSample(now, p, c, s);
    }
}
