package io.github.jqperf.engine.spec;

import io.github.jqperf.engine.error.InvalidSpecException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Parses {@code --rate RATE}: bits per second, a decimal number with an optional {@code K}, {@code M} or {@code G}
 * suffix (either case) meaning 10^3, 10^6, 10^9, as iperf's {@code -b} does: {@code 500M} = 500,000,000 bit/s,
 * {@code 1.5G} = 1,500,000,000 bit/s, {@code 64k} = 64,000 bit/s. The value is rounded to whole bits per second and
 * must lie in [{@value #MIN_BITS_PER_SEC}, {@value #MAX_BITS_PER_SEC}].
 */
public final class PacingRate {
    /** The lowest rate accepted, bit/s. */
    public static final long MIN_BITS_PER_SEC = 1;
    /** The highest rate accepted (1 Tbit/s), bit/s: keeps the pacer's integer arithmetic exact. */
    public static final long MAX_BITS_PER_SEC = 1_000_000_000_000L;

    private static final int MAX_CHARS = 32;
    private static final String OPTION = "--rate";

    private PacingRate() {}

    /**
     * The rate in bits per second.
     *
     * @param text the option's value
     * @return bits per second, in [{@link #MIN_BITS_PER_SEC}, {@link #MAX_BITS_PER_SEC}]
     * @throws InvalidSpecException with a one-line message naming the option and giving an example
     */
    public static long parseBitsPerSec(final String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_CHARS) {
            throw invalid(text, "expected");
        }
        final char last = text.charAt(text.length() - 1);
        final int exponent = switch (last) {
            case 'k', 'K' -> 3;
            case 'm', 'M' -> 6;
            case 'g', 'G' -> 9;
            default -> 0;
        };
        final String number = exponent == 0 ? text : text.substring(0, text.length() - 1);
        if (!isDecimal(number)) {
            throw invalid(text, "expected");
        }
        final BigDecimal bits =
                new BigDecimal(number).scaleByPowerOfTen(exponent).setScale(0, RoundingMode.HALF_UP);
        if (bits.compareTo(BigDecimal.valueOf(MIN_BITS_PER_SEC)) < 0) {
            throw invalid(text, "must be at least 1 bit/s; expected");
        }
        if (bits.compareTo(BigDecimal.valueOf(MAX_BITS_PER_SEC)) > 0) {
            throw invalid(text, "must be at most 1000G; expected");
        }
        return bits.longValueExact();
    }

    /** Digits, optionally one '.' followed by digits: {@code 12}, {@code 1.5}; not {@code .5}, {@code 1.}, {@code -1}. */
    private static boolean isDecimal(final String s) {
        int i = 0;
        final int n = s.length();
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0) {
            return false;
        }
        if (i == n) {
            return true;
        }
        if (s.charAt(i) != '.') {
            return false;
        }
        i++;
        int fraction = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            fraction++;
        }
        return fraction > 0 && i == n;
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    private static InvalidSpecException invalid(final String text, final String what) {
        final String shown =
                text == null ? "" : text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "..." : text;
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < shown.length(); i++) {
            final char c = shown.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return new InvalidSpecException(OPTION + ": invalid rate \"" + b + "\": " + what
                + " bits per second with an optional K, M or G suffix (decimal), e.g. " + OPTION
                + " 500M for 500,000,000 bit/s");
    }
}
