package io.github.jqperf.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The send payload on untouched anonymous pages: all zeros, readable at once, unmapped on its last release; and the
 * blocking runs' receive buffers, mapped the same way so that they start on a page.
 */
class ZeroPagesTest {
    private static boolean mapped(final long address) throws IOException {
        for (final String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            final String[] range = line.substring(0, line.indexOf(' ')).split("-");
            if (Long.parseUnsignedLong(range[0], 16) <= address && address < Long.parseUnsignedLong(range[1], 16)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void shouldGiveMsgSizeZeroBytesWithANativeAddressAndUnmapThemOnRelease() throws IOException {
        final ByteBuf b = ZeroPages.map(65_536);
        assumeThat(b).as("mmap through JNA available").isNotNull();
        assertThat(b.readableBytes()).isEqualTo(65_536);
        assertThat(b.hasMemoryAddress()).isTrue();
        final long address = b.memoryAddress();
        assertThat(address % 4096).as("page-aligned").isZero();
        for (int i = 0; i < b.readableBytes(); i += 511) {
            assertThat(b.getByte(i)).isZero();
        }
        assertThat(mapped(address)).isTrue();
        b.retain();
        assertThat(b.release()).as("still referenced").isFalse();
        assertThat(mapped(address)).isTrue();
        assertThat(b.release()).isTrue();
        assertThat(mapped(address)).as("unmapped after the last release").isFalse();
    }

    @Test
    void shouldMapOddAndTinySizes() {
        for (final int size : new int[] {1, 4095, 4097, 1 << 20}) {
            final ByteBuf b = ZeroPages.map(size);
            assumeThat(b).isNotNull();
            assertThat(b.readableBytes()).isEqualTo(size);
            assertThat(b.getByte(size - 1)).isZero();
            assertThat(b.release()).isTrue();
        }
    }

    @Test
    void receiveBuffersShouldStartOnAPageBeWritableAndBeUnmappedOnRelease() throws IOException {
        for (final int size : new int[] {2, 1024, 32_768, 65_536, 1 << 20}) {
            final ByteBuf b = DataRole.newReceiveBuffer(size, UnpooledByteBufAllocator.DEFAULT);
            assertThat(b.capacity()).isGreaterThanOrEqualTo(size);
            assertThat(b.memoryAddress() % 4096)
                    .as("page-aligned receive buffer of %d bytes", size)
                    .isZero();
            b.setByte(0, 7);
            b.setByte(size - 1, 9);
            assertThat(b.getByte(0)).isEqualTo((byte) 7);
            assertThat(b.getByte(size - 1)).isEqualTo((byte) 9);
            final long address = b.memoryAddress();
            assertThat(b.release()).isTrue();
            assertThat(mapped(address)).as("unmapped after release").isFalse();
        }
    }
}
