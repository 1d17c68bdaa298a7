package io.github.jqperf.engine.transport;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.internal.PlatformDependent;

/**
 * The payload of the messages a role sends: {@code msg_size} zero bytes in a private anonymous mapping that is never
 * written, so every page of it reads as the kernel's shared zero page — exactly what qperf's send buffer is (a
 * {@code malloc}ed block it never touches). The bytes on the wire are the same zeros either way, but the kernel's copy
 * of a 64 KiB message then reads one cache-hot 4 KiB page instead of 64 KiB of distinct memory: measured here, a
 * zero-filled heap buffer made the udp_bw and tcp_bw senders 10-20 % slower than qperf's.
 *
 * <p>The blocking runs' receive buffers are mapped the same way ({@code DataRole.newReceiveBuffer}), and written: a
 * mapping starts on a page, so the kernel's copy into it starts on a cache line.
 *
 * <p>{@code mmap}/{@code munmap} through JNA (as OSHI already brings): once per test, never per message. Where that
 * is not possible {@link #map} returns null and the caller uses an ordinary zero-filled buffer.
 */
final class ZeroPages {
    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int MAP_PRIVATE = 2;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final long MAP_FAILED = -1L;

    /** libc's mapping calls (Linux x86-64 / aarch64 constants). */
    private interface LibC extends Library {
        long mmap(long address, long length, int prot, int flags, int fd, long offset) throws LastErrorException;

        int munmap(long address, long length) throws LastErrorException;
    }

    private static final class Holder {
        private static final LibC LIBC = BlockingSocket.isSupported() && PlatformDependent.hasUnsafe() ? load() : null;

        private static LibC load() {
            try {
                return Native.load("c", LibC.class);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return null;
            }
        }
    }

    private ZeroPages() {}

    /**
     * A page-aligned buffer of {@code size} zero bytes (readable bytes = {@code size}) on untouched anonymous pages
     * (a payload is never written, so its pages stay the zero page); releasing it unmaps them. Null when mapping is not
     * possible here.
     */
    static ByteBuf map(final int size) {
        if (Holder.LIBC == null) {
            return null;
        }
        final long address;
        try {
            address = Holder.LIBC.mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        } catch (LastErrorException e) {
            return null;
        }
        if (address == MAP_FAILED || address == 0) {
            return null;
        }
        return new Mapping(address, size);
    }

    /**
     * The buffer over one mapping: the release that drops the reference count to 0 unmaps it (derived buffers share
     * the count, so nothing can still point into it then).
     */
    private static final class Mapping extends io.netty.buffer.WrappedByteBuf {
        private final long address;
        private final int size;

        Mapping(final long address, final int size) {
            // a JNI direct ByteBuffer over the mapping (no cleaner, not freed by Netty: unmapped below)
            super(Unpooled.wrappedBuffer(new com.sun.jna.Pointer(address).getByteBuffer(0, size)));
            this.address = address;
            this.size = size;
        }

        @Override
        public boolean release() {
            return unmapIf(super.release());
        }

        @Override
        public boolean release(final int decrement) {
            return unmapIf(super.release(decrement));
        }

        private boolean unmapIf(final boolean deallocated) {
            if (deallocated) {
                unmap(address, size);
            }
            return deallocated;
        }
    }

    private static void unmap(final long address, final int size) {
        try {
            Holder.LIBC.munmap(address, size);
        } catch (LastErrorException e) {
            // nothing to do: the pages stay mapped until the process exits
        }
    }
}
