package io.github.jqperf.engine.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * qperf 0.4.11's number and unit formatting (docs/protocol.md §8.2, §8.3; qperf's {@code place_val}, {@code commify},
 * {@code nice_1024} and the {@code view_*} unit tables). Pure functions, no I/O.
 *
 * <p>Rounding is glibc {@code printf} rounding: the exact binary value of the double, ties to even. Java's
 * {@code String.format} rounds differently and is not used.
 */
final class QperfNumbers {
    private static final String[] TIME_UNITS = {"ns", "us", "ms", "sec"};
    private static final String[] COST_UNITS = {"ns/GB", "us/GB", "ms/GB", "sec/GB"};
    private static final String[] RATE_UNITS = {"/sec", "K/sec", "M/sec", "G/sec", "T/sec"};
    private static final String[] COUNT_UNITS = {"", "thousand", "million", "billion", "trillion"};
    private static final String[] BYTE_BAND_UNITS = {"bytes/sec", "KB/sec", "MB/sec", "GB/sec", "TB/sec"};
    private static final String[] BIT_BAND_UNITS = {"bits/sec", "Kb/sec", "Mb/sec", "Gb/sec", "Tb/sec"};
    private static final String[] SIZE_UNITS = {"bytes", "KB", "MB", "GB", "TB"};
    private static final String[] KIB_UNITS = {"KiB", "MiB", "GiB", "TiB"};
    private static final double NS_PER_SECOND = 1E9;
    private static final double PERCENT = 100;
    private static final double THOUSAND = 1000;
    private static final double MILLION = 1000 * 1000;
    private static final int KIB = 1024;

    private QperfNumbers() {}

    /**
     * C's {@code printf("%.*f", decimals, value)} with glibc rounding (exact binary value, ties to even),
     * including {@code -0}, {@code inf} and {@code nan}.
     */
    public static String fixed(final double value, final int decimals) {
        final boolean negative = (Double.doubleToRawLongBits(value) & Long.MIN_VALUE) != 0;
        if (Double.isNaN(value)) {
            return negative ? "-nan" : "nan";
        }
        if (Double.isInfinite(value)) {
            return negative ? "-inf" : "inf";
        }
        final String text =
                new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return negative && !text.startsWith("-") ? "-" + text : text;
    }

    /**
     * qperf's significant-digit rule without thousands separators: {@code %.0f}; if that has D &lt; precision
     * digits, re-format with precision − D decimals and strip trailing zeros and a trailing point.
     *
     * @param value     the (already unit-scaled) value
     * @param precision significant digits ({@code -e}, default 3)
     * @return e.g. {@code 2.36}, {@code 851}, {@code 1234}, {@code 0.01}
     */
    public static String significant(final double value, final int precision) {
        final String whole = fixed(value, 0);
        int n = precision;
        int p = whole.startsWith("-") ? 1 : 0;
        while (p < whole.length() && isDigit(whole.charAt(p))) {
            n--;
            p++;
        }
        if (n <= 0) {
            return whole;
        }
        final String data = fixed(value, n);
        int end = data.length();
        while (end > 0 && data.charAt(--end) == '0') {
            // skip trailing zeros
        }
        if (end > 0 && data.charAt(end) == '.') {
            end--;
        }
        return data.substring(0, end + 1);
    }

    /**
     * qperf's {@code commify}: commas every three digits in the integer part of the last number in the text.
     * ({@code 1234567} → {@code 1,234,567}, {@code 1234.5} → {@code 1,234.5}).
     */
    public static String commify(final String data) {
        final int len = data.length();
        int seqS = len;
        int seqE = len;
        while (--seqS >= 0) {
            if (!isDigit(data.charAt(seqS))) {
                break;
            }
        }
        if (seqS >= 0 && data.charAt(seqS) == '.') {
            seqE = seqS;
            while (--seqS >= 0) {
                if (!isDigit(data.charAt(seqS))) {
                    break;
                }
            }
        }
        final int start = seqS + 1;
        final int noCommas = (seqE - 1 - start) / 3;
        if (noCommas <= 0) {
            return data;
        }
        final StringBuilder sb = new StringBuilder(len + noCommas);
        sb.append(data, 0, start);
        for (int i = start; i < seqE; i++) {
            if (i > start && (seqE - i) % 3 == 0) {
                sb.append(',');
            }
            sb.append(data.charAt(i));
        }
        sb.append(data, seqE, len);
        return sb.toString();
    }

