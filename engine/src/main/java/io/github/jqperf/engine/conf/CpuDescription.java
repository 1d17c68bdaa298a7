package io.github.jqperf.engine.conf;

import java.util.Locale;

/**
 * The CPU string of qperf's {@code conf} (docs/protocol.md §4.3), derived from the text of {@code /proc/cpuinfo} exactly as
 * qperf 0.4.11 derives it: "N Cores: " prefix when N != 1, "Mixed CPUs" when model names or MHz lines differ,
 * "(R)"/"(TM)"/"CPU "/"processor " removed, double spaces collapsed, speed appended unless the name ends in "Hz".
 */
final class CpuDescription {
    private CpuDescription() {}

    /**
     * Derives the description.
     *
     * @param cpuinfo the whole text of /proc/cpuinfo
     * @return the description, or "" when there is no "model name" line (qperf leaves the field uninitialised)
     */
    public static String of(final String cpuinfo) {
        int count = 0;
        String firstModel = null;
        String firstMhz = null;
        boolean mixed = false;
        for (final String line : cpuinfo.split("\n", -1)) {
            final String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("model name")) {
                count++;
                if (firstModel == null) {
                    firstModel = line;
                } else if (!firstModel.equals(line)) {
                    mixed = true;
                }
            } else if (lower.startsWith("cpu mhz")) {
                if (firstMhz == null) {
                    firstMhz = line;
                } else if (!firstMhz.equals(line)) {
                    mixed = true;
                }
            }
        }
        if (firstModel == null) {
            return "";
        }
        String name;
        if (mixed) {
            name = "Mixed CPUs";
        } else {
            name = clean(afterColon(firstModel));
            if (!name.endsWith("Hz") && firstMhz != null) {
                name = name + speed(afterColon(firstMhz));
            }
        }
        return count != 1 ? count + " Cores: " + name : name;
    }

    private static String afterColon(final String line) {
        final int colon = line.indexOf(':');
        int i = colon < 0 ? line.length() : colon + 1;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return line.substring(i);
    }

    /** One left-to-right pass: drop (R)/(TM), then "CPU ", then "processor " or a doubled space or a newline. */
    private static String clean(final String s) {
        final StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (startsWithIgnoreCase(s, i, "(R)")) {
                i += 3;
            } else if (startsWithIgnoreCase(s, i, "(TM)")) {
                i += 4;
            }
            if (startsWithIgnoreCase(s, i, "CPU ")) {
                i += 4;
            }
            if (startsWithIgnoreCase(s, i, "processor ")) {
                i += 10;
            } else if (i + 1 < s.length() && s.charAt(i) == ' ' && s.charAt(i + 1) == ' ') {
                i++;
            } else if (i < s.length() && s.charAt(i) == '\n') {
                i++;
            } else if (i < s.length()) {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    private static boolean startsWithIgnoreCase(final String s, final int at, final String prefix) {
        return s.regionMatches(true, at, prefix, 0, prefix.length());
    }

    private static String speed(final String mhzText) {
        long mhz = 0;
        int i = 0;
        while (i < mhzText.length() && Character.isDigit(mhzText.charAt(i))) {
            mhz = mhz * 10 + (mhzText.charAt(i++) - '0');
        }
        if (mhz < 1000) {
            return " " + mhz + "MHz";
        }
        // %.1f of mhz/1000.0 with C rounding (ties to even on the exact binary value)
        final String ghz = new java.math.BigDecimal(mhz / 1000.0)
                .setScale(1, java.math.RoundingMode.HALF_EVEN)
                .toPlainString();
        return " " + ghz + "GHz";
    }
}
