package io.github.jqperf.engine.control;

import io.github.jqperf.engine.error.PeerException;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.error.QperfTimeoutException;
import io.github.jqperf.engine.wire.ErrorSignal;
import io.github.jqperf.engine.wire.WireConstants;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One qperf control connection (docs/protocol.md §2.3): fixed-size messages written in one piece and read completely, each with
 * a deadline; fatal errors sent and received with the urgent-{@code ?} convention (docs/protocol.md §3.8).
 *
 * <p>Blocking I/O on purpose: the control connection carries a handful of small messages per test, far from any hot
 * path, and a blocking socket gives exact deadlines and simple error paths. One owner thread sends and receives;
 * {@link #abort(String)} (and {@link #sendError}) may be called from any thread: it tells the peer and closes the
 * socket, which wakes the owner from a blocked read with an error.
 */
public final class ControlChannel implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String peerRole;
    /** How long to look for EOF after a message that starts with {@code ?}. */
    private static final long ERROR_PROBE_MS = 300;

    private byte[] pending;
    /** What {@link #probe} reads into (the owner thread only); what it finds is copied to {@link #pending}. */
    private final byte[] probeBuffer = new byte[512];
    /** Serialises writes: the owner's messages and an error signal sent by another thread never interleave. */
    private final Object writeLock = new Object();
    /** Set once the error signal has gone (or the connection was aborted): it is sent at most once. */
    private boolean errorSent;

    /** What {@link #probe} found on the connection. */
    public enum Activity {
        /** Nothing arrived. */
        QUIET,
        /** Bytes arrived; they are kept for the next {@link #receive} / {@link #pollPeerError}. */
        DATA,
        /** The peer closed (or the connection failed) with nothing left unread. */
        EOF
    }

    /**
     * Wraps a connected socket.
     *
     * @param socket   the connected control socket
     * @param peerRole "server" when we are the client, "client" when we are the server (used in messages)
     */
    public ControlChannel(final Socket socket, final String peerRole) throws IOException {
        this.socket = socket;
        this.peerRole = peerRole;
        socket.setOOBInline(true);
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** The underlying socket. */
    public Socket socket() {
        return socket;
    }

    /** Sends a whole message. */
    public void send(final byte[] message, final String item) {
        try {
            synchronized (writeLock) {
                out.write(message);
                out.flush();
            }
        } catch (IOException e) {
            throw new QperfException("failed to send " + item + ": " + peerRole + " not responding", e);
        }
    }

    /**
     * Reads exactly {@code length} bytes within {@code timeoutMs} (0 = no deadline).
     *
     * @param item the spec's item name, for messages ("port", "results", ...)
     * @throws PeerException  when the peer closed after sending an error signal
     * @throws QperfTimeoutException {@code failed to receive ITEM: timed out}
     * @throws QperfException {@code failed to receive ITEM: PEER not responding}
     */
    public byte[] receive(final int length, final String item, final long timeoutMs) {
        return receive(length, item, timeoutMs, true);
    }

    /**
     * As {@link #receive}, but the bytes are taken literally: a {@code ?} is not read as the error signal. For the
     * server's REQ, before which no client sends an error (a stock server, which takes urgent data out of band,
     * answers an in-band {@code ?} there with its version or index error too).
     */
    public byte[] receiveLiteral(final int length, final String item, final long timeoutMs) {
        return receive(length, item, timeoutMs, false, false);
    }

    /**
     * Reads a PORT (4 bytes) as {@link #receive} does, except that 4 bytes that decode to a port number are the PORT
     * even when the first is {@code ?}. PORT is a little-endian u32, so every data port that is 63 modulo 256
     * starts with {@code ?}; an error signal's text never has two zero bytes after its first character. Without
     * this, such a PORT cost a 300 ms look for the peer's close (and was taken for an error if the peer closed).
     */
    public byte[] receivePort(final long timeoutMs) {
        return receive(WireConstants.PORT_LENGTH, WireConstants.ITEM_PORT, timeoutMs, true, true);
    }

    /** Whether 4 bytes are a PORT: a little-endian u32 in 1..65535. */
    static boolean isPort(final byte[] b) {
        return b.length == WireConstants.PORT_LENGTH && b[2] == 0 && b[3] == 0 && (b[0] != 0 || b[1] != 0);
    }

    private byte[] receive(final int length, final String item, final long timeoutMs, final boolean signals) {
        return receive(length, item, timeoutMs, signals, false);
    }

    private byte[] receive(
            final int length, final String item, final long timeoutMs, final boolean signals, final boolean port) {
        final byte[] buf = new byte[length];
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        int got = takePending(buf);
        try {
            while (got < length) {
                if (timeoutMs > 0) {
                    final long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000L;
                    if (leftMs <= 0) {
                        throw signals
                                ? timedOut(item, buf, got)
                                : new QperfTimeoutException("failed to receive " + item + ": timed out");
                    }
                    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMs));
                } else {
                    socket.setSoTimeout(0);
                }
                final int n;
                try {
                    n = in.read(buf, got, length - got);
                } catch (SocketTimeoutException e) {
                    if (!signals) {
                        throw new QperfTimeoutException("failed to receive " + item + ": timed out");
                    }
                    throw timedOut(item, buf, got);
                }
                if (n < 0) {
                    final String text = signals ? ErrorSignal.decode(buf, got) : null;
                    if (text != null) {
                        throw new PeerException(peerRole, text);
                    }
                    throw new QperfException("failed to receive " + item + ": " + peerRole + " not responding");
                }
                got += n;
            }
            if (signals && buf[0] == WireConstants.ERROR_SIGNAL && !(port && isPort(buf))) {
                checkErrorSignal(buf, false);
            }
        } catch (IOException e) {
            throw new QperfException("failed to receive " + item + ": " + peerRole + " not responding", e);
        }
        return buf;
    }

    /**
     * A complete message that starts with {@code ?} may be the peer's error signal (urgent byte + text, then close)
     * rather than the message: the text can be longer than the message we expected. A peer that sent a real message
     * waits for our answer, so look briefly for EOF: EOF means an error whose text is everything after the
     * {@code ?}; anything else is kept for the next read ({@code head} too when {@code keepHead}).
     */
    private void checkErrorSignal(final byte[] head, final boolean keepHead) throws IOException {
        final ByteArrayOutputStream more = new ByteArrayOutputStream();
        if (pending != null) {
            more.write(pending); // read ahead earlier: it followed head
            pending = null;
        }
        final byte[] chunk = new byte[512];
        final long deadlineNs = System.nanoTime() + ERROR_PROBE_MS * 1_000_000L;
        boolean eof = false;
        try {
            while (more.size() < chunk.length) {
                final long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000L;
                if (leftMs <= 0) {
                    break;
                }
                socket.setSoTimeout((int) leftMs);
                final int n;
                try {
                    n = in.read(chunk, 0, chunk.length - more.size());
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (n < 0) {
                    eof = true;
                    break;
                }
                more.write(chunk, 0, n);
            }
        } finally {
            final ByteArrayOutputStream kept = new ByteArrayOutputStream();
            if (keepHead) {
                kept.write(head);
            }
            more.writeTo(kept);
            pending = kept.size() > 0 ? kept.toByteArray() : null;
        }
        if (eof) {
            final ByteArrayOutputStream all = new ByteArrayOutputStream();
            if (!keepHead) {
                all.write(head);
            }
            all.write(pending == null ? new byte[0] : pending);
            pending = null;
            throw new PeerException(peerRole, ErrorSignal.decode(all.toByteArray(), all.size()));
        }
    }

    /**
     * Looks at the connection for at most {@code waitMs} (at least 1 ms) without losing anything: what arrives is
     * kept for the next {@link #receive} or {@link #pollPeerError}. Used while the data path runs, when a peer that
     * plays by the rules sends nothing (or, on the client, only an early STAT).
     */
    public Activity probe(final long waitMs) {
        final java.nio.channels.SocketChannel ch = socket.getChannel();
        if (ch != null && waitMs <= 1) {
            // the run's poll: one non-blocking read, no wait, no exception. A longer wait (the usage extension's
            // 250 ms for its request) takes the timed read below: a non-blocking read would not wait at all
            return probeChannel(ch);
        }
        try {
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, waitMs)));
            final int n;
            try {
                n = in.read(probeBuffer);
            } catch (SocketTimeoutException e) {
                return pending != null ? Activity.DATA : Activity.QUIET;
            }
            if (n < 0) {
                return pending != null ? Activity.DATA : Activity.EOF;
            }
            append(probeBuffer, n);
            return Activity.DATA;
        } catch (IOException e) {
            return pending != null ? Activity.DATA : Activity.EOF;
        }
    }

    /**
     * {@link #probe} on a socket that has a channel (the server's control sockets): one non-blocking read, which
     * tells EOF, data and nothing apart without waiting and without an exception. The write lock is held meanwhile,
     * so that no write from another thread (an abort's error signal) meets the channel in non-blocking mode.
     */
    private Activity probeChannel(final java.nio.channels.SocketChannel ch) {
        synchronized (writeLock) {
            try {
                ch.configureBlocking(false);
                final int n;
                try {
                    n = ch.read(java.nio.ByteBuffer.wrap(probeBuffer));
                } finally {
                    ch.configureBlocking(true);
                }
                if (n < 0) {
                    return pending != null ? Activity.DATA : Activity.EOF;
                }
                if (n == 0) {
                    return pending != null ? Activity.DATA : Activity.QUIET;
                }
                append(probeBuffer, n);
                return Activity.DATA;
            } catch (IOException | RuntimeException e) {
                return pending != null ? Activity.DATA : Activity.EOF;
            }
        }
    }

    /**
     * After {@link #probe} found data: if it starts with the error signal and the peer closes within 300 ms, throws
     * the peer's error; anything else (a legitimate message that starts with {@code ?}) stays for the next read.
     *
     * @throws PeerException the peer's error
     */
    public void checkPendingError() {
        if (pending == null || pending[0] != WireConstants.ERROR_SIGNAL) {
            return;
        }
        final byte[] head = pending;
        pending = null;
        try {
            checkErrorSignal(head, true);
        } catch (IOException e) {
            // the connection failed: what was read stays pending; the next receive reports it
        }
    }

    /** Whether bytes read ahead wait for the next {@link #receive}. */
    public boolean hasPending() {
        return pending != null;
    }

    private void append(final byte[] buf, final int n) {
        if (pending == null) {
            pending = java.util.Arrays.copyOf(buf, n);
        } else {
            final byte[] all = java.util.Arrays.copyOf(pending, pending.length + n);
            System.arraycopy(buf, 0, all, pending.length, n);
            pending = all;
        }
    }

    /** Moves bytes read ahead by {@link #checkErrorSignal} into {@code buf}; returns how many. */
    private int takePending(final byte[] buf) {
        if (pending == null) {
            return 0;
        }
        final int n = Math.min(buf.length, pending.length);
        System.arraycopy(pending, 0, buf, 0, n);
        pending = n == pending.length ? null : java.util.Arrays.copyOfRange(pending, n, pending.length);
        return n;
    }

    private QperfException timedOut(final String item, final byte[] buf, final int got) {
        // An error signal whose sender has not closed yet still counts as the peer's error.
        final String text = ErrorSignal.decode(buf, got);
        if (text != null) {
            return new PeerException(peerRole, text);
        }
        return new QperfTimeoutException("failed to receive " + item + ": timed out");
    }

    /**
     * Waits up to {@code timeoutMs} for the peer to close or to signal an error, whatever comes first; used where
     * qperf's peer may send an error instead of the next message (e.g. while our data path runs).
     *
     * @return the peer's error text, or null if it closed/stayed silent without one
     */
    public String pollPeerError(final long timeoutMs) {
        try {
            socket.setSoTimeout((int) Math.max(1, timeoutMs));
            final byte[] buf = new byte[512];
            int got = takePending(buf);
            while (got < buf.length) {
                final int n;
                try {
                    n = in.read(buf, got, buf.length - got);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (n < 0) {
                    break;
                }
                got += n;
            }
            return ErrorSignal.decode(buf, got);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * After {@link #sendError}: reads and discards what the peer still sends until it closes or {@code timeoutMs}
     * passes, so that our close cannot reset the connection (a reset can destroy the error text before the peer has
     * read it). Never throws.
     */
    public void drainUntilClosed(final long timeoutMs) {
        final long deadlineNs = System.nanoTime() + Math.max(1, timeoutMs) * 1_000_000L;
        final byte[] buf = new byte[512];
        pending = null;
        try {
            while (true) {
                final long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000L;
                if (leftMs <= 0) {
                    return;
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMs));
                if (in.read(buf) < 0) {
                    return;
                }
            }
        } catch (IOException e) {
            // timed out, reset or closed: nothing more to drain
        }
    }

    /**
     * Reports a fatal error to the peer: urgent {@code ?}, the text, then shutdown of our output (docs/protocol.md §3.8). Never
     * throws: the peer may already be gone.
     */
    public void sendError(final String message) {
        synchronized (writeLock) {
            if (errorSent) {
                return;
            }
            errorSent = true;
            try {
                socket.sendUrgentData(WireConstants.ERROR_SIGNAL);
                out.write(ErrorSignal.text(message));
                out.flush();
                socket.shutdownOutput();
            } catch (IOException | RuntimeException e) {
                // the peer is gone; nothing more to tell it
            }
        }
    }

    /**
     * Aborts the exchange from any thread: sends {@code message} as the error signal (unless one went already, or
     * {@code message} is null) and closes the socket, so that the owner's blocked read fails at once.
     */
    public void abort(final String message) {
        if (message != null) {
            sendError(message);
        } else {
            synchronized (writeLock) {
                errorSent = true;
            }
        }
        close();
    }

    /** Closes the socket (after an error signal another thread is sending, never in its middle). */
    @Override
    public void close() {
        try {
            synchronized (writeLock) {
                socket.close();
            }
        } catch (IOException e) {
            // closing a control socket cannot fail in a way that matters
        }
    }
}
