package io.github.jqperf.engine.transport;

import io.github.jqperf.engine.cpu.CpuAffinity;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Netty transport of the data path: native epoll when available, NIO otherwise (with the reason, so the caller can
 * print one warning line). One event-loop thread per instance: each role (client or server) runs its data path on a
 * single thread with no hand-off; plus, once a blocking run needs one, one alarm thread (qperf's {@code SIGALRM}).
 *
 * <p>{@link #close()} ends the runs in progress (as their deadline would), shuts both threads down and returns
 * within about a second; after it returns no thread this transport started is alive.
 */
public final class Transport implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final boolean epoll;
    private final PollMode pollMode;
    private final PollMode.SpinSwitch spin = new PollMode.SpinSwitch();
    /** How long {@link #close()} may take. */
    private static final long CLOSE_NS = TimeUnit.MILLISECONDS.toNanos(950);

    private final EventLoopGroup group;
    /** Every thread this transport started (event loop, alarm), joined by {@link #close()}. */
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    /** The runs in progress, ended by {@link #close()}. */
    private final Set<DataRole> runs = ConcurrentHashMap.newKeySet();
    /**
     * qperf's {@code SIGALRM}: ends blocking runs at their deadline (a precise timed park; the data thread reads no
     * clock). Its one thread starts with the first run that needs it.
     */
    private final ScheduledThreadPoolExecutor alarm;

    private volatile boolean closed;

    private Transport(final boolean epoll, final String threadName, final PollMode pollMode) {
        this.epoll = epoll;
        this.pollMode = pollMode;
        final int seq = SEQ.incrementAndGet();
        final IoHandlerFactory factory =
                epoll ? EpollIoHandler.newFactory(0, pollMode.strategyFactory(spin)) : NioIoHandler.newFactory();
        // A FastThreadLocalThread, as Netty's own DefaultThreadFactory makes: Netty 4.2's Recycler pools objects (the
        // outbound buffer's per-write Entry, pooled ByteBuf instances) only on such threads; on a plain Thread every
        // write and read allocates them anew (measured: 60-100 B per message, LoopbackAllocationProbe).
        final ThreadFactory loopThreads = r -> {
            final Thread t = new FastThreadLocalThread(r, threadName + "-" + seq);
            t.setDaemon(true);
            threads.add(t);
            return t;
        };
        this.group = new MultiThreadIoEventLoopGroup(1, loopThreads, factory);
        this.alarm = new ScheduledThreadPoolExecutor(1, r -> {
            final Thread t = new Thread(r, threadName + "-" + seq + "-alarm");
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
        alarm.setRemoveOnCancelPolicy(true);
    }

    /**
     * Creates a transport, epoll if possible.
     *
     * @param threadName prefix of the event-loop thread's name
     * @param allowEpoll false forces NIO (tests run the same suite over both)
     */
    public static Transport create(final String threadName, final boolean allowEpoll) {
        return create(threadName, allowEpoll, PollMode.BLOCK);
    }

    /**
     * Creates a transport, epoll if possible, waiting for I/O as {@code pollMode} says (NIO always blocks).
     */
    public static Transport create(final String threadName, final boolean allowEpoll, final PollMode pollMode) {
        return new Transport(allowEpoll && Epoll.isAvailable(), threadName, pollMode);
    }

    /**
     * Why native epoll is not used, or null when it is available. One line, suitable for a warning.
     */
    public static String epollUnavailableReason() {
        if (Epoll.isAvailable()) {
            return null;
        }
        final Throwable cause = Epoll.unavailabilityCause();
        return "native epoll unavailable, using NIO: " + (cause == null ? "unknown reason" : cause.toString());
    }

    /** How the data path waits for I/O. */
    public PollMode pollMode() {
        return pollMode;
    }

    /** Switches spin-then-block on for latency tests (no effect unless the poll mode is SPIN_THEN_BLOCK). */
    public PollMode.SpinSwitch spinSwitch() {
        return spin;
    }

    /** True when this transport uses native epoll. */
    public boolean isEpoll() {
        return epoll;
    }

    /** The single-threaded event loop group. */
    public EventLoopGroup group() {
        return group;
    }

    /** TCP client channel class. */
    public Class<? extends Channel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /**
     * The client's data channel for a connection to {@code target}: on epoll an IPv4 socket for an IPv4 target (as
     * qperf makes; Netty's default dual-stack IPv6 socket would take the IPv6 code paths of the kernel with a
     * v4-mapped address for every message), else Netty's default.
     */
    public io.netty.channel.ChannelFactory<Channel> clientChannelFactory(
            final boolean udp, final java.net.InetAddress target) {
        final boolean inet = target instanceof java.net.Inet4Address;
        if (epoll && inet) {
            return udp
                    ? () -> new EpollDatagramChannel(io.netty.channel.socket.SocketProtocolFamily.INET)
                    : () -> new EpollSocketChannel(io.netty.channel.socket.SocketProtocolFamily.INET);
        }
        final Class<? extends Channel> type = udp ? datagramChannel() : socketChannel();
        return new io.netty.channel.ReflectiveChannelFactory<>(type);
    }

    /** TCP server channel class. */
    public Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** UDP channel class. */
    public Class<? extends Channel> datagramChannel() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /**
     * Pins the caller's thread and the event-loop thread as qperf's {@code -ca N} (N-1; 0 = nothing) and returns a
     * handle that restores both masks.
     *
     * @throws io.github.jqperf.engine.error.QperfException qperf's {@code cannot set processor affinity} message
     */
    public AutoCloseable pin(final long qperfCpu) {
        if (qperfCpu == 0) {
            return () -> {};
        }
        final long[] callerMask = CpuAffinity.current();
        CpuAffinity.pin(qperfCpu);
        final long[][] loopMask = new long[1][];
        try {
            group.next()
                    .submit(() -> {
                        loopMask[0] = CpuAffinity.current();
                        CpuAffinity.pin(qperfCpu);
                    })
                    .syncUninterruptibly();
        } catch (RuntimeException e) {
            CpuAffinity.restore(callerMask);
            throw e;
        }
        return () -> {
            CpuAffinity.restore(callerMask);
            group.next().submit(() -> CpuAffinity.restore(loopMask[0])).awaitUninterruptibly(1, TimeUnit.SECONDS);
        };
    }

    /** Registers a run so {@link #close()} can end it; false when this transport is closing. */
    boolean register(final DataRole run) {
        runs.add(run);
        if (closed) {
            runs.remove(run);
            return false;
        }
        return true;
    }

    /** The run has finished. */
    void unregister(final DataRole run) {
        runs.remove(run);
    }

    /**
     * Runs {@code task} on the alarm thread in {@code delayNs}; when the transport is closing, at once on the caller's
     * thread (the run must end then anyway).
     */
    Future<?> alarm(final Runnable task, final long delayNs) {
        try {
            return alarm.schedule(task, delayNs, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            task.run();
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    /**
     * Ends the runs in progress (each as its deadline would: counted so far, result completed), then stops the event
     * loop and the alarm and waits for their threads to end. Returns within about a second. Idempotent.
     */
    @Override
    public void close() {
        final long deadline = System.nanoTime() + CLOSE_NS;
        closed = true;
        for (final DataRole run : runs) {
            run.stop();
        }
        alarm.shutdownNow();
        group.shutdownGracefully(0, CLOSE_NS, TimeUnit.NANOSECONDS)
                .awaitUninterruptibly(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
        boolean interrupted = false;
        for (final Thread t : threads) {
            while (t.isAlive()) {
                final long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) {
                    break;
                }
                try {
                    t.join(leftMs);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
