package io.github.jqperf.engine.result;

import io.github.jqperf.engine.spec.TestSpec;

/** What every typed {@link Result} shares: the measurement behind it and the figures all tests have. */
abstract class MeasuredResult {
    /** The spec, both sides' statistics and qperf's computed figures. */
    final Measured m;

    MeasuredResult(final Measured m) {
        this.m = m;
    }

    /** The test-specific figures for {@link #toString()}, each followed by ", ". */
    abstract String figures();

    /** What was run. */
    public TestSpec spec() {
        return m.spec();
    }

    /** Messages per second, as qperf computes {@code msg_rate}. */
    public double msgRatePerSecond() {
        return m.calc().msgRatePerSec();
    }

    /** CPUs busy on the client's machine during the run (1.0 = one CPU). */
    public double localCpusUsed() {
        return m.calc().loc().cpusUsed();
    }

    /** CPUs busy on the server's machine during the run (1.0 = one CPU). */
    public double remoteCpusUsed() {
        return m.calc().rem().cpusUsed();
    }

    /** The client's node values (times, CPU ticks). */
    public NodeResult localNode() {
        return m.calc().loc();
    }

    /** The server's node values (times, CPU ticks). */
    public NodeResult remoteNode() {
        return m.calc().rem();
    }

    /** The client's raw statistics. */
    public Stat localStat() {
        return m.local();
    }

    /** The server's raw statistics (its STAT). */
    public Stat remoteStat() {
        return m.remote();
    }

    /** What the run recorded beyond qperf's counters. */
    public Observations observations() {
        return m.observed();
    }

    @Override
    public boolean equals(final Object o) {
        return o != null && o.getClass() == getClass() && m.equals(((MeasuredResult) o).m);
    }

    @Override
    public int hashCode() {
        return m.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + spec().kind().qperfName() + ", msgSizeBytes="
                + spec().msgSizeBytes() + ", timeSeconds=" + spec().timeSeconds() + ", " + figures()
                + "msgRatePerSecond=" + msgRatePerSecond() + ", localCpusUsed=" + localCpusUsed()
                + ", remoteCpusUsed=" + remoteCpusUsed() + "]";
    }
}
