package io.github.jqperf.cli;

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
    private Main() {
    }

    /** Runs jqperf with qperf's command line. */
    public static void main(final String[] args) {
        final PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out),
            1 << 16), false);
        final PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        final int code = JqperfCommand.commandLine(out, err).execute(args);
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
