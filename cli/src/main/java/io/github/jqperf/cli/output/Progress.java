package io.github.jqperf.cli.output;

import io.github.jqperf.cli.args.Step;
import io.github.jqperf.engine.spec.Param;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The progress line on a terminal: {@code jqperf: tcp_bw 2/5, 3 s left}, drawn on stderr with a carriage return
 * at most four times a second (when its text changes) while a test runs, and erased (overwritten with spaces) when it ends.
 *
 * <p>Shown only when allowed ({@link #enabled}: stdout and stderr are terminals, text output, no
 * {@code --no-progress}) and only for runs worth it: a test of 3 seconds or more, or any run of an {@code -oo}
 * loop. Nothing is written otherwise, so piped or redirected output never has a progress byte.
 */
public final class Progress {
    /** Tests at least this long show progress. */
    public static final long MIN_SECONDS = 3;
    /** Redraw period. */
    static final long PERIOD_MILLIS = 250;

    private final PrintStream err;
    private final boolean enabled;
    private final LongSupplier nanoClock;

    /** What {@link #show} returns: closing it stops the redraws and erases the line. */
    public interface Shown extends AutoCloseable {
        @Override
        void close();
    }

    private static final Shown NOTHING = () -> {};

    /**
     * @param err     where the line is drawn
     * @param enabled false: never draw
     */
    public Progress(final PrintStream err, final boolean enabled) {
        this(err, enabled, System::nanoTime);
    }

    Progress(final PrintStream err, final boolean enabled, final LongSupplier nanoClock) {
        this.err = Objects.requireNonNull(err);
        this.enabled = enabled;
        this.nanoClock = nanoClock;
    }

    /**
     * Whether a command line's progress may be shown.
     *
     * @param terminal       stdout and stderr are terminals ({@link Terminal#stdoutAndStderr()})
     * @param reporter       the output format's reporter (only text allows it)
     * @param noProgressFlag {@code --no-progress} was given
     */
    public static boolean enabled(final boolean terminal, final Reporter reporter, final boolean noProgressFlag) {
        return terminal && reporter.allowsProgress() && !noProgressFlag;
    }

    /**
     * Whether a run is worth a progress line: 3 s or more, or part of an {@code -oo} loop, and without
     * {@code --interval} (its samples, printed as the test goes, are the progress then; a carriage-return line on
     * stderr would be torn by them).
     */
    public static boolean worthShowing(final Step.RunTest run) {
        if (run.extras().intervalSeconds().isPresent()) {
            return false;
        }
        return run.iterations() > 1 || run.params().local(Param.TIME) >= MIN_SECONDS;
    }

    /** Starts showing the progress of {@code run} (nothing when disabled or not worth it). */
    public Shown show(final Step.RunTest run) {
        if (!enabled || run.extras().noProgress() || !worthShowing(run)) {
            return NOTHING;
        }
        final long seconds = run.params().local(Param.TIME);
        final long start = nanoClock.getAsLong();
        final Drawer d = new Drawer(run, seconds, start);
        final Thread t = new Thread(d, "jqperf-progress");
        t.setDaemon(true);
        t.start();
        return () -> {
            d.stop();
            t.interrupt();
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            d.erase();
        };
    }

    /**
     * The line for a run: {@code jqperf: <test> [i/n], <s> s left}; {@code finishing} once the time is up (the
     * results are being collected), {@code running} for a test without a time limit.
     */
    static String line(final String test, final int i, final int n, final long seconds, final long elapsedNanos) {
        final StringBuilder sb = new StringBuilder("jqperf: ").append(test);
        if (n > 1) {
            sb.append(' ').append(i).append('/').append(n);
        }
        if (seconds == 0) {
            return sb.append(", running").toString();
        }
        final long left = (long) Math.ceil(seconds - elapsedNanos / 1e9);
        if (left <= 0) {
            return sb.append(", finishing").toString();
        }
        return sb.append(String.format(Locale.ROOT, ", %d s left", left)).toString();
    }

    /** Redraws until stopped. */
    private final class Drawer implements Runnable {
        private final Step.RunTest run;
        private final long seconds;
        private final long start;
        private volatile boolean stopped;
        private int width;
        private String shown = "";

        Drawer(final Step.RunTest run, final long seconds, final long start) {
            this.run = run;
            this.seconds = seconds;
            this.start = start;
        }

        @Override
        public void run() {
            while (!stopped) {
                draw(line(run.testName(), run.iteration(), run.iterations(), seconds, nanoClock.getAsLong() - start));
                try {
                    Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() {
            stopped = true;
        }

        private synchronized void draw(final String text) {
            if (stopped || text.equals(shown)) {
                return; // a redraw only when the text changes
            }
            shown = text;
            final int pad = Math.max(0, width - text.length());
            err.print("\r" + text + " ".repeat(pad));
            err.flush();
            width = Math.max(width, text.length());
        }

        synchronized void erase() {
            if (width > 0) {
                err.print("\r" + " ".repeat(width) + "\r");
                err.flush();
            }
        }
    }
}
