package io.github.jqperf.engine;

import io.github.jqperf.engine.error.InvalidSpecException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The source networks a server serves ({@code --allow CIDR,...}): IPv4 ({@code 10.0.0.0/8}) and IPv6
 * ({@code fd00::/8}) prefixes, or single addresses (a missing {@code /len} means the whole address). An IPv4 client
 * that reaches a dual-stack listener as {@code ::ffff:a.b.c.d} is matched against the IPv4 entries. An empty list
 * (the default, {@link #ANY}) allows every source. Immutable; {@link #toString()} gives back the canonical list.
 */
public final class AllowList {
    /** Allows every source. */
    public static final AllowList ANY = new AllowList(List.of());

    private final List<Entry> entries;

    private record Entry(byte[] network, int prefix, String text) {
        boolean matches(final byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            final int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            final int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            final int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private AllowList(final List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses {@code "10.0.0.0/8,fd00::/8,192.0.2.7"} (commas, optional spaces). Only address literals: names are
     * refused rather than resolved.
     *
     * @throws InvalidSpecException one line naming the bad entry and the expected form
     */
    public static AllowList parse(final String text) {
        if (text == null || text.isBlank()) {
            return ANY;
        }
        final List<Entry> out = new ArrayList<>();
        for (final String raw : text.split(",", -1)) {
            out.add(entry(raw.trim()));
        }
        return new AllowList(out);
    }

    private static Entry entry(final String item) {
        final String hint = "--allow: bad network '" + item + "'; use CIDRs like 10.0.0.0/8,fd00::/8 or addresses";
        if (item.isEmpty()) {
            throw new InvalidSpecException(hint);
        }
        final int slash = item.indexOf('/');
        final String addr = slash < 0 ? item : item.substring(0, slash);
        if (!addr.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && !(addr.contains(":") && addr.toLowerCase(Locale.ROOT).matches("[0-9a-f:.]+"))) {
            throw new InvalidSpecException(hint); // not a literal: no name lookups here
        }
        final byte[] bytes;
        try {
            bytes = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException | RuntimeException e) {
            throw new InvalidSpecException(hint);
        }
        if (addr.contains(":") && bytes.length == 4) {
            throw new InvalidSpecException(hint + " (write a v4-mapped address as plain IPv4)");
        }
        final int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(item.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new InvalidSpecException(hint);
            }
            if (prefix < 0 || prefix > max) {
                throw new InvalidSpecException(hint + " (prefix length 0.." + max + ")");
            }
        }
        return new Entry(bytes, prefix, addr + "/" + prefix);
    }

    /** Whether {@code source} may be served (always true for {@link #ANY}). */
    public boolean permits(final InetAddress source) {
        if (entries.isEmpty()) {
            return true;
        }
        if (source == null) {
            return false;
        }
        final byte[] a = unmapped(source);
        for (final Entry e : entries) {
            if (e.matches(a)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every source is allowed. */
    public boolean allowsAll() {
        return entries.isEmpty();
    }

    /** An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as its 4 IPv4 bytes; others unchanged. */
    private static byte[] unmapped(final InetAddress a) {
        final byte[] b = a.getAddress();
        if (a instanceof Inet6Address && b.length == 16) {
            boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                return new byte[] {b[12], b[13], b[14], b[15]};
            }
        }
        return b;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof AllowList other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** The entries, canonical ({@code 10.0.0.0/8,::1/128}); empty for {@link #ANY}. */
    @Override
    public String toString() {
        return String.join(",", entries.stream().map(Entry::text).toList());
    }
}
