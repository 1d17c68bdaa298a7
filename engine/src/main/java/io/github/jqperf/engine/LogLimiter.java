package io.github.jqperf.engine;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps a flood of bad clients from filling a disk with the server's log: a token bucket of {@value #BURST} lines
 * refilled at {@value #PER_SECOND} lines a second. Lines beyond it are counted, and the next line that passes is
 * preceded by one {@code (N log lines suppressed)} line. Thread-safe.
 */
final class LogLimiter {
    /** Lines that may come at once. */
    static final int BURST = 20;
    /** Lines a second after a burst. */
    static final int PER_SECOND = 2;

    private final Consumer<String> sink;
    private final LongSupplier nanoClock;
    private double tokens = BURST;
    private long lastNs;
    private long suppressed;

    LogLimiter(final Consumer<String> sink, final LongSupplier nanoClock) {
        this.sink = sink;
        this.nanoClock = nanoClock;
        this.lastNs = nanoClock.getAsLong();
    }

    /** Longest line written; the rest is cut (a client's error text can be kilobytes). */
    static final int MAX_LINE = 400;

    /**
     * One printable line: control characters (CR, LF, ESC, ...) and non-ASCII bytes become {@code \xNN}, so a
     * client's text can neither forge a line of its own nor drive a terminal; cut at {@value #MAX_LINE} characters.
     */
    static String printable(final String line) {
        final StringBuilder b = new StringBuilder(Math.min(line.length(), MAX_LINE) + 16);
        for (int i = 0; i < line.length() && b.length() < MAX_LINE; i++) {
            final char c = line.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c & 0xff));
            }
        }
        if (b.length() >= MAX_LINE && line.length() > MAX_LINE) {
            b.setLength(MAX_LINE);
            b.append("...");
        }
        return b.toString();
    }

    /** Logs {@code line} (made {@link #printable}) unless over the rate; returns whether it was logged. */
    boolean log(final String line) {
        final long dropped;
        synchronized (this) {
            final long now = nanoClock.getAsLong();
            tokens = Math.min(BURST, tokens + (now - lastNs) * 1e-9 * PER_SECOND);
            lastNs = now;
            if (tokens < 1) {
                suppressed++;
                return false;
            }
            tokens -= 1;
            dropped = suppressed;
            suppressed = 0;
        }
        if (dropped > 0) {
            emit("(" + dropped + " log lines suppressed)");
        }
        emit(printable(line));
        return true;
    }

    /** How many lines are waiting to be reported as suppressed. */
    synchronized long suppressed() {
        return suppressed;
    }

    private void emit(final String line) {
        try {
            sink.accept(line);
        } catch (RuntimeException e) {
            // a failing logger must not stop the server
        }
    }
}
