package io.github.jqperf.engine.transport;

import io.github.jqperf.engine.observe.RoundTripRecorder;
import io.github.jqperf.engine.session.Session;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Runs any {@link Session} on Netty's event loop ({@link PollMode#EPOLL}, {@link PollMode#SPIN_THEN_BLOCK},
 * {@link PollMode#BUSY_POLL}, and NIO), driven by the channel's events: reads arrive as {@link #read}, writability as
 * {@link #writable()}. The session decides what each outcome counts and what comes next; this class only moves bytes.
 *
 * <p>One message = one {@code write}/{@code send}: straight to the socket's file descriptor (native epoll, direct
 * payload) with no pipeline traversal per message. When the socket takes only part of a message, the rest goes
 * through Netty's outbound buffer, whose water marks (1, 1) keep the channel unwritable until that message has
 * left, so the next message is written only then and Netty never merges messages into one {@code writev} or
 * {@code sendmmsg}. The message is reported to the session as sent when all of it has left. On NIO every message
 * takes the Netty path.
 */
final class EventLoopDriver {
    /** Messages sent per event-loop turn before yielding to timers and other events. */
    private static final int BURST = 1024;
    /** {@link #sendOne} result: Netty holds (the rest of) the message until the channel is writable again. */
    private static final int WAIT = -1;

    private final DataRole role;
    private final Session session;
    private final Channel channel;
    private final int msgSize;
    private final ByteBuf payload;
    private final Runnable resume = () -> drive(Session.SEND);
    /** The data socket for direct sends (native epoll, direct payload), or null. */
    private final FileDescriptor fd;

    private final long payloadAddress;
    /** Replies go to each datagram's source (udp_lat server on an unconnected socket). */
    private final boolean replyToSource;
    /** Times each round trip of a ping-pong client (latency recording), or null: one field test per read. */
    private final RoundTripRecorder recorder;
    /** The paced sender's wait ({@code --rate}), or null (unpaced: qperf's flood). */
    private PacedGate gate;

    private InetSocketAddress recipient;
    /** udp_lat server: the only source address answered (see {@link DataRole#answerOnly}), or null. */
    private InetAddress answerOnly;
    /** The step the driver waits in: {@link Session#RECEIVE} (for a read), {@link Session#SEND} (writability, or
     * the next burst), or {@link Session#DONE}. */
    private int step;

    private boolean pending;
    private boolean stalled;
    /** The buffer of the read being reported, for access_recv. */
    private ByteBuf current;

    EventLoopDriver(final DataRole role, final Session session, final Channel channel, final ByteBuf payload) {
        this(role, session, channel, payload, null);
    }

    /** As above, timing each round trip of a ping-pong client into {@code recorder} (latency recording; may be null). */
    EventLoopDriver(
            final DataRole role,
            final Session session,
            final Channel channel,
            final ByteBuf payload,
            final RoundTripRecorder recorder) {
        this.role = role;
        this.recorder = recorder;
        this.session = session;
        this.channel = channel;
        this.msgSize = session.msgSize();
        this.payload = payload;
        if (channel instanceof UnixChannel u && payload.hasMemoryAddress()) {
            fd = u.fd();
            payloadAddress = payload.memoryAddress();
        } else {
            fd = null;
            payloadAddress = 0;
        }
        replyToSource = session.repliesToSender() && channel instanceof DatagramChannel d && !d.isConnected();
        session.receivedBytes(length -> {
            final ByteBuf b = current;
            return b == null ? 0 : DataRole.sum(b, b.readerIndex(), Math.min(length, b.readableBytes()));
        });
    }

    /**
     * From now on each message waits for {@code gate}'s permit (on the loop: this channel is the loop's only work).
     * Call before the first step.
     */
    void pace(final PacedGate gate) {
        this.gate = gate;
    }

    /** Acts on {@code next} until the session waits for an event. */
    void drive(int next) {
        int burst = 0;
        while (true) {
            step = next;
            if (next == Session.SEND) {
                if (role.finished() || pending) {
                    return;
                }
                if (++burst > BURST) { // yield to timers and other events, then go on
                    channel.eventLoop().execute(resume);
                    return;
                }
                if (!channel.isWritable()) {
                    stalled = true; // something else still drains (never a message of ours): wait for it
                    return;
                }
                if (gate != null && !gate.await(session)) {
                    return; // the run ended while waiting: the deadline's task finishes it
                }
                next = sendOne();
                if (next == WAIT) {
                    step = Session.SEND;
                    return;
                }
            } else if (next == Session.RECEIVE) {
                return; // the data arrives as read(...)
            } else {
                role.finishOnLoop();
                return;
            }
        }
    }

    private int sendOne() {
        int written = 0;
        if (fd != null) {
            try {
                written = recipient == null
                        ? fd.writeAddress(payloadAddress, 0, msgSize)
                        : ((Socket) fd)
                                .sendToAddress(payloadAddress, 0, msgSize, recipient.getAddress(), recipient.getPort());
            } catch (IOException e) {
                return session.sendFailed();
            }
            if (written == msgSize) {
                return session.sent(msgSize);
            }
        }
        // one message in flight at a time, so the payload's own indices can mark the rest (no slice per message)
        final ByteBuf rest = payload.retain().setIndex(written, msgSize);
        channel.writeAndFlush(recipient == null ? rest : new DatagramPacket(rest, recipient), channel.voidPromise());
        if (channel.isWritable()) {
            return session.sent(msgSize);
        }
        pending = true;
        return WAIT;
    }

    /** The channel became writable: a message Netty held has left. */
    void writable() {
        if (!channel.isWritable() || role.finished()) {
            return;
        }
        if (pending) {
            pending = false;
            drive(session.sent(msgSize));
        } else if (stalled) {
            stalled = false;
            drive(Session.SEND);
        }
    }

    /** Answers only datagrams from {@code client} (null: every source, as qperf). */
    void answerOnly(final InetAddress client) {
        this.answerOnly = client;
    }

    /**
     * A read delivered {@code buf} (a stream's bytes, or one datagram's content from {@code sender}). Counted only
     * while the session waits for a receive; a bandwidth sender drops what flows back.
     */
    void read(final ByteBuf buf, final InetSocketAddress sender) {
        if (step != Session.RECEIVE || role.finished()) {
            return;
        }
        if (replyToSource
                && answerOnly != null
                && sender != null
                && !DataRole.sameHost(answerOnly, sender.getAddress())) {
            return; // a stranger's datagram: not counted, not answered
        }
        if (replyToSource) {
            recipient = sender;
        }
        current = buf;
        final int next;
        try {
            next = session.received(buf.readableBytes());
        } finally {
            current = null;
        }
        if (recorder != null && next == Session.SEND) {
            recorder.roundTrip(System.nanoTime());
        }
        drive(next);
    }

    /** A socket error reported by the event loop (a read, or a send that Netty made). */
    void failed() {
        if (role.finished()) {
            return;
        }
        final int next = session.receiveFailed();
        if (next == Session.DONE || step == Session.RECEIVE) {
            drive(next);
        }
    }
}
