package io.github.jqperf.bench.transport;

import io.github.jqperf.bench.Fixtures;
import io.github.jqperf.engine.transport.DataRole;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * A {@link DataRole} on an in-memory {@link EmbeddedChannel}, configured as {@code DataChannels} configures real
 * data channels (auto-read off until start, write-buffer water marks (1, 1)) and started as a test starts.
 *
 * <p>A {@link FlushGate} sits between the role and the channel's head so a benchmark can simulate a full socket:
 * while the gate holds a flush, the written message stays in the outbound buffer and the channel is unwritable,
 * exactly as when a real socket accepted only part of a message. {@link #drainOutbound()} releases everything the
 * channel "sent".
 */
final class EmbeddedDataPath {
    final EmbeddedChannel channel;
    final DataRole role;
    final FlushGate gate = new FlushGate();

    EmbeddedDataPath(final DataRole role) {
        this.role = role;
        this.channel = new EmbeddedChannel();
        channel.config().setAutoRead(false);
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 1));
        channel.pipeline().addLast(gate, role);
    }

    /** Starts the role (start snapshot, timer off: duration 0 = until stopped) and runs its first turn. */
    EmbeddedDataPath start() {
        role.start(channel);
        channel.runPendingTasks();
        return this;
    }

    /** Releases every message the channel wrote; returns how many. */
    int drainOutbound() {
        int n = 0;
        for (Object m = channel.readOutbound(); m != null; m = channel.readOutbound()) {
            ReferenceCountUtil.release(m);
            n++;
        }
        return n;
    }

    /** Ends the role and releases the channel's buffers. */
    void close() {
        role.stop();
        gate.holding = false;
        channel.runPendingTasks();
        drainOutbound();
        channel.finishAndReleaseAll();
    }

    /**
     * Passes writes through; passes a flush through only for the first {@code passBeforeHold} flushes after each
     * {@link #release()}, then holds the next one (the socket is "full").
     */
    static final class FlushGate extends ChannelOutboundHandlerAdapter {
        int passBeforeHold = Integer.MAX_VALUE;
        boolean holding;
        private int passed;
        private ChannelHandlerContext ctx;

        @Override
        public void handlerAdded(final ChannelHandlerContext c) {
            this.ctx = c;
        }

        @Override
        public void write(final ChannelHandlerContext c, final Object msg, final ChannelPromise promise) {
            c.write(msg, promise);
        }

        @Override
        public void flush(final ChannelHandlerContext c) {
            if (passed < passBeforeHold) {
                passed++;
                c.flush();
            } else {
                holding = true;
            }
        }

        /** The socket drained: the held message goes out, and the next {@code passBeforeHold} flushes pass. */
        void release() {
            passed = 0;
            if (holding) {
                holding = false;
                ctx.flush();
            }
        }
    }

    /** For benchmarks that do not care about the CPU snapshot. */
    static io.github.jqperf.engine.cpu.CpuSampler sampler() {
        return Fixtures.NO_CPU;
    }
}
