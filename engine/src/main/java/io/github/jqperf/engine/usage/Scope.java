package io.github.jqperf.engine.usage;

/** Where a {@link UsageSnapshot} was taken. */
public enum Scope {
    /** This JVM process, all its threads, live and exited ({@code /proc/self/stat}, {@code /proc/self/status}). */
    PROCESS,
    /**
     * The cgroup this process belongs to (a container or pod): everything in it, the peer too when both sides share
     * it, and the whole machine when the cgroup is the hierarchy's root.
     */
    CGROUP,
    /** The whole machine ({@code /proc/stat}): what qperf reports, both sides included on loopback. */
    SYSTEM
}
