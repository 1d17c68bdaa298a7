package io.github.jqperf.bench.transport;

import io.github.jqperf.bench.AbstractBenchmarkBase;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.transport.DataChannels;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * tcp_lat's per-message path on an in-memory channel: one op = one complete message read, counted, and the next
 * message (client) or the echo (server) written and flushed. {@code pinger} = the client side, {@code ponger} =
 * the server side; in qperf both run the same loop.
 *
 * <p>{@code java -jar jmh-benchmarks/target/benchmarks.jar TcpLatBenchmark -prof gc}
 */
public class TcpLatBenchmark extends AbstractBenchmarkBase {
    /** Message size in bytes. */
    @Param({"1", "16384"})
    public int msgSize;

    /** Client (sends first) or server (echoes). */
    @Param({"pinger", "ponger"})
    public String side;

    private EmbeddedDataPath path;
    private ByteBuf inbound;

    @Setup(Level.Trial)
    public void setUp() {
        path = new EmbeddedDataPath(
                        "pinger".equals(side)
                                ? DataChannels.clientRole(TestKind.TCP_LAT, msgSize, 0, EmbeddedDataPath.sampler())
                                : DataChannels.serverRole(
                                        TestKind.TCP_LAT, msgSize, 0, false, EmbeddedDataPath.sampler()))
                .start();
        path.drainOutbound();
        inbound = PooledByteBufAllocator.DEFAULT.directBuffer(msgSize);
        inbound.writeZero(msgSize);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        path.close();
        inbound.release();
    }

    /** One round: receive a message, send the next. */
    @Benchmark
    public int roundTrip() {
        path.channel.pipeline().fireChannelRead(inbound.retain());
        return path.drainOutbound();
    }
}
