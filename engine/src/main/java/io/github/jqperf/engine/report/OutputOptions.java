package io.github.jqperf.engine.report;

/**
 * How results are printed: qperf's verbosity levels and unit options (docs/protocol.md §8.3, §8.4, §9.3). Immutable: start from
 * {@link #DEFAULT} and derive with the {@code with...}/{@code verbose...} methods, which apply the options as qperf
 * applies them in command-line order.
 */
public final class OutputOptions {
    /** qperf's default: nothing verbose, 3 significant digits. */
    public static final OutputOptions DEFAULT = new OutputOptions(0, 0, 0, 0, false, false, false, 3, false);

    private final int confLevel;
    private final int statLevel;
    private final int timeLevel;
    private final int usedLevel;
    private final boolean unifyUnits;
    private final boolean bitsPerSec;
    private final boolean unifyNodes;
    private final int precision;
    private final boolean debug;

    private OutputOptions(
            final int confLevel,
            final int statLevel,
            final int timeLevel,
            final int usedLevel,
            final boolean unifyUnits,
            final boolean bitsPerSec,
            final boolean unifyNodes,
            final int precision,
            final boolean debug) {
        this.confLevel = confLevel;
        this.statLevel = statLevel;
        this.timeLevel = timeLevel;
        this.usedLevel = usedLevel;
        this.unifyUnits = unifyUnits;
        this.bitsPerSec = bitsPerSec;
        this.unifyNodes = unifyNodes;
        this.precision = precision;
        this.debug = debug;
    }

    /** 0..2: {@code -vc} / {@code -vvc}. */
    public int confLevel() {
        return confLevel;
    }

    /** 0..2: {@code -vs} / {@code -vvs} (msg_rate, errors, bytes, msgs). */
    public int statLevel() {
        return statLevel;
    }

    /** 0..2: {@code -vt} / {@code -vvt} (costs, cpus, times). */
    public int timeLevel() {
        return timeLevel;
    }

    /** 0..2: {@code -vu} / {@code -vvu} (used-parameter lines). */
    public int usedLevel() {
        return usedLevel;
    }

    /** {@code -uu}: no unit scaling, no commas, no KiB. */
    public boolean unifyUnits() {
        return unifyUnits;
    }

    /** {@code -ub}: bandwidth in bits/sec. */
    public boolean bitsPerSec() {
        return bitsPerSec;
    }

    /** {@code -un}: loc_/rem_ naming instead of send_/recv_. */
    public boolean unifyNodes() {
        return unifyNodes;
    }

    /** {@code -e}: significant digits (default 3). */
    public int precision() {
        return precision;
    }

    /** {@code -D}: l_/r_ debug lines. */
    public boolean debug() {
        return debug;
    }

    /** {@code -v}: raises each level to at least 1. */
    public OutputOptions verbose() {
        return new OutputOptions(
                Math.max(1, confLevel),
                Math.max(1, statLevel),
                Math.max(1, timeLevel),
                Math.max(1, usedLevel),
                unifyUnits,
                bitsPerSec,
                unifyNodes,
                precision,
                debug);
    }

    /** {@code -vv}: sets every level to 2. */
    public OutputOptions verboseMore() {
        return new OutputOptions(2, 2, 2, 2, unifyUnits, bitsPerSec, unifyNodes, precision, debug);
    }

    /** Sets the conf level ({@code -vc} = 1, {@code -vvc} = 2). */
    public OutputOptions withConfLevel(final int level) {
        return new OutputOptions(
                level, statLevel, timeLevel, usedLevel, unifyUnits, bitsPerSec, unifyNodes, precision, debug);
    }

    /** Sets the stat level. */
    public OutputOptions withStatLevel(final int level) {
        return new OutputOptions(
                confLevel, level, timeLevel, usedLevel, unifyUnits, bitsPerSec, unifyNodes, precision, debug);
    }

    /** Sets the time level. */
    public OutputOptions withTimeLevel(final int level) {
        return new OutputOptions(
                confLevel, statLevel, level, usedLevel, unifyUnits, bitsPerSec, unifyNodes, precision, debug);
    }

    /** Sets the used level. */
    public OutputOptions withUsedLevel(final int level) {
        return new OutputOptions(
                confLevel, statLevel, timeLevel, level, unifyUnits, bitsPerSec, unifyNodes, precision, debug);
    }

    /** {@code -uu}. */
    public OutputOptions withUnifyUnits(final boolean on) {
        return new OutputOptions(
                confLevel, statLevel, timeLevel, usedLevel, on, bitsPerSec, unifyNodes, precision, debug);
    }

    /** {@code -ub}. */
    public OutputOptions withBitsPerSec(final boolean on) {
        return new OutputOptions(
                confLevel, statLevel, timeLevel, usedLevel, unifyUnits, on, unifyNodes, precision, debug);
    }

    /** {@code -un}. */
    public OutputOptions withUnifyNodes(final boolean on) {
        return new OutputOptions(
                confLevel, statLevel, timeLevel, usedLevel, unifyUnits, bitsPerSec, on, precision, debug);
    }

    /** {@code -e N}. */
    public OutputOptions withPrecision(final int digits) {
        return new OutputOptions(
                confLevel, statLevel, timeLevel, usedLevel, unifyUnits, bitsPerSec, unifyNodes, digits, debug);
    }

    /** {@code -D}. */
    public OutputOptions withDebug(final boolean on) {
        return new OutputOptions(
                confLevel, statLevel, timeLevel, usedLevel, unifyUnits, bitsPerSec, unifyNodes, precision, on);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof OutputOptions x
                && confLevel == x.confLevel
                && statLevel == x.statLevel
                && timeLevel == x.timeLevel
                && usedLevel == x.usedLevel
                && unifyUnits == x.unifyUnits
                && bitsPerSec == x.bitsPerSec
                && unifyNodes == x.unifyNodes
                && precision == x.precision
                && debug == x.debug;
    }

    @Override
    public int hashCode() {
        int h = ((confLevel * 3 + statLevel) * 3 + timeLevel) * 3 + usedLevel;
        h = h * 31 + precision;
        return (((h * 2 + (unifyUnits ? 1 : 0)) * 2 + (bitsPerSec ? 1 : 0)) * 2 + (unifyNodes ? 1 : 0)) * 2
                + (debug ? 1 : 0);
    }

    @Override
    public String toString() {
        return "OutputOptions[confLevel=" + confLevel + ", statLevel=" + statLevel + ", timeLevel=" + timeLevel
                + ", usedLevel=" + usedLevel + ", unifyUnits=" + unifyUnits + ", bitsPerSec=" + bitsPerSec
                + ", unifyNodes=" + unifyNodes + ", precision=" + precision + ", debug=" + debug + "]";
    }
}
