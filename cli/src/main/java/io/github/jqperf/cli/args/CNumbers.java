package io.github.jqperf.cli.args;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Number parsing with the semantics qperf 0.4.11 gets from the C library on x86-64 Linux: {@code strtol} (base 10,
 * clamped on overflow), {@code strtold} (decimal, hexadecimal, inf, nan; 64-bit mantissa "long double"), and the
 * conversion of a long double to {@code long} (truncation; NaN and out-of-range values become
 * {@link Long#MIN_VALUE}, the x87 "integer indefinite").
 *
 * <p>Exactness matters: {@code -m 0.001k} is 0 bytes with long double arithmetic but would be 1 with doubles.
 */
final class CNumbers {
    /** Largest binary exponent of an x87 long double. */
    private static final int MAX_EXP = 16383;

    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);

    private CNumbers() {}

    /** Result of {@code strtol}: the value and the index of the first unparsed character (0 if nothing parsed). */
    record LongParse(long value, int end) {}

    /** A long double value: finite (exactly representable, held as a BigDecimal), infinite or NaN. */
    record LongDouble(BigDecimal value, int special) {
        static final int FINITE = 0;
        static final int POS_INF = 1;
        static final int NEG_INF = 2;
        static final int NAN = 3;

        static final LongDouble ZERO = new LongDouble(BigDecimal.ZERO, FINITE);

        /** {@code d < 0} as C evaluates it (false for NaN and -0). */
        boolean isNegative() {
            return special == NEG_INF || (special == FINITE && value.signum() < 0);
        }

        /** {@code d * m} in long double arithmetic. */
        LongDouble times(final long m) {
            if (special == NAN) {
                return this;
            }
            if (special != FINITE) {
                if (m == 0) {
                    return new LongDouble(BigDecimal.ZERO, NAN);
                }
                return (special == POS_INF) == (m > 0) ? new LongDouble(null, POS_INF) : new LongDouble(null, NEG_INF);
            }
            return round(value.multiply(BigDecimal.valueOf(m)));
        }

        /** {@code (long) d}: truncation toward zero; NaN, infinities and out-of-range values give Long.MIN_VALUE. */
        long toCLong() {
            if (special != FINITE) {
                return Long.MIN_VALUE;
            }
            final BigInteger i = value.setScale(0, RoundingMode.DOWN).toBigInteger();
            if (i.bitLength() > 63) {
                return Long.MIN_VALUE;
            }
            return i.longValue();
        }
    }

    /** Result of {@code strtold}: the value and the index of the first unparsed character (0 if nothing parsed). */
    record DoubleParse(LongDouble value, int end) {}

    static boolean isCSpace(final char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    private static int hexValue(final char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** {@code strtol(s, &end, 10)}. */
    static LongParse strtol(final String s) {
        final int n = s.length();
        int i = 0;
        while (i < n && isCSpace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        final int start = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == start) {
            return new LongParse(0, 0);
        }
        BigInteger v = new BigInteger(s.substring(start, i));
        if (neg) {
            v = v.negate();
        }
        if (v.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
            return new LongParse(Long.MAX_VALUE, i);
        }
        if (v.compareTo(BigInteger.valueOf(Long.MIN_VALUE)) < 0) {
            return new LongParse(Long.MIN_VALUE, i);
        }
        return new LongParse(v.longValue(), i);
    }

    private static boolean regionIs(final String s, final int at, final String word) {
        return s.regionMatches(true, at, word, 0, word.length());
    }

    /** {@code strtold(s, &end)} as glibc does it (correctly rounded to a 64-bit mantissa). */
    static DoubleParse strtold(final String s) {
        final int n = s.length();
        int i = 0;
        while (i < n && isCSpace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        if (regionIs(s, i, "inf")) {
            final int end = regionIs(s, i, "infinity") ? i + 8 : i + 3;
            return new DoubleParse(new LongDouble(null, neg ? LongDouble.NEG_INF : LongDouble.POS_INF), end);
        }
        if (regionIs(s, i, "nan")) {
            int end = i + 3;
            if (end < n && s.charAt(end) == '(') {
                int j = end + 1;
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) && s.charAt(j) < 128 || s.charAt(j) == '_')) {
                    j++;
                }
                if (j < n && s.charAt(j) == ')') {
                    end = j + 1;
                }
            }
            return new DoubleParse(new LongDouble(null, LongDouble.NAN), end);
        }
        if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            final DoubleParse hex = hexFloat(s, i + 2, neg);
            if (hex != null) {
                return hex;
            }
            // "0x" without hex digits: only the "0" is a number
            return new DoubleParse(LongDouble.ZERO, i + 1);
        }
        final int start = i;
        final StringBuilder digits = new StringBuilder();
        int nDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            digits.append(s.charAt(i++));
            nDigits++;
        }
        if (i < n && s.charAt(i) == '.') {
            int j = i + 1;
            final StringBuilder frac = new StringBuilder();
            while (j < n && isDigit(s.charAt(j))) {
                frac.append(s.charAt(j++));
            }
            if (nDigits > 0 || frac.length() > 0) {
                digits.append('.').append(frac);
                nDigits += frac.length();
                i = j;
            }
        }
        if (nDigits == 0) {
            return new DoubleParse(LongDouble.ZERO, 0);
        }
        long exp = 0;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            boolean eneg = false;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                eneg = s.charAt(j) == '-';
                j++;
            }
            final int es = j;
            while (j < n && isDigit(s.charAt(j))) {
                if (exp < 1_000_000) {
                    exp = exp * 10 + (s.charAt(j) - '0');
                }
                j++;
            }
            if (j > es) {
                exp = eneg ? -exp : exp;
                i = j;
            } else {
                exp = 0;
            }
        }
        assert start <= i;
        BigDecimal v = new BigDecimal(digits.toString());
        final LongDouble ld = scaleDecimal(v, exp, neg);
        return new DoubleParse(ld, i);
    }

    private static LongDouble scaleDecimal(final BigDecimal v, final long exp, final boolean neg) {
        if (v.signum() == 0) {
            return LongDouble.ZERO;
        }
        final long decimalMagnitude = v.precision() - (long) v.scale() + exp;
        if (decimalMagnitude > 4935) {
            return new LongDouble(null, neg ? LongDouble.NEG_INF : LongDouble.POS_INF);
        }
        if (decimalMagnitude < -4960) {
            return LongDouble.ZERO;
        }
        final BigDecimal x = v.scaleByPowerOfTen((int) exp);
        return round(neg ? x.negate() : x);
    }

    private static DoubleParse hexFloat(final String s, final int from, final boolean neg) {
        final int n = s.length();
        int i = from;
        BigInteger mant = BigInteger.ZERO;
        int nDigits = 0;
        long binExp = 0;
        while (i < n && hexValue(s.charAt(i)) >= 0) {
            mant = mant.shiftLeft(4).add(BigInteger.valueOf(hexValue(s.charAt(i++))));
            nDigits++;
        }
        if (i < n && s.charAt(i) == '.') {
            int j = i + 1;
            int frac = 0;
            while (j < n && hexValue(s.charAt(j)) >= 0) {
                mant = mant.shiftLeft(4).add(BigInteger.valueOf(hexValue(s.charAt(j++))));
                frac++;
            }
            if (nDigits > 0 || frac > 0) {
                nDigits += frac;
                binExp -= 4L * frac;
                i = j;
            }
        }
        if (nDigits == 0) {
            return null;
        }
        if (i < n && (s.charAt(i) == 'p' || s.charAt(i) == 'P')) {
            int j = i + 1;
            boolean eneg = false;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                eneg = s.charAt(j) == '-';
                j++;
            }
            final int es = j;
            long e = 0;
            while (j < n && isDigit(s.charAt(j))) {
                if (e < 1_000_000) {
                    e = e * 10 + (s.charAt(j) - '0');
                }
                j++;
            }
            if (j > es) {
                binExp += eneg ? -e : e;
                i = j;
            }
        }
        if (mant.signum() == 0) {
            return new DoubleParse(LongDouble.ZERO, i);
        }
        final long magnitude = mant.bitLength() + binExp;
        if (magnitude > MAX_EXP + 1) {
            return new DoubleParse(new LongDouble(null, neg ? LongDouble.NEG_INF : LongDouble.POS_INF), i);
        }
        if (magnitude < -16500) {
            return new DoubleParse(LongDouble.ZERO, i);
        }
        final BigDecimal x = mulPow2(new BigDecimal(mant), (int) binExp);
        return new DoubleParse(round(neg ? x.negate() : x), i);
    }

    /** Rounds an exact value to the nearest long double (64-bit mantissa, ties to even). */
    static LongDouble round(final BigDecimal x) {
        if (x.signum() == 0) {
            return LongDouble.ZERO;
        }
        final boolean neg = x.signum() < 0;
        final BigDecimal a = x.abs();
        int e;
        final BigInteger ip = a.toBigInteger();
        if (ip.signum() > 0) {
            e = ip.bitLength() - 1;
        } else {
            e = (int) Math.floor(a.unscaledValue().bitLength() - a.scale() * 3.321928094887362) - 2;
            while (mulPow2(BigDecimal.ONE, e + 1).compareTo(a) <= 0) {
                e++;
            }
        }
        if (e > MAX_EXP) {
            return new LongDouble(null, neg ? LongDouble.NEG_INF : LongDouble.POS_INF);
        }
        BigInteger m = mulPow2(a, 63 - e).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        if (m.bitLength() > 64) {
            m = TWO_63;
            e++;
            if (e > MAX_EXP) {
                return new LongDouble(null, neg ? LongDouble.NEG_INF : LongDouble.POS_INF);
            }
        }
        final BigDecimal r = mulPow2(new BigDecimal(m), e - 63);
        return new LongDouble(neg ? r.negate() : r, LongDouble.FINITE);
    }

    /** a × 2^k, exactly. */
    private static BigDecimal mulPow2(final BigDecimal a, final int k) {
        if (k >= 0) {
            return a.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(k)));
        }
        return a.multiply(new BigDecimal(BigInteger.valueOf(5).pow(-k))).movePointLeft(-k);
    }
}
