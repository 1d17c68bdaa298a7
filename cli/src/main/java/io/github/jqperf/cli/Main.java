package io.github.jqperf.cli;

import io.github.jqperf.cli.output.Terminal;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import picocli.CommandLine;

/**
 * Entry point of the {@code jqperf} command: the only place that calls {@link System#exit}.
 *
 * <p>stdout is block-buffered (flushed after every test), as qperf's is when not a terminal.
 */
public final class Main {
    /** Netty's switch for its JFR events (read once, when {@code PlatformDependent} loads). */
    static final String NETTY_JFR = "io.netty.jfr.enabled";

    private Main() {}

    /**
     * Netty's JDK Flight Recorder events (buffer allocation and release) stay off unless asked for with
     * {@code -Dio.netty.jfr.enabled=true}: their first use initializes JFR's event machinery (about 140 classes, event
     * handlers generated with ASM), 60-90 ms of CPU in the middle of a client's test set-up, which on loopback lands
     * in the server's CPU window. Must run before the first Netty class loads.
     */
    static void nettyJfrOffUnlessAsked() {
        if (System.getProperty(NETTY_JFR) == null) {
            System.setProperty(NETTY_JFR, "false");
        }
    }

    /** Runs jqperf with qperf's command line. */
    public static void main(final String[] args) {
        nettyJfrOffUnlessAsked();
        // SLF4J initializes here, on this thread: when OSHI's first log call (on its start-up thread) initialized
        // it, SLF4J replayed the calls it caught meanwhile with three warning lines on stderr
        org.slf4j.LoggerFactory.getILoggerFactory();
        final PrintStream out =
                new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false);
        final PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        final int code =
                JqperfCommand.commandLine(out, err, Terminal.stdoutAndStderr()).execute(args);
        out.flush();
        System.exit(code);
    }

    /** Runs the command in-process (tests): returns the exit code; output goes to {@code out}/{@code err}. */
    public static int run(final PrintStream out, final PrintStream err, final String... args) {
        final CommandLine cl = JqperfCommand.commandLine(out, err);
        final int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
