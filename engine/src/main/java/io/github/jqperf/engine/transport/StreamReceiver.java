package io.github.jqperf.engine.transport;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * tcp_bw's receiving side (server, spec §4.1): counts complete {@code msg_size}-byte messages; a partial message at
 * the end is not counted. With {@code access_recv} it also reads every received byte from memory.
 */
public final class StreamReceiver extends DataRole {
    private final boolean accessRecv;
    private long partialBytes;
    private long checksum;

    /** A receiver of {@code msgSizeBytes} messages. */
    public StreamReceiver(final int msgSizeBytes, final long durationSec, final boolean accessRecv,
                          final CpuSampler sampler) {
        super(msgSizeBytes, durationSec, sampler);
        this.accessRecv = accessRecv;
    }

    @Override
    protected void begin() {
        // data flows as soon as reading is on
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        final ByteBuf buf = (ByteBuf) msg;
        try {
            if (finished) {
                return;
            }
            final int n = buf.readableBytes();
            if (accessRecv) {
                long sum = checksum;
                for (int i = buf.readerIndex(), end = buf.writerIndex(); i < end; i++) {
                    sum += buf.getByte(i);
                }
                checksum = sum;
            }
            partialBytes += n;
            if (partialBytes >= msgSizeBytes) {
                final long complete = partialBytes / msgSizeBytes;
                partialBytes -= complete * msgSizeBytes;
                for (long k = 0; k < complete; k++) {
                    received(msgSizeBytes);
                }
            }
        } finally {
            buf.release();
        }
    }

    /** Sum of the bytes read with access_recv (keeps the reads from being optimised away). */
    public long checksum() {
        return checksum;
    }
}
