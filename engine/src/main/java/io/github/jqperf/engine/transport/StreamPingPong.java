package io.github.jqperf.engine.transport;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;

/**
 * tcp_lat (spec §4.3): the client ({@code pinger}) sends one {@code msg_size} message and waits for the complete
 * reply before sending the next; the server echoes each complete message. One message outstanding at a time.
 */
public final class StreamPingPong extends DataRole {
    /** Most bytes per receive call: a huge {@code msg_size} is read in pieces into a bounded buffer. */
    private static final int MAX_READ = 1 << 20;
    private final boolean pinger;
    private int partialBytes;

    /**
     * @param pinger true on the client (sends first), false on the server (echoes)
     */
    public StreamPingPong(final boolean pinger, final int msgSizeBytes, final long durationSec,
                          final CpuSampler sampler) {
        super(msgSizeBytes, durationSec, sampler);
        this.pinger = pinger;
    }

    @Override
    protected boolean spinsWhileWaiting() {
        return true;
    }

    @Override
    protected void begin() {
        if (pinger) {
            send();
        }
    }

    @Override
    protected void blockingLoop(final BlockingSocket s) throws IOException {
        if (pinger && blockingSend(s) == OVER) {
            return;
        }
        while (receiveMessage(s) && blockingSend(s) != OVER) {
            // one message outstanding: read all of it, then send the next (pinger) or echo it (server)
        }
    }

    /** Reads exactly one message (never more: only one is outstanding) and counts it. */
    private boolean receiveMessage(final BlockingSocket s) throws IOException {
        int got = 0;
        while (got < msgSizeBytes) {
            final int n = blockingReceive(s, Math.min(msgSizeBytes - got, MAX_READ), false);
            if (n == OVER) {
                return false;
            }
            got += n;
        }
        received(msgSizeBytes);
        return true;
    }

    private void send() {
        if (sendMessage(null) != FAILED) {
            sent(msgSizeBytes);
        }
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        final ByteBuf buf = (ByteBuf) msg;
        try {
            if (finished) {
                return;
            }
            partialBytes += buf.readableBytes();
            while (partialBytes >= msgSizeBytes && !finished) {
                partialBytes -= msgSizeBytes;
                received(msgSizeBytes);
                send();
            }
        } finally {
            buf.release();
        }
    }
}