    /**
     * qperf's {@code place_val} number text: {@link #significant} plus thousands separators unless {@code -uu}.
     */
    public static String placeVal(final double value, final OutputOptions o) {
        final String data = significant(value, o.precision());
        return o.unifyUnits() ? data : commify(data);
    }

    /** A time ({@code latency}, {@code *_real_time}, {@code *_cpu_time}, {@code time}, {@code timeout}). */
    public static ValueText time(final double seconds, final OutputOptions o) {
        return scaled(seconds * NS_PER_SECOND, TIME_UNITS, o);
    }

    /** A cost in CPU seconds per 10⁹ bytes, shown in {@code ns/GB} … {@code sec/GB}. */
    public static ValueText cost(final double secondsPerGB, final OutputOptions o) {
        return scaled(secondsPerGB * NS_PER_SECOND, COST_UNITS, o);
    }

    /** A CPU usage (1.0 = one CPU), shown ×100 in {@code % cpus}, never scaled. */
    public static ValueText cpus(final double cpus, final OutputOptions o) {
        return ValueText.of(placeVal(cpus * PERCENT, o), "% cpus");
    }

    /** A message rate in {@code /sec} … {@code T/sec}. */
    public static ValueText rate(final double perSec, final OutputOptions o) {
        return scaled(perSec, RATE_UNITS, o);
    }

    /** A bandwidth in bytes per second ({@code bytes/sec} … {@code TB/sec}, or ×8 in {@code bits/sec} with -ub). */
    public static ValueText band(final double bytesPerSec, final OutputOptions o) {
        if (o.bitsPerSec()) {
            return scaled(bytesPerSec * 8, BIT_BAND_UNITS, o);
        }
        return scaled(bytesPerSec, BYTE_BAND_UNITS, o);
    }

    /**
     * A count (messages, errors, port …): unitless ({@code ""}) below one million, else {@code million},
     * {@code billion}, {@code trillion}; no scaling with -uu.
     *
     * @param count the value as C's {@code long long} (signed)
     */
    public static ValueText count(final long count, final OutputOptions o) {
        double val = count;
        int n = 0;
        if (!o.unifyUnits() && val >= MILLION) {
            while (val >= THOUSAND && n < COUNT_UNITS.length - 1) {
                val /= THOUSAND;
                n++;
            }
        }
        return ValueText.of(placeVal(val, o), COUNT_UNITS[n]);
    }

    /**
     * A size in bytes: an exact power-of-1024 multiple (≥ 1024, divisible by 1024 at every step) is shown as an
     * integer {@code KiB}/{@code MiB}/{@code GiB}/{@code TiB} with the full byte count; anything else as
     * {@code bytes}, {@code KB} … {@code TB}. With -uu always {@code bytes}, unscaled.
     *
     * @param bytes the value as C's {@code long long} (signed)
     */
    public static ValueText size(final long bytes, final OutputOptions o) {
        if (!o.unifyUnits()) {
            final ValueText nice = nice1024(bytes);
            if (nice != null) {
                return nice;
            }
        }
        double val = bytes;
        int n = 0;
        if (!o.unifyUnits()) {
            while (val >= THOUSAND && n < SIZE_UNITS.length - 1) {
                val /= THOUSAND;
                n++;
            }
        }
        return ValueText.of(placeVal(val, o), SIZE_UNITS[n]);
    }

    private static ValueText nice1024(final long value) {
        if (value < KIB || value % KIB != 0) {
            return null;
        }
        long val = value / KIB;
        int n = 0;
        while (val >= KIB && n < KIB_UNITS.length - 1) {
            if (val % KIB != 0) {
                return null;
            }
            val /= KIB;
            n++;
        }
        return new ValueText(commify(Long.toString(val)), KIB_UNITS[n], commify(Long.toString(value)));
    }

    private static ValueText scaled(final double prepared, final String[] units, final OutputOptions o) {
        double value = prepared;
        int n = 0;
        if (!o.unifyUnits()) {
            while (value >= THOUSAND && n < units.length - 1) {
                value /= THOUSAND;
                n++;
            }
        }
        return ValueText.of(placeVal(value, o), units[n]);
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }
}
