package io.github.jqperf.engine.report;

/**
 * How results are printed: qperf's verbosity levels and unit options (spec §9.3, §9.4, §10.3).
 *
 * @param confLevel   0..2: {@code -vc} / {@code -vvc}
 * @param statLevel   0..2: {@code -vs} / {@code -vvs} (msg_rate, errors, bytes, msgs)
 * @param timeLevel   0..2: {@code -vt} / {@code -vvt} (costs, cpus, times)
 * @param usedLevel   0..2: {@code -vu} / {@code -vvu} (used-parameter lines)
 * @param unifyUnits  {@code -uu}: no unit scaling, no commas, no KiB
 * @param bitsPerSec  {@code -ub}: bandwidth in bits/sec
 * @param unifyNodes  {@code -un}: loc_/rem_ naming instead of send_/recv_
 * @param precision   {@code -e}: significant digits (default 3)
 * @param debug       {@code -D}: l_/r_ debug lines
 */
public record OutputOptions(int confLevel, int statLevel, int timeLevel, int usedLevel, boolean unifyUnits,
                            boolean bitsPerSec, boolean unifyNodes, int precision, boolean debug) {
    /** qperf's default: nothing verbose, 3 significant digits. */
    public static final OutputOptions DEFAULT = new OutputOptions(0, 0, 0, 0, false, false, false, 3, false);

    /** {@code -v}: raises each level to at least 1. */
    public OutputOptions verbose() {
        return new OutputOptions(Math.max(1, confLevel), Math.max(1, statLevel), Math.max(1, timeLevel),
            Math.max(1, usedLevel), unifyUnits, bitsPerSec, unifyNodes, precision, debug);
    }

    /** {@code -vv}: sets every level to 2. */
    public OutputOptions verboseMore() {
        return new OutputOptions(2, 2, 2, 2, unifyUnits, bitsPerSec, unifyNodes, precision, debug);
    }

    /** Sets the conf level ({@code -vc} = 1, {@code -vvc} = 2). */
    public OutputOptions withConfLevel(final int level) {
        return new OutputOptions(level, statLevel, timeLevel, usedLevel, unifyUnits, bitsPerSec, unifyNodes,
            precision, debug);
    }

    /** Sets the stat level. */
    public OutputOptions withStatLevel(final int level) {
        return new OutputOptions(confLevel, level, timeLevel, usedLevel, unifyUnits, bitsPerSec, unifyNodes,
            precision, debug);
    }

    /** Sets the time level. */
    public OutputOptions withTimeLevel(final int level) {
        return new OutputOptions(confLevel, statLevel, level, usedLevel, unifyUnits, bitsPerSec, unifyNodes,
            precision, debug);
    }

    /** Sets the used level. */
    public OutputOptions withUsedLevel(final int level) {
        return new OutputOptions(confLevel, statLevel, timeLevel, level, unifyUnits, bitsPerSec, unifyNodes,
            precision, debug);
    }

    /** {@code -uu}. */
    public OutputOptions withUnifyUnits(final boolean on) {
        return new OutputOptions(confLevel, statLevel, timeLevel, usedLevel, on, bitsPerSec, unifyNodes, precision,
            debug);
    }

    /** {@code -ub}. */
    public OutputOptions withBitsPerSec(final boolean on) {
        return new OutputOptions(confLevel, statLevel, timeLevel, usedLevel, unifyUnits, on, unifyNodes, precision,
            debug);
    }

    /** {@code -un}. */
    public OutputOptions withUnifyNodes(final boolean on) {
        return new OutputOptions(confLevel, statLevel, timeLevel, usedLevel, unifyUnits, bitsPerSec, on, precision,
            debug);
    }

    /** {@code -e N}. */
    public OutputOptions withPrecision(final int digits) {
        return new OutputOptions(confLevel, statLevel, timeLevel, usedLevel, unifyUnits, bitsPerSec, unifyNodes,
            digits, debug);
    }

    /** {@code -D}. */
    public OutputOptions withDebug(final boolean on) {
        return new OutputOptions(confLevel, statLevel, timeLevel, usedLevel, unifyUnits, bitsPerSec, unifyNodes,
            precision, on);
    }
}
