package io.github.jqperf.engine.control;

import io.github.jqperf.engine.error.PeerException;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.wire.ErrorSignal;
import io.github.jqperf.engine.wire.WireConstants;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One qperf control connection (spec §2.3): fixed-size messages written in one piece and read completely, each with
 * a deadline; fatal errors sent and received with the urgent-{@code ?} convention (spec §7).
 *
 * <p>Blocking I/O on purpose: the control connection carries a handful of small messages per test, far from any hot
 * path, and a blocking socket gives exact deadlines and simple error paths. Not thread-safe; one owner thread.
 */
public final class ControlChannel implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String peerRole;
    /** How long to look for EOF after a message that starts with {@code ?}. */
    private static final long ERROR_PROBE_MS = 300;
    private byte[] pending;

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
            out.write(message);
            out.flush();
        } catch (IOException e) {
            throw new QperfException("failed to send " + item + ": " + peerRole + " not responding", e);
        }
    }

    /**
     * Reads exactly {@code length} bytes within {@code timeoutMs} (0 = no deadline).
     *
     * @param item the spec's item name, for messages ("port", "results", ...)
     * @throws PeerException  when the peer closed after sending an error signal
     * @throws QperfException {@code failed to receive ITEM: timed out} / {@code ...: PEER not responding}
     */
    public byte[] receive(final int length, final String item, final long timeoutMs) {
        final byte[] buf = new byte[length];
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        int got = takePending(buf);
        try {
            while (got < length) {
                if (timeoutMs > 0) {
                    final long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000L;
                    if (leftMs <= 0) {
                        throw timedOut(item, buf, got);
                    }
                    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMs));
                } else {
                    socket.setSoTimeout(0);
                }
                final int n;
                try {
                    n = in.read(buf, got, length - got);
                } catch (SocketTimeoutException e) {
                    throw timedOut(item, buf, got);
                }
                if (n < 0) {
                    final String text = ErrorSignal.decode(buf, got);
                    if (text != null) {
                        throw new PeerException(peerRole, text);
                    }
                    throw new QperfException("failed to receive " + item + ": " + peerRole + " not responding");
                }
                got += n;
            }
            if (buf[0] == WireConstants.ERROR_SIGNAL) {
                checkErrorSignal(buf);
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
     * {@code ?}; anything else is kept for the next read.
     */
    private void checkErrorSignal(final byte[] message) throws IOException {
        final byte[] more = new byte[512];
        int got = 0;
        final long deadlineNs = System.nanoTime() + ERROR_PROBE_MS * 1_000_000L;
        boolean eof = false;
        while (got < more.length) {
            final long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000L;
            if (leftMs <= 0) {
                break;
            }
            socket.setSoTimeout((int) leftMs);
            final int n;
            try {
                n = in.read(more, got, more.length - got);
            } catch (SocketTimeoutException e) {
                break;
            }
            if (n < 0) {
                eof = true;
                break;
            }
            got += n;
        }
        if (eof) {
            final byte[] all = new byte[message.length + got];
            System.arraycopy(message, 0, all, 0, message.length);
            System.arraycopy(more, 0, all, message.length, got);
            throw new PeerException(peerRole, ErrorSignal.decode(all, all.length));
        }
        if (got > 0) {
            pending = java.util.Arrays.copyOf(more, got);
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
        return new QperfException("failed to receive " + item + ": timed out");
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
            int got = 0;
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
     * Reports a fatal error to the peer: urgent {@code ?}, the text, then shutdown of our output (spec §7). Never
     * throws: the peer may already be gone.
     */
    public void sendError(final String message) {
        try {
            socket.sendUrgentData(WireConstants.ERROR_SIGNAL);
            out.write(ErrorSignal.text(message));
            out.flush();
            socket.shutdownOutput();
        } catch (IOException | RuntimeException e) {
            // the peer is gone; nothing more to tell it
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a control socket cannot fail in a way that matters
        }
    }
}
