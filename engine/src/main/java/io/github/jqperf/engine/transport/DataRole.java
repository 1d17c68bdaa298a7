package io.github.jqperf.engine.transport;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.result.Ustat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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
    private ByteBuf receiveBuffer;
    /** {@link #receiveBuffer}'s native address and capacity, cached for the per-message path. */
    private long receiveMemory;
    private int receiveCapacity;
    /** Set when a blocking run must end: by the alarm at the deadline, or by {@link #stop()}. */
    private volatile boolean over;
    /** The socket of a blocking run while it runs (for {@link #stop()} from other threads). */
    private volatile BlockingSocket blocking;
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

    /** Starts the run on the channel's event loop, driven by Netty's events (no blocking calls). */
    public final void start(final Channel ch) {
        start(ch, PollMode.EPOLL, null);
    }

    /** Starts the run on the channel's event loop as {@code transport}'s poll mode says. */
    public final void start(final Channel ch, final Transport transport) {
        start(ch, transport.pollMode(), transport.spinSwitch());
    }

    /**
     * Starts the run on the channel's event loop. In {@link PollMode#BLOCK} (on native epoll) the whole run is one
     * task of blocking socket calls ({@link #runBlocking}); otherwise it is driven by Netty's events, and latency
     * roles turn {@code spin} on while they run (see {@link PollMode#SPIN_THEN_BLOCK}).
     */
    public final void start(final Channel ch, final PollMode mode, final PollMode.SpinSwitch spin) {
        ch.eventLoop().execute(() -> {
            this.channel = ch;
            this.started = true;
            final BlockingSocket socket = mode == PollMode.BLOCK && directMemory(ch)
                ? BlockingSocket.open(ch) : null;
            if (socket != null) {
                try {
                    runBlocking(socket);
                } catch (RuntimeException | Error e) {
                    // a bug must not leave the control side waiting for a result that never comes
                    result.completeExceptionally(e);
                    try {
                        finish(); // releases the buffers; the result stays the exception
                    } finally {
                        ch.close();
                    }
                }
                return;
            }
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
        final BlockingSocket s = blocking;
        if (s != null) {
            end(s); // a blocking run: flag and wake it; the task below then finds it finished
        } else {
            over = true;
        }
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
            payload = ZeroPages.map(Math.max(1, msgSizeBytes));
            if (payload == null) {
                payload = channel.alloc().directBuffer(Math.max(1, msgSizeBytes));
                payload.writeZero(msgSizeBytes);
            }
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

    /**
     * qperf's {@code SIGALRM}: one daemon thread, shared by all runs, that ends a run at its deadline (a precise
     * timed park): sets its {@code over} flag and wakes a blocked read; the data thread never reads the clock.
     */
    private static final java.util.concurrent.ScheduledThreadPoolExecutor ALARM = alarm();

    private static java.util.concurrent.ScheduledThreadPoolExecutor alarm() {
        final java.util.concurrent.ScheduledThreadPoolExecutor e = new java.util.concurrent.ScheduledThreadPoolExecutor(
            1, r -> {
                final Thread t = new Thread(r, "jqperf-alarm");
                t.setDaemon(true);
                return t;
            });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    /** {@link #blockingSend} / {@link #blockingReceive} result: the run is over (deadline, stop request or EOF). */
    protected static final int OVER = -1;

    /** Whether payload and receive buffers have native addresses (they do wherever Netty's epoll works). */
    private static boolean directMemory(final Channel ch) {
        final ByteBuf probe = ch.alloc().directBuffer(1);
        try {
            return probe.hasMemoryAddress();
        } finally {
            probe.release();
        }
    }

    /**
     * The whole run in blocking mode, on the event loop: start snapshot, {@link #blockingLoop}, end snapshot. A
     * fatal socket error (any on TCP) ends the run and closes the channel, as in event-loop mode.
     */
    private void runBlocking(final BlockingSocket s) {
        sampler.sample(timeStart);
        final java.util.concurrent.ScheduledFuture<?> alarm = durationNs > 0
            ? ALARM.schedule(() -> end(s), durationNs, TimeUnit.NANOSECONDS) : null;
        blocking = s;
        if (over) {
            s.wake(); // a stop that came before the socket was published
        }
        boolean fatal = false;
        try {
            blockingLoop(s);
        } catch (IOException e) {
            fatal = true;
        } finally {
            if (alarm != null) {
                alarm.cancel(false);
            }
            blocking = null;
            s.restore();
        }
        finish();
        if (fatal) {
            channel.close();
        }
    }

    /**
     * Runs this role with blocking calls ({@link #blockingSend}, {@link #blockingReceive}, {@link #going}) until the
     * deadline, a stop request, EOF or a fatal error (thrown).
     */
    protected abstract void blockingLoop(BlockingSocket s) throws IOException;

    /**
     * True while a blocking run goes on: the alarm has not gone off and no stop was requested. One volatile read (as
     * qperf tests a flag its {@code SIGALRM} handler sets), no clock read per message.
     */
    protected final boolean going() {
        return !over;
    }

    /** The alarm (or a stop request): the run is over; wake a blocked read (qperf's {@code SIGALRM}). */
    private void end(final BlockingSocket s) {
        over = true;
        s.wake();
    }

    /**
     * Sends one message of {@code msg_size} bytes, one {@code write} per call until all of it has left (one call,
     * unless a timeout tick splits it), and counts it if the run had not ended by then.
     *
     * @return {@link #SENT}; {@link #FAILED} after a non-fatal error (counted; the run goes on); or {@link #OVER}
     * @throws IOException a fatal send error
     */
    protected final int blockingSend(final BlockingSocket s) throws IOException {
        final long address = payloadMemoryAddress();
        int offset = 0;
        while (true) {
            final int n;
            try {
                n = s.write(address, offset, msgSizeBytes);
            } catch (IOException e) {
                if (isFatal(e)) {
                    throw e;
                }
                sendError();
                return going() ? FAILED : OVER;
            }
            offset += n;
            if (offset >= msgSizeBytes) {
                if (!going()) {
                    return OVER;
                }
                sent(msgSizeBytes);
                return SENT;
            }
            if (!going()) { // the send timed out: over, or try again
                return OVER;
            }
        }
    }

    /**
     * Receives with one blocking {@code read} of at most {@code length} bytes into the receive buffer (on UDP: one
     * datagram, cut at {@code length}; an empty one gives 0). Counts nothing; non-fatal errors count as receive
     * errors and the read is retried.
     *
     * @return bytes read, or {@link #OVER} when the run ended (deadline, stop request, EOF on TCP) first
     * @throws IOException a fatal receive error
     */
    protected final int blockingReceive(final BlockingSocket s, final int length, final boolean datagram)
        throws IOException {
        final long address = receiveAddress(length);
        while (true) {
            final int n;
            try {
                n = s.read(address, length);
            } catch (IOException e) {
                if (isFatal(e)) {
                    throw e;
                }
                receiveError();
                if (!going()) {
                    return OVER;
                }
                continue;
            }
            if (n > 0) {
                return going() ? n : OVER;
            }
            if (n < 0) {
                return datagram && going() ? 0 : OVER;
            }
            if (!going()) { // nothing came (EAGAIN): over, or try again
                return OVER;
            }
        }
    }

    /** The receive buffer of a blocking run (at least {@code length} bytes, allocated once per run). */
    protected final ByteBuf receiveBuffer(final int length) {
        if (receiveBuffer == null || receiveBuffer.capacity() < length) {
            if (receiveBuffer != null) {
                receiveBuffer.release();
            }
            receiveBuffer = newReceiveBuffer(Math.max(1, length), channel.alloc());
            receiveCapacity = 0; // the cached address is stale: receiveAddress takes the new one
        }
        return receiveBuffer;
    }

    /**
     * A receive buffer of at least {@code length} bytes that starts on a page boundary: an anonymous mapping
     * ({@link ZeroPages#map}), else one from {@code fallback}. The kernel's copy into it then starts on a cache line;
     * a pooled Netty buffer starts 16 bytes into one, and that misaligned copy measured 3-6 % slower on the udp_bw
     * 32 KiB receiver (pinned A/B against qperf, both layouts).
     */
    static ByteBuf newReceiveBuffer(final int length, final ByteBufAllocator fallback) {
        final ByteBuf mapped = ZeroPages.map(length);
        return mapped != null ? mapped : fallback.directBuffer(length);
    }

    private long receiveAddress(final int length) {
        if (length > receiveCapacity) { // first call of the run, or a longer read: (re)allocate, once
            final ByteBuf b = receiveBuffer(length);
            receiveMemory = b.memoryAddress();
            receiveCapacity = b.capacity();
        }
        return receiveMemory;
    }

    private long payloadMemoryAddress() {
        if (payloadAddress == 0) {
            payloadAddress = payload().memoryAddress();
        }
        return payloadAddress;
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
            payloadAddress = 0;
        }
        if (receiveBuffer != null) {
            receiveBuffer.release();
            receiveBuffer = null;
            receiveMemory = 0;
            receiveCapacity = 0;
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
