package io.github.jqperf.engine.transport;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.wire.Stat;
import io.github.jqperf.engine.wire.Ustat;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One side of a test's data path, run on the channel's event loop for {@code time} seconds (spec §3.5, §4).
 *
 * <p>Life cycle: the channel is created with auto-read off; {@link #start(Channel)} (called from any thread right
 * after the "before" synchronization) takes the start snapshot, arms the timer and begins; the timer, an EOF or a
 * fatal socket error {@linkplain #finish() finishes} it: end snapshot, no further counting, {@link #result()}
 * completes with this side's {@link Stat}.
 *
 * <p>Counting follows qperf: an operation completes (and is counted) only if the test had not finished when it
 * completed. Subclasses count with {@link #sent(long)} / {@link #received(long)}; their per-message paths allocate
 * nothing (one {@link #payload()} buffer per run, sent by {@link #sendMessage}).
 *
 * @implSpec subclasses implement {@link #begin()} and the inbound callbacks; all of it runs on the event loop.
 */
public abstract class DataRole extends ChannelInboundHandlerAdapter {
    /** Message size in bytes. */
    protected final int msgSizeBytes;
    private final long durationNs;
    private final CpuSampler sampler;
    private final long[] timeStart = new long[Stat.TIMES];
    private final long[] timeEnd = new long[Stat.TIMES];
    private final CompletableFuture<Stat> result = new CompletableFuture<>();
    private final Runnable onTimer = this::finish;

    /** The data channel, set by {@link #start}. */
    protected Channel channel;
    /** True once the test has ended on this side. */
    protected boolean finished;
    private boolean started;
    private PollMode.SpinSwitch spin;
    private ByteBuf payload;
    /** The data socket for direct sends (native epoll), or null. */
    private FileDescriptor fd;
    private long payloadAddress;
    private boolean directChecked;
    private ScheduledFuture<?> timer;
    private long sBytes;
    private long sMsgs;
    private long sErrs;
    private long rBytes;
    private long rMsgs;
    private long rErrs;

    /**
     * @param msgSizeBytes message size
     * @param durationSec  test time; 0 = until EOF (qperf's endless run)
     * @param sampler      CPU snapshot source
     */
    protected DataRole(final int msgSizeBytes, final long durationSec, final CpuSampler sampler) {
        this.msgSizeBytes = msgSizeBytes;
        this.durationNs = TimeUnit.SECONDS.toNanos(durationSec);
        this.sampler = sampler;
    }

    /** Starts the run on the channel's event loop. */
    public final void start(final Channel ch) {
        start(ch, null);
    }

    /**
     * Starts the run on the channel's event loop; latency roles turn {@code spin} on while they run (see
     * {@link PollMode#SPIN_THEN_BLOCK}).
     */
    public final void start(final Channel ch, final PollMode.SpinSwitch spin) {
        ch.eventLoop().execute(() -> {
            this.channel = ch;
            this.started = true;
            if (spin != null && spinsWhileWaiting()) {
                this.spin = spin;
                spin.set(true);
            }
            sampler.sample(timeStart);
            if (durationNs > 0) {
                timer = ch.eventLoop().schedule(onTimer, durationNs, TimeUnit.NANOSECONDS);
            }
            ch.config().setAutoRead(true);
            if (!ch.isActive()) {
                finish();
                return;
            }
            begin();
        });
    }

    /** This side's statistics, completed when the run finishes. */
    public final CompletableFuture<Stat> result() {
        return result;
    }

    /** Ends the run from any thread (e.g. when the control connection reports a peer error). */
    public final void stop() {
        if (channel != null) {
            channel.eventLoop().execute(onTimer);
        } else {
            result.completeExceptionally(new IllegalStateException("data path never started"));
        }
    }

    /** Called once on the event loop when the run starts. */
    protected abstract void begin();

    /**
     * The run's payload, for roles that send: one pooled direct buffer of the message size, zero-filled, allocated
     * when the run starts and released when it finishes.
     */
    protected final ByteBuf payload() {
        if (payload == null) {
            payload = channel.alloc().directBuffer(Math.max(1, msgSizeBytes));
            payload.writeZero(msgSizeBytes);
        }
        return payload;
    }

    /** {@link #sendMessage} result: the whole message has left. */
    protected static final int SENT = 0;
    /** {@link #sendMessage} result: Netty holds (the rest of) it; the channel is unwritable until it has left. */
    protected static final int PENDING = 1;
    /** {@link #sendMessage} result: the send failed (counted as an error; a TCP failure also ends the run). */
    protected static final int FAILED = 2;

    /**
     * Sends one message of {@code msg_size} bytes with exactly one {@code write}/{@code send} when the socket takes
     * it: straight to the socket's file descriptor (native epoll, direct payload), with no pipeline traversal and no
     * outbound-buffer bookkeeping per message. When the socket is full or takes only part of it, the rest goes
     * through Netty's outbound buffer, which waits for {@code EPOLLOUT} — exactly qperf's "write until the whole
     * message is accepted", one message at a time. On NIO every message takes the Netty path.
     *
     * @param recipient where to send a datagram on an unconnected UDP socket (udp_lat server); null when connected
     * @return {@link #SENT}, {@link #PENDING} or {@link #FAILED}
     */
    protected final int sendMessage(final InetSocketAddress recipient) {
        if (!directChecked) {
            directChecked = true;
            if (channel instanceof UnixChannel u && payload().hasMemoryAddress()) {
                fd = u.fd();
                payloadAddress = payload().memoryAddress();
            }
        }
        int written = 0;
        if (fd != null) {
            try {
                written = recipient == null ? fd.writeAddress(payloadAddress, 0, msgSizeBytes)
                    : ((Socket) fd).sendToAddress(payloadAddress, 0, msgSizeBytes, recipient.getAddress(),
                        recipient.getPort());
            } catch (IOException e) {
                sendFailed(e);
                return FAILED;
            }
            if (written == msgSizeBytes) {
                return SENT;
            }
        }
        final ByteBuf rest = payload().retain().setIndex(written, msgSizeBytes);
        channel.writeAndFlush(recipient == null ? rest : new DatagramPacket(rest, recipient), channel.voidPromise());
        return channel.isWritable() ? SENT : PENDING;
    }

    private void sendFailed(final IOException e) {
        if (isFatal(e)) {
            finish();
            channel.close();
        } else {
            sendError();
        }
    }

    /** Counts a completed send. */
    protected final void sent(final long bytes) {
        sBytes += bytes;
        sMsgs++;
    }

    /** Counts a completed receive. */
    protected final void received(final long bytes) {
        rBytes += bytes;
        rMsgs++;
    }

    /** Counts a failed send. */
    protected final void sendError() {
        sErrs++;
    }

    /** Counts a failed receive. */
    protected final void receiveError() {
        rErrs++;
    }

    /** Ends the run on the event loop: end snapshot, stop reading, complete the result. Idempotent. */
    protected final void finish() {
        if (finished) {
            return;
        }
        finished = true;
        sampler.sample(timeEnd);
        if (spin != null) {
            spin.set(false);
        }
        if (timer != null) {
            timer.cancel(false);
        }
        if (channel != null) {
            channel.config().setAutoRead(false);
        }
        onFinish();
        if (payload != null) {
            payload.release();
            payload = null;
        }
        result.complete(new Stat(CpuSampler.onlineCpus(), CpuSampler.TICKS_PER_SECOND, 0, timeStart, timeEnd,
            new Ustat(sBytes, sMsgs, sErrs), new Ustat(rBytes, rMsgs, rErrs), Ustat.ZERO, Ustat.ZERO));
    }

    /** Whether this role waits for a reply per message (latency tests), where spinning before blocking pays. */
    protected boolean spinsWhileWaiting() {
        return false;
    }

    /** Hook: release per-run resources. */
    protected void onFinish() {
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) {
        // EOF ends the test on this side (spec §3.5)
        if (started) {
            finish();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        if (isFatal(cause)) {
            if (started) {
                finish();
            }
            ctx.close();
        } else if (started && !finished) {
            sendError();
        }
    }

    /**
     * Whether a data-path error ends the run. TCP errors do (qperf treats EPIPE like the timer); UDP send errors such
     * as ECONNREFUSED after an ICMP port unreachable only count as errors (qperf's s.no_errs).
     */
    protected boolean isFatal(final Throwable cause) {
        return cause instanceof IOException;
    }
}
