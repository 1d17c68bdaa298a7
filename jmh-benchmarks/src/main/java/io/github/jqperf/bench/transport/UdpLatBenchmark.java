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
 * udp_lat's per-message path on an in-memory channel: one op = one datagram received and the next one (client,
 * connected socket: a plain buffer) or the reply (server: a {@link DatagramPacket} addressed to the sender) written
 * and flushed. The inbound {@link DatagramPacket} is reused; on a real socket Netty creates one per datagram.
 *
 * <p>{@code java -jar jmh-benchmarks/target/benchmarks.jar UdpLatBenchmark -prof gc}
 */
public class UdpLatBenchmark extends AbstractBenchmarkBase {
    /** Client (sends first) or server (replies). */
    @Param({"pinger", "ponger"})
    public String side;

    /** Datagram size in bytes. */
    @Param({"1"})
    public int msgSize;

    private EmbeddedDataPath path;
    private DatagramPacket packet;

    @Setup(Level.Trial)
    public void setUp() {
        path = new EmbeddedDataPath(
                        "pinger".equals(side)
                                ? DataChannels.clientRole(TestKind.UDP_LAT, msgSize, 0, EmbeddedDataPath.sampler())
                                : DataChannels.serverRole(
                                        TestKind.UDP_LAT, msgSize, 0, false, EmbeddedDataPath.sampler()))
                .start();
        path.drainOutbound();
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

    /** One round: receive a datagram, send the next. */
    @Benchmark
    public int roundTrip() {
        path.channel.pipeline().fireChannelRead(packet.retain());
        return path.drainOutbound();
    }
}
