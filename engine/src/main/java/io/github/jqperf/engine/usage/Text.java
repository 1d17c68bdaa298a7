package io.github.jqperf.engine.usage;

/** Number and diagnostic helpers shared by the parsers: no exceptions, no regular expressions. */
final class Text {
    private static final int SNIPPET_CHARS = 60;

    private Text() {}

    /**
     * A non-negative decimal {@code long} (optionally surrounded by blanks), or {@link UsageSnapshot#ABSENT} when
     * {@code s} is not one or does not fit.
     */
    static long parseNonNegative(final String s) {
        if (s == null) {
            return UsageSnapshot.ABSENT;
        }
        final String t = s.strip();
        if (t.isEmpty() || t.length() > 19) {
            return UsageSnapshot.ABSENT;
        }
        long v = 0;
        for (int i = 0; i < t.length(); i++) {
            final char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return UsageSnapshot.ABSENT;
            }
            v = v * 10 + (c - '0');
            if (v < 0) {
                return UsageSnapshot.ABSENT;
            }
        }
        return v;
    }

    /** {@code a * b}, or ABSENT when either is ABSENT or the product overflows. */
    static long times(final long a, final long b) {
        if (a < 0 || b < 0) {
            return UsageSnapshot.ABSENT;
        }
        final long hi = Math.multiplyHigh(a, b);
        final long lo = a * b;
        return hi != 0 || lo < 0 ? UsageSnapshot.ABSENT : lo;
    }

    /** The start of {@code content} on one line, control characters shown as '?', for a diagnostic. */
    static String snippet(final String content) {
        if (content == null) {
            return "<null>";
        }
        final int n = Math.min(content.length(), SNIPPET_CHARS);
        final StringBuilder b = new StringBuilder(n + 8).append('"');
        for (int i = 0; i < n; i++) {
            final char c = content.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        b.append('"');
        if (content.length() > n) {
            b.append("...");
        }
        return b.toString();
    }
}
