package io.github.jqperf.engine.result;

import io.github.jqperf.engine.spec.TestSpec;

/** What every typed {@link Result} holds: the spec and qperf's full figure set (package-private). */
final class Measured {
    private final TestSpec spec;
    private final Stat local;
    private final Stat remote;
    private final TestResult calc;
    private final Observations observed;

    Measured(final TestSpec spec, final Stat local, final Stat remote, final Observations observed) {
        this.spec = spec;
        this.local = local;
        this.remote = remote;
        this.calc = TestResult.of(spec.kind(), local, remote);
        this.observed = observed;
    }

    /** What the run recorded beyond the STATs. */
    Observations observed() {
        return observed;
    }

    /** The client's statistics as measured. */
    Stat local() {
        return local;
    }

    /** The server's STAT as received. */
    Stat remote() {
        return remote;
    }

    TestSpec spec() {
        return spec;
    }

    TestResult calc() {
        return calc;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Measured m && spec.equals(m.spec) && calc.equals(m.calc);
    }

    @Override
    public int hashCode() {
        return spec.hashCode() * 31 + calc.hashCode();
    }
}
