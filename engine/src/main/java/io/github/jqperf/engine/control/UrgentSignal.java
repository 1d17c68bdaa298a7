package io.github.jqperf.engine.control;

import com.sun.jna.Native;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Sends qperf's error signal (urgent {@code ?}, then the text) with two back-to-back {@code send(2)} calls on the
 * socket's descriptor, a microsecond apart. A stock qperf client reads the text in its SIGURG handler without
 * waiting for it (non-blocking read after the urgent byte): when the text lags the urgent byte by the tens of
 * microseconds that {@code Socket.sendUrgentData} followed by a stream write takes, the client prints just
 * {@code server: } (measured: 6 to 8 of 15 tries). The descriptor is found without opening JDK internals: the
 * connection's inode from {@code /proc/self/net/tcp[6]}, then the {@code /proc/self/fd} entry that links to it.
 * Linux only; where anything fails the caller falls back to the JDK calls.
 */
final class UrgentSignal {
    private static final int MSG_OOB = 1;
    private static final boolean AVAILABLE = load();

    private UrgentSignal() {}

    private static boolean load() {
        try {
            Native.register(UrgentSignal.class, "c");
            return true;
        } catch (Throwable e) { // NOPMD: no JNA or no libc: the JDK path does the work
            return false;
        }
    }

    private static native long send(int fd, byte[] buf, long len, int flags);

    /**
     * Sends urgent {@code ?} then {@code text} on {@code socket}; returns false (nothing sent) when the descriptor
     * cannot be found, so the caller sends the JDK way.
     */
    static boolean send(final Socket socket, final byte[] text) {
        if (!AVAILABLE) {
            return false;
        }
        final int fd = descriptorOf(socket);
        if (fd < 0) {
            return false;
        }
        if (send(fd, new byte[] {'?'}, 1, MSG_OOB) != 1) {
            return false;
        }
        long sent = 0;
        if (text.length > 0) {
            sent = send(fd, text, text.length, 0);
        }
        return sent >= 0; // a short write is still the signal sent; the text is best effort, as qperf's
    }

    /** The descriptor of a connected socket of this process, or -1. */
    static int descriptorOf(final Socket socket) {
        try {
            final int local = socket.getLocalPort();
            final int remote = socket.getPort();
            if (local <= 0 || remote <= 0) {
                return -1;
            }
            final String want = String.format(Locale.ROOT, ":%04X", local);
            final String wantRemote = String.format(Locale.ROOT, ":%04X", remote);
            String inode = null;
            for (final String table : List.of("/proc/self/net/tcp6", "/proc/self/net/tcp")) {
                final Path p = Path.of(table);
                if (!Files.isReadable(p)) {
                    continue;
                }
                for (final String line : Files.readAllLines(p)) {
                    final String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].endsWith(want) && f[2].endsWith(wantRemote)) {
                        if (inode != null) {
                            return -1; // two connections with these ports (different hosts): do not guess
                        }
                        inode = f[9];
                    }
                }
            }
            if (inode == null || "0".equals(inode)) {
                return -1;
            }
            final String link = "socket:[" + inode + "]";
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
                for (final Path fd : fds) {
                    try {
                        if (link.equals(Files.readSymbolicLink(fd).toString())) {
                            return Integer.parseInt(fd.getFileName().toString());
                        }
                    } catch (IOException | NumberFormatException e) {
                        // closed meanwhile, or not a number: go on
                    }
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
