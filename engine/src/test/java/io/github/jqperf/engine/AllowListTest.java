package io.github.jqperf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jqperf.engine.error.InvalidSpecException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowListTest {
    private static InetAddress at(final String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void shouldMatchIpv4AndIpv6Prefixes() throws Exception {
        final AllowList a = AllowList.parse("10.0.0.0/8, 192.168.1.128/25,fd00::/8,2001:db8::7");
        assertThat(a.permits(at("10.200.3.4"))).isTrue();
        assertThat(a.permits(at("11.0.0.1"))).isFalse();
        assertThat(a.permits(at("192.168.1.200"))).isTrue();
        assertThat(a.permits(at("192.168.1.100"))).isFalse();
        assertThat(a.permits(at("fd12::1"))).isTrue();
        assertThat(a.permits(at("fe80::1"))).isFalse();
        assertThat(a.permits(at("2001:db8::7"))).isTrue();
        assertThat(a.permits(at("2001:db8::8"))).isFalse();
        assertThat(a.toString()).isEqualTo("10.0.0.0/8,192.168.1.128/25,fd00::/8,2001:db8::7/128");
    }

    @Test
    void shouldMatchV4MappedClientsAgainstIpv4Entries() throws Exception {
        final AllowList a = AllowList.parse("127.0.0.0/8");
        final byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        assertThat(a.permits(java.net.Inet6Address.getByAddress(null, mapped, -1)))
                .isTrue();
        assertThat(a.permits(at("::1"))).isFalse();
    }

    @Test
    void shouldAllowEverythingWhenEmpty() throws Exception {
        assertThat(AllowList.parse("").permits(at("203.0.113.9"))).isTrue();
        assertThat(AllowList.parse("0.0.0.0/0").permits(at("203.0.113.9"))).isTrue();
        assertThat(AllowList.parse("0.0.0.0/0").permits(at("::1"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "fd00::/129", "example.com", "10.0.0.0/x", "", "10.0.0.0/8,", "1.2.3"})
    void shouldRefuseBadEntriesInOneLine(final String text) {
        if (text.isEmpty()) {
            assertThat(AllowList.parse(text).allowsAll()).isTrue();
            return;
        }
        assertThatThrownBy(() -> AllowList.parse(text))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("--allow: bad network '")
                .hasMessageNotContaining("\n");
    }
}
