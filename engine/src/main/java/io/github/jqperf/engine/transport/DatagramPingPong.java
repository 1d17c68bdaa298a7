package io.github.jqperf.engine.transport;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

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
    protected void blockingLoop(final BlockingSocket s) throws java.io.IOException {
        final int length = Math.min(msgSizeBytes, DataChannels.MAX_DATAGRAM);
        if (pinger) {
            while (blockingSend(s) != OVER) {
                final int n = blockingReceive(s, length, true);
                if (n == OVER) {
                    return;
                }
                received(n);
            }
            return;
        }
        // server: learn the client's address from its first datagram and connect to it, so that every later reply
        // is a plain write (qperf replies with sendto to each datagram's source: the same bytes to the same place)
        final io.netty.channel.unix.DatagramSocketAddress client = firstDatagram(s, length);
        if (client == null) {
            return;
        }
        try {
            s.connect(client);
        } catch (java.io.IOException e) {
            // stay unconnected: replies then fail and are counted as send errors, as a failing sendto would be
        }
        received(Math.min(client.receivedAmount(), length));
        while (blockingSend(s) != OVER) {
            final int n = blockingReceive(s, length, true);
            if (n == OVER) {
                return;
            }
            received(n);
        }
    }

    private io.netty.channel.unix.DatagramSocketAddress firstDatagram(final BlockingSocket s, final int length)
        throws java.io.IOException {
        while (going()) {
            final io.netty.channel.unix.DatagramSocketAddress from = s.receiveFrom(receiveBuffer(length)
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
