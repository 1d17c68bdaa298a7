package io.github.jqperf.engine.transport;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.DatagramSocketAddress;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;

/**
 * udp_lat (spec §4.4): the client ({@code pinger}, on a connected socket) sends one datagram and waits for one
 * back; the server replies with a {@code msg_size} datagram to the source of each one it receives. A lost datagram
 * stalls the client until its timer fires, as in qperf (latency then includes the stall).
 */
public final class DatagramPingPong extends DataRole {
    private final boolean pinger;

    /**
     * @param pinger true on the client (sends first), false on the server (replies)
     */
    public DatagramPingPong(final boolean pinger, final int msgSizeBytes, final long durationSec,
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
        if (pinger && sendMessage(null) != FAILED) {
            sent(msgSizeBytes);
        }
    }

    @Override
    protected void blockingLoop(final BlockingSocket s) throws IOException {
        final int length = Math.min(msgSizeBytes, DataChannels.MAX_DATAGRAM);
        if (!pinger && !answerFirstDatagram(s, length)) {
            return;
        }
        // one datagram outstanding: send (the next one, or the reply), then wait for one back
        while (blockingSend(s) != OVER) {
            final int n = blockingReceive(s, length, true);
            if (n == OVER) {
                return;
            }
            received(n);
        }
    }

    /**
     * Server: receives the client's first datagram and connects the socket to its source, so that every reply is a
     * plain send (qperf replies with sendto to each datagram's source: the same bytes to the same place).
     *
     * @return false when the run ended before a datagram came
     */
    private boolean answerFirstDatagram(final BlockingSocket s, final int length) throws IOException {
        final DatagramSocketAddress client = firstDatagram(s, length);
        if (client == null) {
            return false;
        }
        try {
            s.connect(client);
        } catch (IOException e) {
            // stay unconnected: replies then fail and are counted as send errors, as a failing sendto would be
        }
        received(Math.min(client.receivedAmount(), length));
        return true;
    }

    private DatagramSocketAddress firstDatagram(final BlockingSocket s, final int length) throws IOException {
        while (going()) {
            final DatagramSocketAddress from = s.receiveFrom(receiveBuffer(length)
                .memoryAddress(), length);
            if (from != null) {
                return going() ? from : null;
            }
        }
        return null;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        try {
            if (finished || !(msg instanceof DatagramPacket p)) {
                return;
            }
            received(Math.min(p.content().readableBytes(), msgSizeBytes));
            if (sendMessage(pinger ? null : p.sender()) != FAILED) {
                sent(msgSizeBytes);
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
