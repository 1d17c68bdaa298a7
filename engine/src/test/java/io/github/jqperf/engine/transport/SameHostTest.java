package io.github.jqperf.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The udp_lat server's source filter compares hosts: an IPv4 address and its IPv4-mapped IPv6 form are one. */
class SameHostTest {
    private static InetAddress ip(final int... b) throws Exception {
        final byte[] a = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            a[i] = (byte) b[i];
        }
        return InetAddress.getByAddress(a);
    }

    @Test
    void sameAndDifferentHosts() throws Exception {
        final InetAddress v4 = ip(127, 0, 0, 1);
        final InetAddress mapped = java.net.Inet6Address.getByAddress(
                null, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1}, null);
        assertThat(DataRole.sameHost(v4, ip(127, 0, 0, 1))).isTrue();
        assertThat(DataRole.sameHost(v4, mapped)).isTrue();
        assertThat(DataRole.sameHost(mapped, v4)).isTrue();
        assertThat(DataRole.sameHost(v4, ip(127, 0, 0, 2))).isFalse();
        assertThat(DataRole.sameHost(v4, InetAddress.getByName("::1"))).isFalse();
        assertThat(DataRole.sameHost(InetAddress.getByName("::1"), InetAddress.getByName("::1")))
                .isTrue();
        assertThat(DataRole.sameHost(v4, null)).isFalse();
    }
}
