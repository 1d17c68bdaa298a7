package io.github.jqperf.engine.result;

/** Conversions of qperf's unsigned 64-bit counters (held in Java {@code long}) the way C converts them. */
final class Unsigned {
    private Unsigned() {}

    /** C's {@code (double) uint64_t}: correctly rounded, values ≥ 2^63 included. */
    static double toDouble(final long u) {
        if (u >= 0) {
            return u;
        }
        // Halve keeping a sticky bit so the final rounding is the same as rounding the full value.
        return ((double) ((u >>> 1) | (u & 1L))) * 2.0;
    }

    /** C's {@code (float) uint64_t}: correctly rounded, values ≥ 2^63 included. */
    static float toFloat(final long u) {
        if (u >= 0) {
            return u;
        }
        return ((float) ((u >>> 1) | (u & 1L))) * 2.0f;
    }
}
