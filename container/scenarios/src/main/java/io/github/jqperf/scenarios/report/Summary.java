package io.github.jqperf.scenarios.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rounds of one figure: median, min, max.
 *
 * @param median the median (the mean of the middle two for an even count)
 * @param min the smallest
 * @param max the largest
 * @param n how many rounds
 * @param unit the base unit
 */
public record Summary(double median, double min, double max, int n, String unit) {

    /**
     * Summarises values.
     *
     * @param values the rounds' values (at least one)
     * @param unit their base unit
     * @return the summary
     */
    public static Summary of(final List<Double> values, final String unit) {
        final List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        final int n = v.size();
        final double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        return new Summary(median, v.get(0), v.get(n - 1), n, unit);
    }

    /** {@return e.g. {@code 2.36 GB/sec [2.3 – 2.41]}, the range in the median's unit; no range for one round} */
    public String text() {
        final Fmt.Scale s = Fmt.scale(median, unit);
        final String m = (Fmt.num(median / s.factor()) + " " + s.unit()).trim();
        if (n < 2) {
            return m;
        }
        return m + " [" + Fmt.num(min / s.factor()) + " – " + Fmt.num(max / s.factor()) + "]";
    }
}
