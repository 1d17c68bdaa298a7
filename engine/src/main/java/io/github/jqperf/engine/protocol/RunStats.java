package io.github.jqperf.engine.protocol;

import io.github.jqperf.engine.result.Stat;

/**
 * Both sides' statistics of one measurement test, as the client's exchange ends with them.
 *
 * @param local  the client's own statistics
 * @param remote the server's STAT
 */
public record RunStats(Stat local, Stat remote) {}
