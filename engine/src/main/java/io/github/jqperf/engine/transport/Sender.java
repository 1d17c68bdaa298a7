package io.github.jqperf.engine.transport;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;

/**
 * The bandwidth tests' sending side (tcp_bw and udp_bw client, spec §4.1, §4.2): writes {@code msg_size}-byte
 * messages back to back, exactly one write of one message at a time, for the test time.
 *
 * <p>One message = one {@code write}/{@code send} of {@code msg_size} bytes, as qperf does ({@link #sendMessage}):
 * straight to the socket while it takes whole messages; when it does not, the rest goes through Netty and the
 * channel's write buffer water marks (1, 1) make it unwritable until that message has left completely, so the next
 * message is written only then. Netty therefore never merges messages into one {@code writev}/{@code sendmmsg}
 * (which would measure a different, larger write size). A message is counted when it has been written completely
 * before the test ended.
 */
public final class Sender extends DataRole {
    /** Messages written per event-loop turn before yielding to timers and other events. */
    private static final int BURST = 1024;

    private final Runnable sendLoop = this::sendLoop;
    private boolean inFlight;

    /** A sender of {@code msgSizeBytes} messages for {@code durationSec} seconds. */
    public Sender(final int msgSizeBytes, final long durationSec, final CpuSampler sampler) {
        super(msgSizeBytes, durationSec, sampler);
    }

    @Override
    protected void begin() {
        sendLoop();
    }

    private void sendLoop() {
        for (int i = 0; i < BURST; i++) {
            if (finished || inFlight || !channel.isWritable()) {
                return;
            }
            final int status = sendMessage(null);
            if (status == SENT) {
                sent(msgSizeBytes);
            } else if (status == PENDING) {
                inFlight = true;
                return;
            }
        }
        if (!finished) {
            channel.eventLoop().execute(sendLoop);
        }
    }

    @Override
    protected void blockingLoop(final BlockingSocket s) throws IOException {
        while (blockingSend(s) != OVER) {
            // one write per message, back to back: the call sleeps in the kernel while the socket is full
        }
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx) {
        if (inFlight && ctx.channel().isWritable()) {
            inFlight = false;
            if (!finished) {
                sent(msgSizeBytes);
                sendLoop();
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        // nothing flows back on a bandwidth test's data connection; drop whatever does
        io.netty.util.ReferenceCountUtil.release(msg);
    }
}
