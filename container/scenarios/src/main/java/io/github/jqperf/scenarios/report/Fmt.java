package io.github.jqperf.scenarios.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Number formatting for reports, in qperf's units (decimal GB/sec, us, ms/GB, % cpus). Pure. */
public final class Fmt {

    /** Base unit of a memory figure: bytes, shown in decimal units as jqperf prints them (KB, MB, GB). */
    public static final String MEMORY = "B (memory)";

    private Fmt() {}

    /**
     * A unit a value is shown in.
     *
     * @param factor base value per shown unit
     * @param unit the unit's name
     */
    public record Scale(double factor, String unit) {}

    /**
     * Picks the unit qperf would print a value in.
     *
     * @param base the value in its base unit
     * @param baseUnit {@code B/s}, {@code s}, {@code s/GB}, {@code 1/s}, {@code CPUs}, {@code B} or {@code ""}
     * @return the scale
     */
    public static Scale scale(final double base, final String baseUnit) {
        final double a = Math.abs(base);
        return switch (baseUnit) {
            case "B/s" ->
                a >= 1e9
                        ? new Scale(1e9, "GB/sec")
                        : a >= 1e6
                                ? new Scale(1e6, "MB/sec")
                                : a >= 1e3 ? new Scale(1e3, "KB/sec") : new Scale(1, "bytes/sec");
            case "s" ->
                a >= 1
                        ? new Scale(1, "sec")
                        : a >= 1e-3 ? new Scale(1e-3, "ms") : a >= 1e-6 ? new Scale(1e-6, "us") : new Scale(1e-9, "ns");
            case "s/GB" ->
                a >= 1
                        ? new Scale(1, "sec/GB")
                        : a >= 1e-3
                                ? new Scale(1e-3, "ms/GB")
                                : a >= 1e-6 ? new Scale(1e-6, "us/GB") : new Scale(1e-9, "ns/GB");
            case "1/s" ->
                a >= 1e9
                        ? new Scale(1e9, "G/sec")
                        : a >= 1e6
                                ? new Scale(1e6, "M/sec")
                                : a >= 1e3 ? new Scale(1e3, "K/sec") : new Scale(1, "/sec");
            case "CPUs" -> new Scale(0.01, "% cpus");
            case MEMORY ->
                a >= 1e9
                        ? new Scale(1e9, "GB")
                        : a >= 1e6 ? new Scale(1e6, "MB") : a >= 1e3 ? new Scale(1e3, "KB") : new Scale(1, "bytes");
            case "B" -> a >= 1024 && a % 1024 == 0 ? new Scale(1024, "KiB") : new Scale(1, "bytes");
            default -> new Scale(1, baseUnit);
        };
    }

    /**
     * Three significant digits, trailing zeros dropped (as qperf prints: 2.36, 36, 154, 4.3).
     *
     * @param v the number
     * @return its text
     */
    public static String num(final double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(3, RoundingMode.HALF_EVEN));
        if (d.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) {
            d = d.setScale(0, RoundingMode.HALF_EVEN);
        }
        return d.stripTrailingZeros().toPlainString();
    }

    /**
     * A value with its unit, e.g. {@code 2.36 GB/sec}.
     *
     * @param base the value in its base unit
     * @param baseUnit its base unit
     * @return the text
     */
    public static String value(final double base, final String baseUnit) {
        if (Double.isNaN(base)) {
            return "-";
        }
        final Scale s = scale(base, baseUnit);
        return (num(base / s.factor()) + " " + s.unit()).trim();
    }

    /**
     * A ratio, e.g. {@code 0.93×}.
     *
     * @param r the ratio
     * @return the text
     */
    public static String ratio(final double r) {
        return Double.isNaN(r) || Double.isInfinite(r) ? "-" : String.format(Locale.ROOT, "%.2f×", r);
    }

    /**
     * A difference in microseconds with its sign, e.g. {@code +12.3 µs}.
     *
     * @param seconds the difference, seconds
     * @return the text
     */
    public static String deltaMicros(final double seconds) {
        if (Double.isNaN(seconds)) {
            return "-";
        }
        final double us = seconds * 1e6;
        return (us >= 0 ? "+" : "−") + num(Math.abs(us)) + " µs";
    }
}
