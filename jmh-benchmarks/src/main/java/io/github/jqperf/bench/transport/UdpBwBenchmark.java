package io.github.jqperf.bench.transport;

import io.github.jqperf.bench.AbstractBenchmarkBase;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.transport.DataChannels;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * udp_bw's receiving side on an in-memory channel: one op = one datagram delivered to the udp_bw server role. The
 * {@link DatagramPacket} is reused here; on a real socket Netty creates one per datagram (Netty's allocation, not
 * ours). udp_bw's sending side is the client role, measured by
 * {@link TcpBwBenchmark}.
 *
 * <p>{@code java -jar jmh-benchmarks/target/benchmarks.jar UdpBwBenchmark -prof gc}
 */
public class UdpBwBenchmark extends AbstractBenchmarkBase {
    /** Datagram size in bytes. */
    @Param({"1024", "32768"})
    public int msgSize;

    private EmbeddedDataPath path;
    private DatagramPacket packet;

    @Setup(Level.Trial)
    public void setUp() {
        path = new EmbeddedDataPath(
                        DataChannels.serverRole(TestKind.UDP_BW, msgSize, 0, false, EmbeddedDataPath.sampler()))
                .start();
        final ByteBuf content = PooledByteBufAllocator.DEFAULT.directBuffer(msgSize);
        content.writeZero(msgSize);
        packet = new DatagramPacket(
                content, new InetSocketAddress("127.0.0.1", 40_001), new InetSocketAddress("127.0.0.1", 40_002));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        path.close();
        packet.release();
    }

    /** One datagram received and counted. */
    @Benchmark
    public void receive() {
        path.channel.pipeline().fireChannelRead(packet.retain());
    }
}
