package io.github.jqperf.engine.transport;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.netty.channel.Channel;
import io.netty.channel.unix.DatagramSocketAddress;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A Netty epoll channel's socket switched to blocking mode for the length of one test: the data path then makes
 * exactly qperf's system calls — one {@code read}/{@code write}/{@code send} per message, the thread sleeping in
 * the kernel until it completes — with no {@code epoll_wait} and no read-until-{@code EAGAIN} per message.
 *
 * <p>qperf ends a blocked call with {@code SIGALRM}; here every blocking call has a receive/send timeout
 * ({@code SO_RCVTIMEO}/{@code SO_SNDTIMEO}) of at most {@link #TICK_NS}, so a call that waits returns now and then
 * ({@code 0}) and the caller checks its deadline and stop flag. Near the deadline the timeout shrinks to what is left
 * (the kernel rounds it up to a jiffy). Nothing here changes a byte on the wire.
 *
 * <p>Mode switches use {@code fcntl(2)} and {@code setsockopt(2)} through JNA (which OSHI already brings): a few calls
 * per test, never per message. {@link #restore()} puts the socket back into non-blocking mode for Netty.
 */
final class BlockingSocket {
    /** Longest a blocked call waits before it returns to check the deadline and the stop flag. */
    static final long TICK_NS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MIN_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = 0x800;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int SO_SNDTIMEO = 21;

    /** libc's descriptor calls (Linux x86-64 / aarch64 constants and {@code struct timeval} layout). */
    private interface LibC extends Library {
        int fcntl(int fd, int cmd, Object... args) throws LastErrorException;

        int setsockopt(int fd, int level, int name, long[] value, int length) throws LastErrorException;
    }

    private static final class Holder {
        private static final LibC LIBC = load();

        private static LibC load() {
            final String arch = System.getProperty("os.arch", "");
            if (!System.getProperty("os.name", "").startsWith("Linux")
                || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
                return null;
            }
            try {
                return Native.load("c", LibC.class);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return null;
            }
        }
    }

    private final Socket fd;
    private final int flags;
    private long timeoutNs;

    private BlockingSocket(final Socket fd, final int flags) {
        this.fd = fd;
        this.flags = flags;
    }

    /** Whether blocking mode is possible here (Linux, JNA loads). */
    static boolean isSupported() {
        return Holder.LIBC != null;
    }

    /**
     * Switches {@code ch}'s socket to blocking mode with a timeout of {@code min(TICK_NS, firstTimeoutNs)}, or returns
     * null when that is not possible (not a native channel, no JNA, a failing call), in which case the socket is
     * unchanged and the caller uses Netty's event loop instead.
     */
    static BlockingSocket open(final Channel ch, final long firstTimeoutNs) {
        if (Holder.LIBC == null || !(ch instanceof UnixChannel u) || !(u.fd() instanceof Socket s)
            || !s.isOpen()) {
            return null;
        }
        try {
            final int flags = Holder.LIBC.fcntl(s.intValue(), F_GETFL);
            final BlockingSocket b = new BlockingSocket(s, flags);
            b.setTimeout(Math.min(TICK_NS, Math.max(MIN_TIMEOUT_NS, firstTimeoutNs)));
            Holder.LIBC.fcntl(s.intValue(), F_SETFL, flags & ~O_NONBLOCK);
            return b;
        } catch (LastErrorException e) {
            return null;
        }
    }

    /**
     * Reads up to {@code length} bytes (one datagram on UDP) into native memory.
     *
     * @return bytes read; 0 when the timeout passed; -1 at EOF (on UDP: an empty datagram)
     */
    int read(final long address, final int length) throws IOException {
        return fd.readAddress(address, 0, length);
    }

    /**
     * Writes bytes {@code [offset, end)} of native memory with one {@code write}/{@code send}.
     *
     * @return bytes written; 0 when the timeout passed with nothing written
     */
    int write(final long address, final int offset, final int end) throws IOException {
        return fd.writeAddress(address, offset, end);
    }

    /**
     * Receives one datagram and returns its source (allocates; used once per test), or null when the timeout passed.
     */
    DatagramSocketAddress receiveFrom(final long address, final int length) throws IOException {
        return fd.recvFromAddress(address, 0, length);
    }

    /** Connects the (UDP) socket to {@code peer}, so that later datagrams use plain read and write. */
    void connect(final java.net.SocketAddress peer) throws IOException {
        fd.connect(peer);
    }

    /**
     * Called after a call timed out: shortens the timeout to what is left before the deadline, so the test does not
     * overrun it by more than a jiffy.
     *
     * @param remainingNs time left until the deadline (positive)
     */
    void idle(final long remainingNs) {
        final long next = Math.max(MIN_TIMEOUT_NS, Math.min(TICK_NS, remainingNs));
        if (next < timeoutNs) {
            try {
                setTimeout(next);
            } catch (LastErrorException e) {
                // keep the longer timeout: the test then ends up to one tick late, nothing worse
            }
        }
    }

    /** Back to non-blocking mode, no timeouts: the socket is Netty's again. Never throws. */
    void restore() {
        try {
            Holder.LIBC.fcntl(fd.intValue(), F_SETFL, flags);
            setTimeout(0);
        } catch (LastErrorException e) {
            // the channel is closed right after the test; nothing depends on this
        }
    }

    private void setTimeout(final long ns) {
        final long[] timeval = {ns / 1_000_000_000L, (ns % 1_000_000_000L) / 1000};
        Holder.LIBC.setsockopt(fd.intValue(), SOL_SOCKET, SO_RCVTIMEO, timeval, 16);
        Holder.LIBC.setsockopt(fd.intValue(), SOL_SOCKET, SO_SNDTIMEO, timeval, 16);
        timeoutNs = ns;
    }
}
