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
 * <p>qperf ends a blocked call with {@code SIGALRM}. Here the run's alarm (or a stop request) calls {@link #wake()}:
 * {@code shutdown(SHUT_RD)}, which sends nothing on the wire (TCP only sends a FIN for {@code SHUT_WR}) and makes a
 * blocked or later {@code read} return at once, so a reader stops exactly at the deadline. A write blocked on a full
 * socket cannot be woken that way without a FIN, so writes carry a short send timeout ({@link #WRITE_TIMEOUT_NS},
 * about one jiffy): a write that makes no progress for that long returns and the caller looks at its flag; while the
 * peer reads, blocked writes complete long before it. Reads carry no timeout ({@link #READ_TIMEOUT_NS}): no kernel
 * timer is armed per message, and the alarm, a stop request, or the control side giving up 10 s after the test time
 * ({@code RunWaiter}) always wakes them. Nothing here changes a byte on the wire.
 *
 * <p>Mode switches use {@code fcntl(2)} and {@code setsockopt(2)} through JNA (which OSHI already brings): a few calls
 * per test, never per message. {@link #restore()} puts the socket back into non-blocking mode for Netty.
 */
final class BlockingSocket {
    /** Longest a write waits without progress before it returns to look at the run's flag. */
    static final long WRITE_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(4);
    /**
     * Receive timeout: none (0). Measured: a 1-s {@code SO_RCVTIMEO} (a kernel timer armed and cancelled per blocked
     * read) cost 2-3 % of a same-CPU round trip; the wake ends reads instead.
     */
    static final long READ_TIMEOUT_NS = 0L;

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

    private BlockingSocket(final Socket fd, final int flags) {
        this.fd = fd;
        this.flags = flags;
    }

    /** Whether blocking mode is possible here (Linux, JNA loads). */
    static boolean isSupported() {
        return Holder.LIBC != null;
    }

    /**
     * Switches {@code ch}'s socket to blocking mode with the read and write timeouts above, or returns null when that
     * is not possible (not a native channel, no JNA, a failing call), in which case the socket is unchanged and the
     * caller uses Netty's event loop instead.
     */
    static BlockingSocket open(final Channel ch) {
        if (Holder.LIBC == null || !(ch instanceof UnixChannel u) || !(u.fd() instanceof Socket s) || !s.isOpen()) {
            return null;
        }
        try {
            final int flags = Holder.LIBC.fcntl(s.intValue(), F_GETFL);
            setTimeout(s, SO_RCVTIMEO, READ_TIMEOUT_NS);
            setTimeout(s, SO_SNDTIMEO, WRITE_TIMEOUT_NS);
            Holder.LIBC.fcntl(s.intValue(), F_SETFL, flags & ~O_NONBLOCK);
            return new BlockingSocket(s, flags);
        } catch (LastErrorException e) {
            return null;
        }
    }

    /**
     * Receives up to {@code length} bytes (one datagram on UDP) into native memory with one {@code recv} (the socket
     * call: no trip through the VFS layer as {@code read} makes).
     *
     * @return bytes read; 0 when the timeout passed; -1 at EOF (on UDP: an empty datagram)
     */
    int read(final long address, final int length) throws IOException {
        return fd.recvAddress(address, 0, length);
    }

    /**
     * Sends bytes {@code [offset, end)} of native memory with one {@code send} (glibc makes it a {@code sendto}
     * without address).
     *
     * @return bytes written; 0 when the timeout passed with nothing written
     */
    int write(final long address, final int offset, final int end) throws IOException {
        return fd.sendAddress(address, offset, end);
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
     * Ends blocking reads for good, from any thread: {@code shutdown(SHUT_RD)} (no packet is sent) wakes a blocked
     * {@code read} and makes every later one return at once. Only for the end of the run: the socket is closed
     * afterwards. Never throws.
     */
    void wake() {
        try {
            fd.shutdown(true, false);
        } catch (IOException | RuntimeException e) {
            // ENOTCONN on an unconnected UDP socket (Netty: NotYetConnectedException): the kernel marks it shut and
            // wakes the reader all the same
        }
    }

    /** Back to non-blocking mode, no timeouts: the socket is Netty's again. Never throws. */
    void restore() {
        try {
            Holder.LIBC.fcntl(fd.intValue(), F_SETFL, flags);
            setTimeout(fd, SO_RCVTIMEO, 0);
            setTimeout(fd, SO_SNDTIMEO, 0);
        } catch (LastErrorException e) {
            // the channel is closed right after the test; nothing depends on this
        }
    }

    private static void setTimeout(final Socket s, final int option, final long ns) {
        final long[] timeval = {ns / 1_000_000_000L, (ns % 1_000_000_000L) / 1000};
        Holder.LIBC.setsockopt(s.intValue(), SOL_SOCKET, option, timeval, 16);
    }
}
