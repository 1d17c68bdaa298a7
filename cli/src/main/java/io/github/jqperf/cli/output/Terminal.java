package io.github.jqperf.cli.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether stdout and stderr are terminals, for the progress line.
 *
 * <p>{@code System.console()} is not used: it answers for stdin and stdout (not stderr), and from JDK 22 on it
 * returns a console even when they are redirected. On Linux, {@code /proc/self/fd/1} and {@code /proc/self/fd/2}
 * link to the device each descriptor is open on; a terminal is a pseudo-terminal ({@code /dev/pts/N}), a virtual
 * console ({@code /dev/ttyN}, {@code /dev/tty}) or {@code /dev/console}. Anything else (a pipe, a file, a socket,
 * {@code /dev/null}), an unreadable link (not Linux) or {@code TERM=dumb} means no terminal.
 */
public final class Terminal {
    private Terminal() {}

    /** True when both stdout and stderr are terminals and {@code TERM} is not {@code dumb}. */
    public static boolean stdoutAndStderr() {
        return stdoutAndStderr(System.getenv());
    }

    static boolean stdoutAndStderr(final Map<String, String> env) {
        if ("dumb".equals(env.get("TERM"))) {
            return false;
        }
        return isTerminalDevice(link(1)) && isTerminalDevice(link(2));
    }

    /** Whether a descriptor's {@code /proc/self/fd} link target names a terminal device. */
    static boolean isTerminalDevice(final String target) {
        return target != null
                && (target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console"));
    }

    private static String link(final int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
