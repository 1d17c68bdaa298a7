package io.github.jqperf.cli.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A jqperf server run from the CLI jar as a separate JVM process ({@code java ... -jar jqperf-all.jar -lp PORT}), with
 * the launcher's JVM options. A separate process, not an in-process {@code QperfServer}: its file descriptors,
 * threads and RSS can be read from {@code /proc/PID} without the test's own sockets, threads and heap in them, it can
 * be killed when a hostile class wedges it, and jcmd/JFR see only the server. Its stdout (the server's log: one line
 * per failed request) goes to a file that the suites read.
 */
final class ServerProcess implements AutoCloseable {
    /** The CLI jar, built by {@code package} before failsafe runs. */
    static final Path JAR = Path.of("target", "jqperf-all.jar");

    /** The launcher's JVM options (the {@code jqperf} script), so RSS and threads are those of a real server. */
    private static final List<String> LAUNCHER_OPTS = List.of(
            "-XX:+UseSerialGC",
            "-Xshare:auto",
            "-Xms32m",
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-Dio.netty.allocator.numDirectArenas=1",
            "-Dio.netty.allocator.numHeapArenas=0",
            "-Xlog:disable",
            "-Xlog:all=warning:stderr");

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(final Process process, final int port, final Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a server on a free loopback port and waits (at most 10 s) until it accepts. The readiness probe is a
     * TCP connect only; the server then logs one "failed to receive request version" line for it, which is part of
     * the start-up, not of any class.
     */
    static ServerProcess start(final Path log, final List<String> extraJvmOpts, final String... serverArgs)
            throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            final int port = freePort();
            final List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(LAUNCHER_OPTS);
            cmd.addAll(extraJvmOpts);
            cmd.addAll(List.of("-jar", JAR.toString(), "-lp", Integer.toString(port)));
            cmd.addAll(List.of(serverArgs));
            Files.createDirectories(log.toAbsolutePath().getParent());
            final Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            final ServerProcess s = new ServerProcess(p, port, log);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && p.isAlive()) {
                if (s.listening()) {
                    return s;
                }
                Thread.sleep(50);
            }
            last = new IOException("jqperf server on port " + port + " did not listen within 10 s (alive=" + p.isAlive()
                    + "); log " + log);
            s.close();
        }
        throw last;
    }

    /**
     * Whether the port accepts a connection. Each probe is one (empty) connection the server logs as a failed
     * request: call it only while waiting for the start.
     */
    private boolean listening() {
        try (Socket sock = new Socket()) {
            sock.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path logFile() {
        return log;
    }

    /** Open file descriptors of the server ({@code /proc/PID/fd}); -1 once it is gone. */
    int fds() {
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return (int) s.count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** Thread names of the server ({@code /proc/PID/task/*}/comm), name to count. */
    Map<String, Integer> threadNames() {
        final Map<String, Integer> names = new TreeMap<>();
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
            for (final Path t : (Iterable<Path>) s::iterator) {
                try {
                    final String n = Files.readString(t.resolve("comm")).trim();
                    names.merge(n, 1, Integer::sum);
                } catch (IOException e) {
                    // the thread ended while listed
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return Map.of();
        }
        return names;
    }

    /**
     * Threads of the server other than the JIT's compiler threads, which the JVM starts and stops on its own
     * (-XX:+UseDynamicNumberOfCompilerThreads) whatever the server does.
     */
    int threads() {
        return threadNames().entrySet().stream()
                .filter(e ->
                        !e.getKey().startsWith("C1 CompilerThre") && !e.getKey().startsWith("C2 CompilerThre"))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    /** Resident set size in KiB ({@code VmRSS} of {@code /proc/PID/status}); -1 once gone. */
    long rssKib() {
        try {
            final Matcher m = Pattern.compile("VmRSS:\\s+(\\d+) kB")
                    .matcher(Files.readString(Path.of("/proc", Long.toString(pid()), "status")));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The server's log, all lines so far. */
    List<String> logLines() {
        try {
            // decoded leniently: a malformed byte becomes U+FFFD (and shows as unprintable) instead of hiding the log
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Runs {@code jcmd PID args...} (bounded to 30 s) and returns its output. */
    String jcmd(final String... args) throws IOException, InterruptedException {
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(Long.toString(pid()));
        cmd.addAll(List.of(args));
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        final byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** SIGTERM, then SIGKILL after 5 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** SIGKILL at once (a wedged server). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
