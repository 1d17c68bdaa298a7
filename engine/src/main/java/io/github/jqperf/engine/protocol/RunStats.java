package io.github.jqperf.engine.protocol;

import io.github.jqperf.engine.result.Observations;
import io.github.jqperf.engine.result.Stat;

/**
 * Both sides' statistics of one measurement test, as the client's exchange ends with them.
 *
 * @param local    the client's own statistics
 * @param remote   the server's STAT
 * @param observed what the run recorded beyond the STATs ({@link Observations#NONE} unless asked for)
 */
public record RunStats(Stat local, Stat remote, Observations observed) {
    /** Only the STATs. */
    public RunStats(final Stat local, final Stat remote) {
        this(local, remote, Observations.NONE);
    }
}
