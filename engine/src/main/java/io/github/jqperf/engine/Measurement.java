package io.github.jqperf.engine;

import io.github.jqperf.engine.result.Observations;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;

/**
 * The raw outcome of one measurement test: both sides' statistics, from which every printed figure is computed
 * (docs/protocol.md §6–§7).
 *
 * @param kind     the test
 * @param params   the parameters it ran with (defaults applied)
 * @param local    the client's own statistics
 * @param remote   the server's STAT
 * @param observed what the run recorded beyond the STATs ({@link Observations#NONE} unless asked for)
 */
public record Measurement(TestKind kind, ParamSet params, Stat local, Stat remote, Observations observed) {}
