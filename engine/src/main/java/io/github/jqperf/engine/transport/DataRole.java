package io.github.jqperf.engine.transport;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.observe.RoundTripRecorder;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.session.Clock;
import io.github.jqperf.engine.session.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One side of a test's data path: a {@link Session} (what counts, pure) run on the channel's event loop for
 * {@code time} seconds by one of two drivers (docs/protocol.md §5.1, §5):
 * <ul>
 *   <li>{@link BlockingDriver} ({@link PollMode#BLOCK} on native epoll): the whole run is one task of blocking socket
 *       calls; the {@link Transport}'s alarm ends it at the deadline.</li>
 *   <li>{@link EventLoopDriver} (the other modes, NIO, and channels that are not native): driven by Netty's events;
 *       the transport's alarm ends it too.</li>
 * </ul>
 *
 * <p>Life cycle: the channel is created with auto-read off and this handler in its pipeline;
 * {@link #start(Channel, Transport)} (called from any thread right after the "before" synchronization) takes the
 * start snapshot, arms the deadline and begins; the deadline, an EOF, a fatal socket error or {@link #stop()} ends
 * it: end snapshot, no further counting, {@link #result()} completes with this side's {@link Stat}.
 */
public final class DataRole extends ChannelInboundHandlerAdapter {
    private final Session session;
    private final long durationNs;
    private final Clock clock;
    private final CompletableFuture<Stat> result = new CompletableFuture<>();
    private final Runnable finishTask = this::finishOnLoop;

    /** The data channel, set by {@link #start}. */
    private volatile Channel channel;

    private Transport transport;
    private boolean started;
    private boolean finished;
    private PollMode.SpinSwitch spin;
    private EventLoopDriver events;
    /** The deadline of an event-loop run (the transport's alarm, or a timer on the loop without a transport). */
    private Future<?> timer;

    private ByteBuf payload;
    private ByteBuf receiveBuffer;
    /** The socket of a blocking run while it runs (for {@link #stop()} from other threads). */
    private volatile BlockingSocket blocking;
    /** Times the client's round trips (tcp_lat/udp_lat with latency recording), or null. */
    private RoundTripRecorder recorder;
    /** {@code --rate}: udp_bw's sender paced to this many bits per second; 0 = unpaced (qperf's flood). */
    private long paceBitsPerSec;
    /** udp_lat server: the only address whose datagrams it answers (the control connection's peer), or null. */
    private InetAddress answerOnly;
    /** The paced sender's wait while it runs (woken by the deadline or a stop). */
    private volatile PacedGate gate;

    /**
     * @param session    what this side does and counts
     * @param durationSec test time; 0 = until EOF (qperf's endless run)
     * @param sampler    CPU snapshot source
     */
    public DataRole(final Session session, final long durationSec, final CpuSampler sampler) {
        this.session = session;
        this.durationNs = TimeUnit.SECONDS.toNanos(durationSec);
        this.clock = sampler::sample;
    }

    /**
     * Paces this role's sender to {@code bitsPerSec} (payload bits; 0 = unpaced). Only a datagram sender (udp_bw's
     * client) can be paced. Call before {@link #start}.
     *
     * @throws IllegalArgumentException for a session that is not a datagram sender
     */
    /**
     * A server that replies to the datagrams' source (udp_lat) answers only datagrams from {@code client} (the
     * control connection's peer); others are dropped uncounted. Call before {@link #start}; null = anyone (qperf).
     */
    public void answerOnly(final InetAddress client) {
        this.answerOnly = client;
    }

    /** Whether {@code a} and {@code b} are the same host, an IPv4 address and its IPv4-mapped IPv6 form alike. */
    static boolean sameHost(final InetAddress a, final InetAddress b) {
        return b != null && (a.equals(b) || java.util.Arrays.equals(v4(a.getAddress()), v4(b.getAddress())));
    }

    private static byte[] v4(final byte[] ip) {
        if (ip.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (ip[i] != 0) {
                    return ip;
                }
            }
            if (ip[10] == (byte) 0xff && ip[11] == (byte) 0xff) {
                return java.util.Arrays.copyOfRange(ip, 12, 16);
            }
        }
        return ip;
    }

    void pace(final long bitsPerSec) {
        if (bitsPerSec > 0
                && !(session instanceof io.github.jqperf.engine.session.StreamSender && session.datagram())) {
            throw new IllegalArgumentException("only udp_bw's sender can be paced");
        }
        this.paceBitsPerSec = bitsPerSec;
    }

    /** The session this role runs. */
    public Session session() {
        return session;
    }

    /**
     * Times every round trip of this ping-pong client into {@code r} (docs/latency.md); call it before {@code start}.
     * Without it (the default) the drivers' loops are qperf's, untimed.
     *
     * @throws IllegalStateException when the session is not a ping-pong test
     */
    public void recordRoundTrips(final RoundTripRecorder r) {
        if (!session.pingPong()) {
            throw new IllegalStateException("only tcp_lat and udp_lat have round trips");
        }
        this.recorder = r;
    }

    /** Starts the run on the channel's event loop, driven by Netty's events (no blocking calls, no transport). */
    public void start(final Channel ch) {
        start(ch, null, PollMode.EPOLL, null);
    }

    /** Starts the run on the channel's event loop as {@code transport}'s poll mode says. */
    public void start(final Channel ch, final Transport transport) {
        start(ch, transport, transport.pollMode(), transport.spinSwitch());
    }

    private void start(final Channel ch, final Transport t, final PollMode mode, final PollMode.SpinSwitch sw) {
        this.channel = ch;
        this.transport = t;
        if (t != null && !t.register(this)) {
            session.expire(); // the transport is closing: the run ends as soon as it begins
        }
        try {
            ch.eventLoop().execute(() -> begin(ch, t, mode, sw));
        } catch (RejectedExecutionException e) {
            abandon(e);
        }
    }

    private void begin(final Channel ch, final Transport t, final PollMode mode, final PollMode.SpinSwitch sw) {
        if (finished) {
            return; // stopped before it began
        }
        this.started = true;
        try {
            final BlockingSocket socket =
                    mode == PollMode.BLOCK && t != null && directMemory(ch) ? BlockingSocket.open(ch) : null;
            if (socket != null) {
                runBlocking(socket);
            } else {
                runEvents(sw);
            }
        } catch (RuntimeException | Error e) {
            // a bug must not leave the control side waiting for a result that never comes
            result.completeExceptionally(e);
            try {
                finishOnLoop(); // releases the buffers; the result stays the exception
            } finally {
                ch.close();
            }
        }
    }

    /** The run driven by Netty's events: start snapshot, timer, auto-read on, first step. */
    private void runEvents(final PollMode.SpinSwitch sw) {
        if (sw != null && session.pingPong()) {
            spin = sw;
            sw.set(true);
        }
        events = new EventLoopDriver(this, session, channel, payload(), recorder);
        events.answerOnly(answerOnly);
        final int first = session.begin(clock);
        if (recorder != null) {
            recorder.start(System.nanoTime());
        }
        if (durationNs > 0) {
            // the transport's alarm thread, not a timer of this event loop: a sender that always has the next burst
            // queued would keep a due timer waiting (Netty runs it after the queued tasks, measured: up to a second
            // late on NIO); the flag stops the burst at once, the task ends a run that waits for a read
            timer = transport != null
                    ? transport.alarm(this::deadline, durationNs)
                    : channel.eventLoop()
                            .schedule(
                                    () -> {
                                        session.expire();
                                        finishOnLoop();
                                    },
                                    durationNs,
                                    TimeUnit.NANOSECONDS);
        }
        channel.config().setAutoRead(true);
        if (!channel.isActive()) {
            finishOnLoop();
            return;
        }
        if (paceBitsPerSec > 0 && transport != null) {
            // paced only under a transport, whose alarm (not a timer of this loop, which the wait holds) ends the
            // run; the schedule starts after the start snapshot, as the measured time does
            final PacedGate g = PacedGate.start(paceBitsPerSec, session.msgSize());
            gate = g;
            events.pace(g);
        }
        events.drive(first);
    }

    /**
     * The whole run in blocking mode, on the event loop: start snapshot, {@link BlockingDriver#run}, end snapshot. A
     * fatal socket error ends the run and closes the channel, as in event-loop mode.
     */
    private void runBlocking(final BlockingSocket s) {
        final long payloadAddress = payload().memoryAddress();
        final ByteBuf receive = receiveBuffer(Math.max(1, session.receiveLength()));
        final long receiveAddress = receive.memoryAddress();
        session.receivedBytes(length -> sum(receive, 0, length));
        final int first = session.begin(clock);
        final Future<?> alarm = durationNs > 0 ? transport.alarm(this::abort, durationNs) : null;
        blocking = s;
        if (session.isOver()) {
            s.wake(); // a stop that came before the socket was published
        }
        try {
            if (recorder != null) {
                recorder.start(System.nanoTime());
                BlockingDriver.runTimed(session, s, first, payloadAddress, receiveAddress, recorder);
            } else if (paceBitsPerSec > 0) {
                final PacedGate g = PacedGate.start(paceBitsPerSec, session.msgSize());
                gate = g;
                BlockingDriver.runPaced(session, s, first, payloadAddress, g);
            } else {
                BlockingDriver.run(session, s, first, payloadAddress, receiveAddress, answerOnly);
            }
        } finally {
            gate = null;
            if (alarm != null) {
                alarm.cancel(false);
            }
            blocking = null;
            s.restore();
        }
        finishOnLoop();
    }

    /** This side's statistics, completed when the run finishes. */
    public CompletableFuture<Stat> result() {
        return result;
    }

    /**
     * Ends the run from any thread (the control connection reports a peer error, the control side gives up, or the
     * transport closes): as the deadline would, at once.
     */
    public void stop() {
        abort();
        final Channel ch = channel;
        if (ch == null) {
            result.completeExceptionally(new IllegalStateException("data path never started"));
            return;
        }
        try {
            ch.eventLoop().execute(finishTask);
        } catch (RejectedExecutionException e) {
            abandon(e);
        }
    }

    /** The alarm (qperf's {@code SIGALRM}) or a stop: the run is over; wake a blocked read. Any thread. */
    private void abort() {
        session.expire();
        final BlockingSocket s = blocking;
        if (s != null) {
            s.wake();
        }
        final PacedGate g = gate;
        if (g != null) {
            g.wake();
        }
    }

    /** The deadline of an event-loop run, on the alarm thread: flag the session, end the run on its loop. */
    private void deadline() {
        session.expire();
        final PacedGate g = gate;
        if (g != null) {
            g.wake();
        }
        try {
            channel.eventLoop().execute(finishTask);
        } catch (RejectedExecutionException e) {
            // the transport is closing: it ends the run itself
        }
    }

    private void abandon(final RejectedExecutionException e) {
        result.completeExceptionally(new IllegalStateException("data path's event loop is shut down", e));
        final Transport t = transport;
        if (t != null) {
            t.unregister(this);
        }
    }

    /** True once the run has ended on this side (event loop only). */
    boolean finished() {
        return finished;
    }

    /** Ends the run on the event loop: end snapshot, stop reading, complete the result. Idempotent. */
    void finishOnLoop() {
        if (finished) {
            return;
        }
        finished = true;
        final Stat stat = started ? session.end(clock) : null;
        if (spin != null) {
            spin.set(false);
        }
        if (timer != null) {
            timer.cancel(false);
        }
        final Channel ch = channel;
        if (ch != null) {
            ch.config().setAutoRead(false);
        }
        if (payload != null) {
            payload.release();
            payload = null;
        }
        if (receiveBuffer != null) {
            receiveBuffer.release();
            receiveBuffer = null;
        }
        if (transport != null) {
            transport.unregister(this);
        }
        if (stat != null) {
            result.complete(stat);
        } else {
            result.completeExceptionally(new IllegalStateException("data path stopped before it started"));
        }
        if (session.failed() && ch != null) {
            ch.close();
        }
    }

    /**
     * The run's payload: {@code msg_size} bytes that read as zeros ({@link ZeroPages}, else a pooled zero-filled
     * direct buffer), allocated when the run starts and released when it finishes.
     */
    private ByteBuf payload() {
        if (payload == null) {
            final int size = Math.max(1, session.msgSize());
            payload = ZeroPages.map(size);
            if (payload == null) {
                payload = channel.alloc().directBuffer(size);
                payload.writeZero(session.msgSize());
            }
        }
        return payload;
    }

    private ByteBuf receiveBuffer(final int length) {
        if (receiveBuffer == null) {
            receiveBuffer = newReceiveBuffer(length, channel.alloc());
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

    /** Whether payload and receive buffers have native addresses (they do wherever Netty's epoll works). */
    private static boolean directMemory(final Channel ch) {
        final ByteBuf probe = ch.alloc().directBuffer(1);
        try {
            return probe.hasMemoryAddress();
        } finally {
            probe.release();
        }
    }

    /** access_recv: reads {@code length} bytes of {@code buf} from {@code from} and returns their sum. */
    static long sum(final ByteBuf buf, final int from, final int length) {
        long sum = 0;
        for (int i = from, end = from + length; i < end; i++) {
            sum += buf.getByte(i);
        }
        return sum;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        try {
            final EventLoopDriver d = events;
            if (d == null || finished) {
                return;
            }
            if (msg instanceof DatagramPacket p) {
                d.read(p.content(), p.sender());
            } else if (msg instanceof ByteBuf b) {
                d.read(b, null);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx) {
        final EventLoopDriver d = events;
        if (d != null && !finished) {
            d.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) {
        // EOF ends the test on this side (docs/protocol.md §5.1)
        if (started && !finished) {
            session.eof();
            finishOnLoop();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        final EventLoopDriver d = events;
        if (d != null && !finished) {
            d.failed(); // the session decides: a stream ends (and closes), a datagram socket counts it
        } else if (!session.datagram() && cause instanceof IOException) {
            ctx.close();
        }
    }
}
