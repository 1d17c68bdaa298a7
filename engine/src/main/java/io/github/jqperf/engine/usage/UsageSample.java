package io.github.jqperf.engine.usage;

/**
 * The three scopes read at (nearly) one instant.
 *
 * @param monotonicNs {@link System#nanoTime()} when the sample was taken (between the reads, which take some tens of
 *                    µs)
 * @param process     this process
 * @param cgroup      its cgroup
 * @param system      the machine
 */
public record UsageSample(long monotonicNs, UsageSnapshot process, UsageSnapshot cgroup, UsageSnapshot system) {
    /** The snapshot of one scope. */
    public UsageSnapshot of(final Scope scope) {
        return switch (scope) {
            case PROCESS -> process;
            case CGROUP -> cgroup;
            case SYSTEM -> system;
        };
    }
}
