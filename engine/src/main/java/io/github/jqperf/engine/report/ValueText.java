package io.github.jqperf.engine.report;

/**
 * One formatted value of a qperf result line: the number text, its unit and the optional full byte count that
 * qperf appends in parentheses for exact KiB multiples ({@code 64 KiB (65,536)}).
 *
 * @param data      the value text, e.g. {@code 1,234} or {@code 2.36}; for string lines the string itself
 * @param unit      the unit, e.g. {@code MB/sec}; {@code ""} for unitless counts (the line still gets the separating
 *                  space, hence qperf's trailing space); {@code null} for string lines (conf, string parameters),
 *                  which are not right-aligned
 * @param fullCount the parenthesised full byte count ({@code 65,536}), or {@code null}
 */
record ValueText(String data, String unit, String fullCount) {
    /** A numeric value with a unit and no full count. */
    public static ValueText of(final String data, final String unit) {
        return new ValueText(data, unit, null);
    }

    /** A string value (no unit, not aligned). */
    public static ValueText text(final String data) {
        return new ValueText(data, null, null);
    }
}
