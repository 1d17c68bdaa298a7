package io.github.jqperf.engine.transport;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;

/**
 * udp_bw's receiving side (server, spec §4.2): every datagram is one message; its length counts up to
 * {@code msg_size} (qperf receives into a {@code msg_size} buffer, so longer datagrams are truncated).
 */
public final class DatagramReceiver extends DataRole {
    /** A receiver for {@code durationSec} seconds. */
    public DatagramReceiver(final int msgSizeBytes, final long durationSec, final CpuSampler sampler) {
        super(msgSizeBytes, durationSec, sampler);
    }

    @Override
    protected void begin() {
        // datagrams flow as soon as reading is on
    }

    @Override
    protected void blockingLoop(final BlockingSocket s) throws IOException {
        // one datagram per read into a msg_size buffer, as qperf: longer ones are cut at msg_size
        final int length = Math.min(msgSizeBytes, DataChannels.MAX_DATAGRAM);
        int n;
        while ((n = blockingReceive(s, length, true)) != OVER) {
            received(n);
        }
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        try {
            if (!finished && msg instanceof DatagramPacket p) {
                received(Math.min(p.content().readableBytes(), msgSizeBytes));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    protected boolean isFatal(final Throwable cause) {
        return false;
    }
}
