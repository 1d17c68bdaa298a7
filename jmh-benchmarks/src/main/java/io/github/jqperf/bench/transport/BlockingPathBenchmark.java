package io.github.jqperf.bench.transport;

import io.github.jqperf.bench.AbstractBenchmarkBase;
import io.github.jqperf.bench.Fixtures;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.transport.DataChannels;
import io.github.jqperf.engine.transport.DataRole;
import io.github.jqperf.engine.transport.PollMode;
import io.github.jqperf.engine.transport.Transport;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The default data path ({@link PollMode#BLOCK}: blocking calls on the epoll channel's socket) on real loopback
 * sockets. A jqperf role runs endlessly on its own event-loop thread; the benchmark thread is its peer with a plain
 * blocking JDK socket. One op = one message through the jqperf side:
 * <ul>
 *   <li>{@code tcp_lat} / {@code udp_lat}: the benchmark sends a message, the jqperf server role echoes it, the
 *       benchmark receives the echo (a full round trip, mostly kernel time);</li>
 *   <li>{@code tcp_bw}: the jqperf client role (a {@code StreamSender} session) writes messages back to back, the benchmark reads
 *       one message's bytes.</li>
 * </ul>
 * With {@code -prof gc}, {@code gc.alloc.rate.norm} counts every thread of the fork, the jqperf data thread included:
 * it must stay 0 B/op. Times include the kernel and both threads' wake-ups; compare runs on one machine only.
 *
 * <p>{@code java -jar jmh-benchmarks/target/benchmarks.jar BlockingPathBenchmark -prof gc}
 */
public class BlockingPathBenchmark extends AbstractBenchmarkBase {
    /** Which test's data path. */
    @Param({"tcp_lat", "udp_lat", "tcp_bw"})
    public String test;

    /** Message size in bytes. */
    @Param({"64"})
    public int msgSize;

    private Transport transport;
    private DataRole role;
    private Channel jqperf;
    private SocketChannel tcp;
    private DatagramChannel udp;
    private ByteBuffer out;
    private ByteBuffer in;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        transport = Transport.create("bench-blocking", true, PollMode.BLOCK);
        out = ByteBuffer.allocateDirect(msgSize);
        in = ByteBuffer.allocateDirect(Math.max(msgSize, 65_536));
        final InetAddress lo = InetAddress.getLoopbackAddress();
        switch (test) {
            case "tcp_lat", "udp_lat" -> {
                final TestKind kind = "tcp_lat".equals(test) ? TestKind.TCP_LAT : TestKind.UDP_LAT;
                role = DataChannels.serverRole(kind, msgSize, 0, false, Fixtures.NO_CPU);
                final DataChannels.Listening l = DataChannels.listen(transport, kind, 0, 0, msgSize, role);
                final InetSocketAddress server = new InetSocketAddress(lo, l.port());
                if (kind == TestKind.TCP_LAT) {
                    tcp = SocketChannel.open(server);
                } else {
                    udp = DatagramChannel.open().connect(server);
                }
                jqperf = l.awaitChannel(5000);
            }
            case "tcp_bw" -> {
                role = DataChannels.clientRole(TestKind.TCP_BW, msgSize, 0, Fixtures.NO_CPU);
                try (ServerSocketChannel ss = ServerSocketChannel.open().bind(new InetSocketAddress(lo, 0))) {
                    jqperf = DataChannels.connect(
                            transport,
                            TestKind.TCP_BW,
                            new InetAddress[] {lo},
                            ((InetSocketAddress) ss.getLocalAddress()).getPort(),
                            msgSize,
                            role,
                            5000);
                    tcp = ss.accept();
                }
            }
            default -> throw new IllegalArgumentException(test);
        }
        role.start(jqperf, transport);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        role.stop();
        if (tcp != null) {
            tcp.close();
        }
        if (udp != null) {
            udp.close();
        }
        jqperf.close().syncUninterruptibly();
        transport.close();
    }

    /** One message through the jqperf side (see the class comment). */
    @Benchmark
    public int message() throws IOException {
        if (udp != null) {
            out.clear();
            udp.write(out);
            in.clear();
            return udp.read(in);
        }
        if (!"tcp_bw".equals(test)) {
            out.clear();
            while (out.hasRemaining()) {
                tcp.write(out);
            }
        }
        in.clear().limit(msgSize);
        int got = 0;
        while (in.hasRemaining()) {
            got += tcp.read(in);
        }
        return got;
    }
}
