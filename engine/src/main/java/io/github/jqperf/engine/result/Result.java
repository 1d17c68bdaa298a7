package io.github.jqperf.engine.result;

import io.github.jqperf.engine.spec.TestSpec;

/**
 * PLACEHOLDER, TO BE REPLACED AT MERGE by helper "spec"'s sealed {@code Result} (per-kind records, each with
 * {@code spec()}). Only {@link #of} and {@link #spec()} are relied upon by the facade and its tests.
 */
public interface Result {
    /** The spec the test ran with. */
    TestSpec spec();

    /** The typed result of a test that ran with {@code spec}: the client's and the server's statistics. */
    static Result of(final TestSpec spec, final Stat local, final Stat remote) {
        return new Placeholder(spec, local, remote);
    }

    /**
     * Placeholder record (replaced at merge).
     *
     * @param spec   the spec
     * @param local  the client's statistics
     * @param remote the server's STAT
     */
    record Placeholder(TestSpec spec, Stat local, Stat remote) implements Result {
    }
}
