package io.github.jqperf.bench.transport;

import io.github.jqperf.bench.AbstractBenchmarkBase;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.transport.DataChannels;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * tcp_bw's per-message paths on an in-memory channel (also udp_bw's sending side: the same client role).
 * One op = one {@code msg_size} message. The socket itself is not measured (the harness does that on loopback);
 * what is measured is our code plus Netty's pipeline and outbound buffer, and {@code -prof gc} shows whether either
 * allocates per message.
 *
 * <ul>
 *   <li>{@code sendSocketFull}: every message finds the socket full, so each one goes through the
 *       unwritable → writable round trip ({@code channelWritabilityChanged}).</li>
 *   <li>{@code sendBurst}: 32 messages per drain, 31 of them written straight through by the send loop.</li>
 *   <li>{@code receive}: one read of {@code msg_size} bytes on the receiver (counting complete messages).</li>
 * </ul>
 *
 * <p>{@code java -jar jmh-benchmarks/target/benchmarks.jar TcpBwBenchmark -prof gc}
 */
public class TcpBwBenchmark extends AbstractBenchmarkBase {
    private static final int BURST = 32;

    /** Sender state; {@code passBeforeHold} decides how often the simulated socket is full. */
    @State(Scope.Thread)
    public static class SendState {
        @Param({"65536"})
        public int msgSize;

        EmbeddedDataPath path;

        void open(final int passBeforeHold) {
            path = new EmbeddedDataPath(
                    DataChannels.clientRole(TestKind.TCP_BW, msgSize, 0, EmbeddedDataPath.sampler()));
            path.gate.passBeforeHold = passBeforeHold;
            path.start();
            path.drainOutbound();
        }

        @TearDown(Level.Trial)
        public void close() {
            path.close();
        }
    }

    /** Sender whose socket is full after every message. */
    public static class FullState extends SendState {
        @Setup(Level.Trial)
        public void setUp() {
            open(0);
        }
    }

    /** Sender whose socket is full after every {@value #BURST} messages. */
    public static class BurstState extends SendState {
        @Setup(Level.Trial)
        public void setUp() {
            open(BURST - 1);
        }
    }

    /** Receiver state: one reusable inbound buffer of {@code msg_size} bytes. */
    @State(Scope.Thread)
    public static class ReceiveState {
        @Param({"1", "65536"})
        public int msgSize;

        EmbeddedDataPath path;
        ByteBuf inbound;

        @Setup(Level.Trial)
        public void setUp() {
            path = new EmbeddedDataPath(
                            DataChannels.serverRole(TestKind.TCP_BW, msgSize, 0, false, EmbeddedDataPath.sampler()))
                    .start();
            inbound = PooledByteBufAllocator.DEFAULT.directBuffer(msgSize);
            inbound.writeZero(msgSize);
        }

        @TearDown(Level.Trial)
        public void close() {
            path.close();
            inbound.release();
        }
    }

    /** One message, socket full after it. */
    @Benchmark
    public int sendSocketFull(final FullState s) {
        s.path.gate.release();
        return s.path.drainOutbound();
    }

    /** {@value #BURST} messages, socket full after the last. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int sendBurst(final BurstState s) {
        s.path.gate.release();
        return s.path.drainOutbound();
    }

    /** One read of {@code msg_size} bytes. */
    @Benchmark
    public void receive(final ReceiveState s) {
        s.path.channel.pipeline().fireChannelRead(s.inbound.retain());
    }
}
