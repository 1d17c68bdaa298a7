package io.github.jqperf.engine.transport;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.session.Sessions;
import io.github.jqperf.engine.session.StreamReceiver;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TrafficPattern;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the data connection of a measurement test on a {@link Transport} (docs/protocol.md §3.4, §4.2) and the role that runs
 * on it. Every channel starts with auto-read off; {@link DataRole#start} turns it on, so nothing is read (or counted)
 * before the "before" synchronization, just as qperf does not read before it.
 */
public final class DataChannels {
    /** Largest UDP payload; the receive buffer of UDP sockets. */
    static final int MAX_DATAGRAM = io.github.jqperf.engine.session.DatagramPingPong.MAX_DATAGRAM;
    /**
     * Netty's classic pooled allocator for the data path: Netty 4.2's default adaptive allocator serves 64 KiB
     * receive buffers from fresh, zero-filled chunks (profiled: a fifth of a ping-pong's CPU went to zeroing).
     */
    private static final ByteBufAllocator BUFFERS = PooledByteBufAllocator.DEFAULT;
    /** One message in flight at most: unwritable as soon as a byte is pending, writable when all has gone. */
    private static final WriteBufferWaterMark ONE_MESSAGE = new WriteBufferWaterMark(1, 1);

    private DataChannels() {}

    /** The client's role for {@code kind}. */
    public static DataRole clientRole(
            final TestKind kind, final int msgSize, final long timeSec, final CpuSampler sampler) {
        return new DataRole(Sessions.client(kind, msgSize), timeSec, sampler);
    }

    /**
     * The client's role for {@code kind}, udp_bw's sender paced to {@code rateBitsPerSec} (payload bits per second;
     * 0 = unpaced, and ignored by every other test).
     */
    public static DataRole clientRole(
            final TestKind kind,
            final int msgSize,
            final long timeSec,
            final CpuSampler sampler,
            final long rateBitsPerSec) {
        final DataRole role = clientRole(kind, msgSize, timeSec, sampler);
        if (rateBitsPerSec > 0 && kind.trafficPattern() == TrafficPattern.DATAGRAM_STREAM) {
            role.pace(rateBitsPerSec);
        }
        return role;
    }

    /** The server's role for {@code kind}. */
    public static DataRole serverRole(
            final TestKind kind,
            final int msgSize,
            final long timeSec,
            final boolean accessRecv,
            final CpuSampler sampler) {
        return new DataRole(Sessions.server(kind, msgSize, accessRecv), timeSec, sampler);
    }

    /** A bound server-side data socket: a TCP listener waiting for one connection, or a bound UDP socket. */
    public static final class Listening implements AutoCloseable {
        private final Channel bound;
        private final CompletableFuture<Channel> accepted;

        Listening(final Channel bound, final CompletableFuture<Channel> accepted) {
            this.bound = bound;
            this.accepted = accepted;
        }

        /** The address actually bound. */
        java.net.SocketAddress localAddress() {
            return bound.localAddress();
        }

        /** The port actually bound (what PORT announces). */
        public int port() {
            return ((InetSocketAddress) bound.localAddress()).getPort();
        }

        /**
         * The data channel: the accepted TCP connection (waiting up to {@code timeoutMs}; the listener is closed
         * after it, as qperf does), or the UDP socket itself.
         *
         * @throws QperfException when no client connected in time
         */
        public Channel awaitChannel(final long timeoutMs) {
            try {
                final Channel ch = timeoutMs > 0 ? accepted.get(timeoutMs, TimeUnit.MILLISECONDS) : accepted.get();
                if (ch != bound) {
                    bound.close();
                }
                return ch;
            } catch (TimeoutException e) {
                throw new QperfException("failed to receive data connection: timed out");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QperfException("interrupted while waiting for the data connection", e);
            } catch (ExecutionException e) {
                throw new QperfException(
                        "failed to accept data connection: " + e.getCause().getMessage(), e);
            }
        }

        /**
         * Closes the listener (or the UDP socket) and the accepted connection. Channels closed already (the TCP
         * listener after the accept, a connection the run closed) are left alone: Netty answers a second close
         * with a {@code ClosedChannelException} it creates each time (5 per test, seen in JFR).
         */
        @Override
        public void close() {
            if (bound.isOpen()) {
                bound.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
            }
            accepted.thenAccept(ch -> {
                if (ch.isOpen()) {
                    ch.close();
                }
            });
        }
    }

    /**
     * Binds the server's data socket on the wildcard address (dual stack where IPv6 exists) at {@code port}
     * (0 = ephemeral), applying {@code sockBufSize} (if non-zero) as SO_SNDBUF and SO_RCVBUF.
     *
     * @throws QperfException {@code unable to make TCP socket} / {@code unable to make UDP socket}, qperf's texts
     */
    public static Listening listen(
            final Transport t,
            final TestKind kind,
            final int port,
            final int sockBufSize,
            final int msgSize,
            final DataRole role) {
        return listen(t, kind, port, sockBufSize, msgSize, role, null);
    }

    /**
     * As {@link #listen(Transport, TestKind, int, int, int, DataRole)}, but for a client whose control connection
     * came from {@code client}: an IPv4 client gets an IPv4 data socket on {@code 0.0.0.0} (on epoll), as qperf's
     * server makes, so every datagram and segment takes the kernel's IPv4 paths instead of the IPv6 ones with a
     * v4-mapped address. Its data connection comes from the same address (qperf connects the data socket to the
     * host it reached the control port on). Anything else (null, IPv6) gets the dual-stack wildcard socket.
     */
    public static Listening listen(
            final Transport t,
            final TestKind kind,
            final int port,
            final int sockBufSize,
            final int msgSize,
            final DataRole role,
            final InetAddress client) {
        return listen(t, kind, port, sockBufSize, msgSize, role, client, null);
    }

    /**
     * As {@link #listen(Transport, TestKind, int, int, int, DataRole, InetAddress)}, bound to {@code bindAddress}
     * (the server's configured listen address; null = the wildcard as above). An IPv4 address gets an IPv4 socket
     * (on epoll), an IPv6 one an IPv6 socket.
     */
    public static Listening listen(
            final Transport t,
            final TestKind kind,
            final int port,
            final int sockBufSize,
            final int msgSize,
            final DataRole role,
            final InetAddress client,
            final InetAddress bindAddress) {
        final boolean inet = t.isEpoll()
                && (bindAddress != null
                        ? bindAddress instanceof java.net.Inet4Address
                        : client instanceof java.net.Inet4Address);
        final java.net.SocketAddress local = bindAddress != null
                ? new InetSocketAddress(bindAddress, port)
                : inet ? new InetSocketAddress("0.0.0.0", port) : new InetSocketAddress(port);
        final CompletableFuture<Channel> accepted = new CompletableFuture<>();
        final ChannelFuture f;
        if (kind.isUdp()) {
            final Bootstrap b = new Bootstrap()
                    .group(t.group())
                    .channelFactory(
                            inet
                                    ? () -> new io.netty.channel.epoll.EpollDatagramChannel(
                                            io.netty.channel.socket.SocketProtocolFamily.INET)
                                    : t.clientChannelFactory(true, null))
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, ONE_MESSAGE)
                    .option(ChannelOption.ALLOCATOR, BUFFERS)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(readSize(kind, msgSize)))
                    .handler(role);
            if (sockBufSize > 0) {
                b.option(ChannelOption.SO_SNDBUF, sockBufSize).option(ChannelOption.SO_RCVBUF, sockBufSize);
            }
            if (t.isEpoll() && kind.trafficPattern() == TrafficPattern.DATAGRAM_STREAM && msgSize <= MAX_DATAGRAM / 2) {
                // Receive up to 64 KiB of datagrams per recvmmsg call, each cut at msg_size as qperf's
                // msg_size receive buffer cuts it; the datagrams on the wire and what is counted stay the same.
                b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, msgSize);
            }
            f = b.bind(local).awaitUninterruptibly();
            if (f.isSuccess()) {
                accepted.complete(f.channel());
            }
        } else {
            final ServerBootstrap b = new ServerBootstrap()
                    .group(t.group())
                    .channelFactory(
                            inet
                                    ? () -> new io.netty.channel.epoll.EpollServerSocketChannel(
                                            io.netty.channel.socket.SocketProtocolFamily.INET)
                                    : new io.netty.channel.ReflectiveChannelFactory<>(t.serverChannel()))
                    .option(ChannelOption.SO_BACKLOG, 1)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.AUTO_READ, false)
                    // qperf sets TCP_NODELAY nowhere (Nagle on); Netty turns it on by default, which sends every small
                    // message as its own segment and measures something else
                    .childOption(ChannelOption.TCP_NODELAY, false)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, ONE_MESSAGE)
                    .childOption(ChannelOption.ALLOCATOR, BUFFERS)
                    .childOption(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(readSize(kind, msgSize)))
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(final Channel ch) {
                            if (accepted.isDone()) {
                                ch.close(); // one data connection per test
                                return;
                            }
                            ch.pipeline().addLast(role);
                            accepted.complete(ch);
                        }
                    });
            if (sockBufSize > 0) {
                b.childOption(ChannelOption.SO_SNDBUF, sockBufSize).childOption(ChannelOption.SO_RCVBUF, sockBufSize);
            }
            f = b.bind(local).awaitUninterruptibly();
        }
        if (!f.isSuccess()) {
            throw new QperfException(
                    kind.isUdp() ? "unable to make UDP socket" : "unable to make TCP socket", f.cause());
        }
        return new Listening(f.channel(), accepted);
    }

    /**
     * The client's data connection to {@code port} on the first of {@code addresses} that accepts it (docs/protocol.md §4.2:
     * the same host name as the control connection, tried in order).
     *
     * @throws QperfException {@code could not make TCP connection to server} (or UDP), qperf's text
     */
    public static Channel connect(
            final Transport t,
            final TestKind kind,
            final InetAddress[] addresses,
            final int port,
            final int msgSize,
            final DataRole role,
            final long timeoutMs) {
        Throwable last = null;
        for (final InetAddress a : addresses) {
            final Bootstrap b = new Bootstrap()
                    .group(t.group())
                    .channelFactory(t.clientChannelFactory(kind.isUdp(), a))
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, ONE_MESSAGE)
                    .option(ChannelOption.ALLOCATOR, BUFFERS)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(readSize(kind, msgSize)))
                    .handler(role);
            if (!kind.isUdp()) {
                b.option(ChannelOption.TCP_NODELAY, false); // as qperf: Nagle on
                b.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1000, Math.min(timeoutMs, 60_000)));
            }
            final ChannelFuture f = b.connect(new InetSocketAddress(a, port)).awaitUninterruptibly();
            if (f.isSuccess()) {
                return f.channel();
            }
            last = f.cause();
        }
        throw new QperfException("could not make " + (kind.isUdp() ? "UDP" : "TCP") + " connection to server", last);
    }

    /**
     * tcp_bw's bytes per blocking {@code read}: {@code msg_size} below 1 KiB, as qperf (measured: with tiny messages
     * and a receiver that sleeps in {@code read}, bigger reads make it contend with the sender for the socket lock
     * and slow both by a fifth), else {@link #readSize}.
     */
    static int blockingReadSize(final int msgSize) {
        return StreamReceiver.readSize(msgSize);
    }

    /**
     * Bytes per receive call. qperf reads {@code msg_size} bytes per call; reading more per call changes nothing on
     * the wire or in what is counted. tcp_bw reads at least 64 KiB (the receiver must not be the bottleneck; in
     * blocking mode see {@link #blockingReadSize}); ping-pong tests read one message ({@code msg_size}, at
     * least 64 bytes); udp_bw reads 64 KiB per {@code recvmmsg} in event-loop mode, cut into {@code msg_size}
     * datagrams. At most 1 MiB.
     */
    static int readSize(final TestKind kind, final int msgSize) {
        return switch (kind.trafficPattern()) {
            case STREAM -> Math.max(64 * 1024, Math.min(msgSize, 1 << 20));
            case DATAGRAM_STREAM -> MAX_DATAGRAM;
            default -> Math.max(64, Math.min(msgSize, kind.isUdp() ? MAX_DATAGRAM : 1 << 20));
        };
    }
}
