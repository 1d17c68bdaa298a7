package io.github.jqperf.engine.usage;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.result.UsageReport;
import java.util.List;
import java.util.Optional;

/**
 * One run's usage window, taken at exactly the points where the run takes qperf's time snapshot: a {@link CpuSampler}
 * that passes every call on to qperf's sampler and takes a {@link UsageSample} before the first call (the run's start)
 * and after the second (its end). So the usage window holds qperf's window, and the few file reads stay outside it.
 * One instance per run; a run calls {@link #sample} twice, on its event loop; {@link #report} is read after the run's
 * result has completed (which orders it after the end sample).
 */
public final class RunUsageRecorder implements CpuSampler {
    private final CpuSampler qperf;
    private final UsageSampler usage;
    private volatile UsageSample start;
    private volatile UsageSample end;
    /** Calls so far: the first is the run's start, the second its end, later ones are passed on only. */
    private int calls;

    /**
     * @param qperf the run's CPU sampler (qperf's figures, unchanged)
     * @param usage the process, cgroup and system reader
     */
    public RunUsageRecorder(final CpuSampler qperf, final UsageSampler usage) {
        this.qperf = qperf;
        this.usage = usage;
    }

    @Override
    public void sample(final long[] into) {
        final int call = calls++;
        if (call == 0) {
            start = read();
            qperf.sample(into);
        } else {
            qperf.sample(into);
            if (call == 1) {
                end = read();
            }
        }
    }

    private UsageSample read() {
        try {
            return usage.sample();
        } catch (RuntimeException e) {
            return null; // never let accounting break a run; report() says it is missing
        }
    }

    /**
     * The run's report, or empty when the run did not start and end (or a sample failed).
     *
     * @param bytesSent     this side's sent bytes (its STAT)
     * @param bytesReceived this side's received bytes
     */
    public Optional<UsageReport> report(final long bytesSent, final long bytesReceived) {
        final UsageSample s = start;
        final UsageSample e = end;
        if (s == null || e == null) {
            return Optional.empty();
        }
        return Optional.of(UsageReports.report(
                s, e, bytesSent, bytesReceived, List.of(UsageReports.describe(usage.cgroupLocation()))));
    }
}
