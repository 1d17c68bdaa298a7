/**
 * CPU and memory accounting per side, in three scopes (internal; issue 10): the {@link
 * io.github.jqperf.engine.usage.Scope#PROCESS process} ({@code /proc/self/stat}, {@code /proc/self/status}), its
 * {@link io.github.jqperf.engine.usage.Scope#CGROUP cgroup} (v2 {@code cpu.stat}/{@code memory.current}, or the v1
 * {@code cpuacct}/{@code cpu}/{@code memory} controllers on v1 and hybrid hosts) and the {@link
 * io.github.jqperf.engine.usage.Scope#SYSTEM system} ({@code /proc/stat}, the view qperf reports).
 *
 * <p>Parsing is pure ({@code parse(String, ...)} methods on {@link io.github.jqperf.engine.usage.ProcPidStat},
 * {@link io.github.jqperf.engine.usage.ProcPidStatus}, {@link io.github.jqperf.engine.usage.ProcStatCpu},
 * {@link io.github.jqperf.engine.usage.CgroupFiles}, {@link io.github.jqperf.engine.usage.CgroupLocator#locate});
 * the readers do the file I/O and never throw on a readable but odd file: the value is absent ({@link
 * io.github.jqperf.engine.usage.UsageSnapshot#ABSENT}) and the snapshot carries a one-line note. The cost arithmetic
 * ({@link io.github.jqperf.engine.usage.UsageCost}) is pure. Nothing here is on a per-message path.
 */
package io.github.jqperf.engine.usage;
