package io.github.jqperf.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.spec.TestKind;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.UnixChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The blocking data path ({@link PollMode#BLOCK}) on real loopback sockets: the mode switch really clears and
 * restores {@code O_NONBLOCK} (read back from {@code /proc/self/fdinfo}), a blocked read ends on a wake without a
 * packet to the peer, and a run ends at its deadline or on {@link DataRole#stop()} even when the peer sends nothing.
 * Bounds are generous: they catch a hang, not a slow machine.
 */
@Timeout(30)
class BlockingDataPathTest {
    private static final CpuSampler NO_CPU = times -> {};

    private Transport transport;
    /** The accepted side lives on its own event loop: a blocking run occupies {@link #transport}'s one thread. */
    private Transport peerTransport;

    private Channel listener;
    private Channel client;
    private CompletableFuture<Channel> accepted;

    @BeforeEach
    void connect() {
        assumeThat(Epoll.isAvailable() && BlockingSocket.isSupported())
                .as("native epoll and JNA")
                .isTrue();
        transport = Transport.create("blocking-test", true, PollMode.BLOCK);
        peerTransport = Transport.create("blocking-test-peer", true, PollMode.EPOLL);
        accepted = new CompletableFuture<>();
        listener = new ServerBootstrap()
                .group(peerTransport.group())
                .channel(peerTransport.serverChannel())
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(final Channel ch) {
                        accepted.complete(ch);
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .syncUninterruptibly()
                .channel();
        client = new Bootstrap()
                .group(transport.group())
                .channel(transport.socketChannel())
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInboundHandlerAdapter())
                .connect(listener.localAddress())
                .syncUninterruptibly()
                .channel();
    }

    @AfterEach
    void close() {
        if (transport != null) {
            client.close().syncUninterruptibly();
            listener.close().syncUninterruptibly();
            transport.close();
            peerTransport.close();
        }
    }

    private static int fd(final Channel ch) {
        return ((UnixChannel) ch).fd().intValue();
    }

    /** The file status flags of one of our descriptors, as the kernel reports them (octal in fdinfo). */
    private static int statusFlags(final int fd) throws IOException {
        for (final String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
            if (line.startsWith("flags:")) {
                return Integer.parseInt(line.substring(6).trim(), 8);
            }
        }
        throw new AssertionError("no flags line in fdinfo of " + fd);
    }

    private static final int O_NONBLOCK = 0x800;

    @Test
    void shouldSwitchTheSocketToBlockingModeAndBack() throws Exception {
        assertThat(statusFlags(fd(client)) & O_NONBLOCK)
                .as("Netty's socket starts non-blocking")
                .isNotZero();
        final BlockingSocket s = BlockingSocket.open(client);
        assertThat(s).isNotNull();
        assertThat(statusFlags(fd(client)) & O_NONBLOCK)
                .as("blocking during the run")
                .isZero();
        s.restore();
        assertThat(statusFlags(fd(client)) & O_NONBLOCK)
                .as("Netty's again afterwards")
                .isNotZero();
    }

    @Test
    void shouldReadWhatArrivesAndEndABlockedReadOnWakeWithoutTellingThePeer() throws Exception {
        final Channel server = accepted.get(5, TimeUnit.SECONDS);
        final java.util.concurrent.atomic.AtomicBoolean peerSawEnd = new java.util.concurrent.atomic.AtomicBoolean();
        server.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelInactive(final ChannelHandlerContext ctx) {
                peerSawEnd.set(true);
            }

            @Override
            public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) {
                peerSawEnd.set(true); // input shutdown (a FIN)
            }
        });
        server.config().setAutoRead(true);
        // all of it on the channel's event loop, as a run does: the loop then cannot react to socket events itself
        final BlockingSocket[] opened = new BlockingSocket[1];
        final long[] wokenAfterNs = new long[1];
        client.eventLoop()
                .submit(() -> {
                    final BlockingSocket s = BlockingSocket.open(client);
                    opened[0] = s;
                    final ByteBuf buf = Unpooled.directBuffer(64);
                    try {
                        server.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}))
                                .syncUninterruptibly();
                        assertThat(s.read(buf.memoryAddress(), 64)).isEqualTo(3);
                        assertThat(buf.getByte(2)).isEqualTo((byte) 3);
                        final long t0 = System.nanoTime();
                        peerTransport.group().schedule(s::wake, 200, TimeUnit.MILLISECONDS);
                        assertThat(s.read(buf.memoryAddress(), 64))
                                .as("woken: reads as EOF")
                                .isEqualTo(-1);
                        wokenAfterNs[0] = System.nanoTime() - t0;
                    } finally {
                        buf.release();
                        s.restore();
                    }
                    return null;
                })
                .get(10, TimeUnit.SECONDS);
        assertThat(wokenAfterNs[0])
                .as("blocked until the wake, not until the 1 s safety timeout")
                .isBetween(TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.MILLISECONDS.toNanos(900));
        Thread.sleep(300);
        assertThat(peerSawEnd)
                .as("shutdown(SHUT_RD) sends nothing: the peer sees no FIN")
                .isFalse();
        assertThat(server.isActive()).isTrue();
    }

    @Test
    void shouldEndABlockingRunAtItsDeadlineWhenThePeerIsSilent() throws Exception {
        final DataRole receiver = DataChannels.serverRole(TestKind.TCP_BW, 1024, 1, false, NO_CPU);
        final long t0 = System.nanoTime();
        receiver.start(client, transport);
        final Stat stat = receiver.result().get(10, TimeUnit.SECONDS);
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(tookMs).as("1 s run, bounded overrun").isBetween(900L, 5000L);
        assertThat(stat.r().msgs()).isZero();
        assertThat(statusFlags(fd(client)) & O_NONBLOCK)
                .as("restored after the run")
                .isNotZero();
    }

    @Test
    void shouldEndAnEndlessBlockingRunOnStop() throws Exception {
        final DataRole server = DataChannels.serverRole(TestKind.TCP_LAT, 1, 0, false, NO_CPU);
        server.start(client, transport);
        Thread.sleep(200);
        assertThat(server.result()).isNotDone();
        server.stop();
        server.result().get(5, TimeUnit.SECONDS);
        assertThat(client.isOpen()).as("a stop is not an error").isTrue();
    }

    @Test
    void shouldCountEveryMessageOfAPingPongAndEndOnEof() throws Exception {
        final Channel peer = accepted.get(5, TimeUnit.SECONDS);
        final DataRole echo = DataChannels.serverRole(TestKind.TCP_LAT, 100, 0, false, NO_CPU);
        echo.start(client, transport);
        // the peer plays the pinger: 3 messages in two odd pieces
        final byte[] three = new byte[300];
        peer.writeAndFlush(Unpooled.wrappedBuffer(three, 0, 150)).syncUninterruptibly();
        peer.writeAndFlush(Unpooled.wrappedBuffer(three, 150, 150)).syncUninterruptibly();
        Thread.sleep(300);
        peer.close().syncUninterruptibly();
        final Stat stat = echo.result().get(5, TimeUnit.SECONDS);
        assertThat(stat.r().msgs()).isEqualTo(3);
        assertThat(stat.r().bytes()).isEqualTo(300);
        assertThat(stat.s().msgs()).as("each complete message echoed").isEqualTo(3);
    }
}
