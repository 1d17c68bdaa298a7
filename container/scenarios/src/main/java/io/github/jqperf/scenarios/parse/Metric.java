package io.github.jqperf.scenarios.parse;

/**
 * One {@code name = value unit} line of qperf's (and jqperf's) text output.
 *
 * @param name the left-hand side, e.g. {@code bw}, {@code latency}, {@code loc_cpu}
 * @param text the right-hand side as printed, e.g. {@code 2.36 GB/sec}
 * @param value the number as printed ({@code NaN} for a text value such as {@code loc_os})
 * @param unit the unit as printed, e.g. {@code GB/sec} ({@code ""} for a count or a text value)
 * @param base the value in its base unit ({@code baseUnit}), {@code NaN} for a text value
 * @param baseUnit {@code B/s}, {@code s}, {@code s/GB}, {@code 1/s}, {@code CPUs}, {@code B}, {@code ""} (a count) or
 *     {@code text}
 */
public record Metric(String name, String text, double value, String unit, double base, String baseUnit) {

    /** Base unit of a value that is not a number. */
    public static final String TEXT = "text";

    /** {@return whether the value is a number} */
    public boolean numeric() {
        return !TEXT.equals(baseUnit);
    }
}
