package io.github.jqperf.scenarios.placement;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Bounded child processes whose output goes to files (no pipe can fill up and block them). */
public final class Processes {

    /** The most of a log kept in results. */
    public static final int MAX_LOG = 64 * 1024;

    private Processes() {}

    /**
     * Runs a command to its end or kills it (and its process) on the timeout.
     *
     * @param command the command
     * @param env extra environment variables
     * @param timeout the longest it may run
     * @param workDir where its output files go
     * @return how it ended
     */
    public static Outcome run(
            final List<String> command, final Map<String, String> env, final Duration timeout, final Path workDir) {
        final long t0 = System.nanoTime();
        File out = null;
        File err = null;
        try {
            Files.createDirectories(workDir);
            out = Files.createTempFile(workDir, "out", ".txt").toFile();
            err = Files.createTempFile(workDir, "err", ".txt").toFile();
            final ProcessBuilder pb =
                    new ProcessBuilder(command).redirectOutput(out).redirectError(err);
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            final Process p = pb.start();
            final boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            final long ms = (System.nanoTime() - t0) / 1_000_000;
            return new Outcome(
                    command, done ? p.exitValue() : -1, ms, read(out.toPath()), read(err.toPath()), !done, null);
        } catch (IOException e) {
            return new Outcome(command, -1, (System.nanoTime() - t0) / 1_000_000, "", "", false, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(command, -1, (System.nanoTime() - t0) / 1_000_000, "", "", true, "interrupted");
        } finally {
            if (out != null) {
                out.delete();
            }
            if (err != null) {
                err.delete();
            }
        }
    }

    /**
     * Reads a file as UTF-8, keeping at most its last {@link #MAX_LOG} characters.
     *
     * @param file the file
     * @return its text, or {@code ""} when it cannot be read
     */
    public static String read(final Path file) {
        try {
            final String s = Files.readString(file, StandardCharsets.UTF_8);
            return s.length() > MAX_LOG ? s.substring(s.length() - MAX_LOG) : s;
        } catch (IOException | java.io.UncheckedIOException e) {
            try {
                final String s = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                return s.length() > MAX_LOG ? s.substring(s.length() - MAX_LOG) : s;
            } catch (IOException e2) {
                return "";
            }
        }
    }
}
