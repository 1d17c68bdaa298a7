package io.github.jqperf.scenarios;

import io.github.jqperf.scenarios.parse.TestBlock;
import io.github.jqperf.scenarios.placement.Outcome;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Decides whether a client run failed, from its outcome and its parsed output. Pure. */
public final class RunCheck {

    private RunCheck() {}

    /**
     * Checks one run.
     *
     * @param o how the client ended
     * @param blocks its output, parsed
     * @param tests the tests it was asked for, in order
     * @param points blocks expected per test (1, or the sweep's number of message sizes)
     * @param seconds the test time {@code -t}
     * @return why the run failed, or empty
     */
    public static Optional<String> check(
            final Outcome o,
            final List<TestBlock> blocks,
            final List<String> tests,
            final int points,
            final int seconds) {
        if (o.startError() != null) {
            return Optional.of("client did not start: " + o.startError());
        }
        if (o.timedOut()) {
            return Optional.of("client timed out after " + o.millis() / 1000 + " s and was killed");
        }
        if (o.exitCode() != 0) {
            return Optional.of("client exit code " + o.exitCode() + ": " + why(o));
        }
        for (final String test : tests) {
            final long n = blocks.stream().filter(b -> b.test().equals(test)).count();
            if (n != points) {
                return Optional.of(test + ": " + n + " result block(s), expected " + points);
            }
        }
        for (final TestBlock b : blocks) {
            final OptionalDouble lat = b.base("latency");
            // A lost reply costs the whole test time: such a latency is not a measurement.
            if (lat.isPresent() && lat.getAsDouble() >= 0.5 * seconds) {
                return Optional.of(b.test() + " latency "
                        + b.metric("latency").orElseThrow().text()
                        + ": no reply from the expected address (the whole test time)");
            }
            // No round trip at all (the first message or its reply was lost: the latency tests never resend).
            if (lat.isPresent() && (lat.getAsDouble() == 0 || b.base("msg_rate").isEmpty())) {
                return Optional.of(b.test() + ": no round trip completed (latency "
                        + b.metric("latency").orElseThrow().text().strip() + ", no msg_rate)");
            }
        }
        return Optional.empty();
    }

    /**
     * What a failed client said: qperf prints its errors (e.g. {@code failed to receive port: timed out}) on stdout,
     * jqperf on stderr.
     *
     * @param o how the client ended
     * @return the last line of stderr, else the last stdout line that is not a result line
     */
    static String why(final Outcome o) {
        // jqperf's image logs OSHI's "WARN ... udev" line at every start: not the reason a run failed.
        final List<String> err = o.stderr()
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("WARN "))
                .toList();
        if (!err.isEmpty()) {
            return err.get(err.size() - 1);
        }
        final String[] lines = o.stdout().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            final String l = lines[i].strip();
            if (!l.isEmpty() && !lines[i].startsWith(" ") && !l.endsWith(":")) {
                return l;
            }
        }
        return "(no output)";
    }

    /**
     * The number of values of a {@code -oo} loop {@code var:init:last:*factor} or {@code var:init:last:+step}
     * (sizes may end in K or M, multiples of 1024).
     *
     * @param loop e.g. {@code msg_size:64:64K:*4}
     * @return how many values it has
     */
    public static int loopPoints(final String loop) {
        final String[] p = loop.split(":");
        if (p.length != 4) {
            throw new IllegalArgumentException("loop " + loop + ": expected var:init:last:incr");
        }
        final long init = size(p[1]);
        final long last = size(p[2]);
        int n = 0;
        for (long v = init; v <= last; n++) {
            v = p[3].startsWith("*") ? v * size(p[3].substring(1)) : v + size(p[3].replaceFirst("^\\+", ""));
        }
        return n;
    }

    private static long size(final String s) {
        final char last = Character.toUpperCase(s.charAt(s.length() - 1));
        final String digits = s.substring(0, s.length() - 1);
        return switch (last) {
            case 'K' -> Long.parseLong(digits) * 1024;
            case 'M' -> Long.parseLong(digits) * 1024 * 1024;
            default -> Long.parseLong(s);
        };
    }
}
