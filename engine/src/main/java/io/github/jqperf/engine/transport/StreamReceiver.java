package io.github.jqperf.engine.transport;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;

/**
 * tcp_bw's receiving side (server, spec §4.1): counts complete {@code msg_size}-byte messages; a partial message at
 * the end is not counted. With {@code access_recv} it also reads every received byte from memory.
 */
public final class StreamReceiver extends DataRole {
    private final boolean accessRecv;
    private final int readSize;
    private long partialBytes;
    private long checksum;

    /** A receiver of {@code msgSizeBytes} messages. */
    public StreamReceiver(final int msgSizeBytes, final long durationSec, final boolean accessRecv,
                          final CpuSampler sampler) {
        super(msgSizeBytes, durationSec, sampler);
        this.accessRecv = accessRecv;
        this.readSize = DataChannels.blockingReadSize(msgSizeBytes);
    }

    @Override
    protected void begin() {
        // data flows as soon as reading is on
    }

    @Override
    protected void blockingLoop(final BlockingSocket s) throws IOException {
        final int length = readSize;
        int n;
        while ((n = blockingReceive(s, length, false)) != OVER) {
            if (accessRecv) {
                access(receiveBuffer(length), 0, n);
            }
            count(n);
        }
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        final ByteBuf buf = (ByteBuf) msg;
        try {
            if (finished) {
                return;
            }
            if (accessRecv) {
                access(buf, buf.readerIndex(), buf.readableBytes());
            }
            count(buf.readableBytes());
        } finally {
            buf.release();
        }
    }

    private void access(final ByteBuf buf, final int from, final int length) {
        long sum = checksum;
        for (int i = from, end = from + length; i < end; i++) {
            sum += buf.getByte(i);
        }
        checksum = sum;
    }

    private void count(final int n) {
        partialBytes += n;
        if (partialBytes >= msgSizeBytes) {
            final long complete = partialBytes / msgSizeBytes;
            partialBytes -= complete * msgSizeBytes;
            for (long k = 0; k < complete; k++) {
                received(msgSizeBytes);
            }
        }
    }

    /** Sum of the bytes read with access_recv (keeps the reads from being optimised away). */
    public long checksum() {
        return checksum;
    }
}
