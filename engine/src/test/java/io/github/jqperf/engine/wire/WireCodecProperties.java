package io.github.jqperf.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.result.Ustat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of every wire decoder and encoder (REQ, REQ version prefix, STAT, CONF, PORT, both sync strings,
 * error signal), over random and mutated inputs with a fixed seed so the suite is deterministic:
 * <ul>
 *   <li>any bytes at any in-range window give a value, "need more" (null / {@code NEED_MORE}) or a
 *       {@link WireFormatException} — never another exception; out-of-range windows give only
 *       {@link IllegalArgumentException};</li>
 *   <li>decoders read only {@code [offset, offset+length)}: the outcome does not change with the bytes around the
 *       window, and is the same on a read-only slice, on a buffer whose limit ends the window and on a direct
 *       buffer;</li>
 *   <li>every strict prefix of a valid frame is "need more";</li>
 *   <li>encode then decode is the identity for valid records over the full u16/u32/u64 ranges and printable-ASCII
 *       strings up to 63 chars, and encoders write only their own window.</li>
 * </ul>
 */
class WireCodecProperties {
    private static final int TRIES = 600;
    private static final String SEED = "4011";

    /** A decoder under test: returns the decoded value, or null for "need more". */
    @FunctionalInterface
    interface Decoder {
        Object decode(ByteBuffer src, int offset, int length);
    }

    /** Named decoder plus the length of the message it reads. */
    record Codec(String name, int length, Decoder decoder) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The result of one decode, comparable across buffers. */
    record Outcome(String kind, Object value) {
        static Outcome of(final Codec c, final ByteBuffer b, final int offset, final int length) {
            try {
                final Object v = c.decoder().decode(b, offset, length);
                return v == null ? new Outcome("need more", null) : new Outcome("value", v);
            } catch (final WireFormatException e) {
                return new Outcome("corrupt", e.field() + "@" + e.offset() + ": " + e.reason());
            }
        }
    }

    static final List<Codec> CODECS = List.of(
            new Codec("REQ", WireConstants.REQUEST_LENGTH, RequestCodec::decode),
            new Codec("REQ version", WireConstants.REQUEST_VERSION_LENGTH, (b, o, l) -> {
                final int[] v = RequestCodec.decodeVersion(b, o, l);
                return v == null ? null : List.of(v[0], v[1], v[2]);
            }),
            new Codec("STAT", WireConstants.STAT_LENGTH, StatCodec::decode),
            new Codec("CONF", WireConstants.CONF_LENGTH, ConfCodec::decode),
            new Codec("PORT", WireConstants.PORT_LENGTH, (b, o, l) -> {
                final int p = PortCodec.decode(b, o, l);
                return p == WireConstants.NEED_MORE ? null : p;
            }),
            new Codec("SYNC before", SyncCodec.BEFORE_LENGTH, (b, o, l) -> {
                final int n = SyncCodec.check(SyncCodec.before(), b, o, l);
                return n == WireConstants.NEED_MORE ? null : n;
            }),
            new Codec("SYNC after", SyncCodec.AFTER_LENGTH, (b, o, l) -> {
                final int n = SyncCodec.check(SyncCodec.after(), b, o, l);
                return n == WireConstants.NEED_MORE ? null : n;
            }));

    // ---------------------------------------------------------------- robustness

    @Property(tries = TRIES, seed = SEED)
    void anyBytesGiveValueNeedMoreOrWireFormatException(
            @ForAll("contents") final byte[] content,
            @ForAll @IntRange(max = 40) final int lead,
            @ForAll @IntRange(max = 40) final int trail) {
        final byte[] arr = new byte[lead + content.length + trail];
        System.arraycopy(content, 0, arr, lead, content.length);
        for (final Codec c : CODECS) {
            final Outcome o = Outcome.of(c, ByteBuffer.wrap(arr), lead, content.length);
            if (content.length < c.length()) {
                assertThat(o.kind()).as(c.name()).isEqualTo("need more");
            } else {
                assertThat(o.kind()).as(c.name()).isIn("value", "corrupt");
            }
        }
    }

    @Property(tries = TRIES, seed = SEED)
    void outOfRangeWindowsGiveOnlyIllegalArgument(
            @ForAll @IntRange(max = 300) final int capacity,
            @ForAll @IntRange(min = -3, max = 310) final int offset,
            @ForAll @IntRange(min = -3, max = 310) final int length) {
        // the accessible part of a buffer ends at its limit, which may lie before its capacity
        final ByteBuffer exact = ByteBuffer.allocate(capacity);
        final ByteBuffer limited = ByteBuffer.allocate(capacity + 16).limit(capacity);
        final boolean inRange = offset >= 0 && length >= 0 && offset + length <= capacity;
        for (final Codec c : CODECS) {
            for (final ByteBuffer b : List.of(exact, limited)) {
                if (inRange) {
                    assertThat(Outcome.of(c, b, offset, length)).as(c.name()).isNotNull();
                } else {
                    assertThatThrownBy(() -> c.decoder().decode(b, offset, length))
                            .as(c.name())
                            .isInstanceOf(IllegalArgumentException.class);
                }
            }
        }
    }

    @Property(tries = TRIES, seed = SEED)
    void decodersReadOnlyTheirWindow(
            @ForAll("contents") final byte[] content,
            @ForAll @IntRange(max = 24) final int lead,
            @ForAll @IntRange(max = 24) final int trail,
            @ForAll final byte fillA,
            @ForAll final byte fillB) {
        final int len = content.length;
        final ByteBuffer a = ByteBuffer.wrap(surround(content, lead, trail, fillA));
        final ByteBuffer b = ByteBuffer.wrap(surround(content, lead, trail, (byte) ~fillB));
        final ByteBuffer slice = ByteBuffer.wrap(surround(content, lead, trail, fillB))
                .slice(lead, len)
                .asReadOnlyBuffer();
        final ByteBuffer limited =
                ByteBuffer.wrap(surround(content, lead, trail, fillA)).limit(lead + len);
        final ByteBuffer direct = ByteBuffer.allocateDirect(lead + len + trail);
        direct.put(surround(content, lead, trail, fillB)).clear();
        for (final Codec c : CODECS) {
            final Outcome expected = Outcome.of(c, a, lead, len);
            assertThat(Outcome.of(c, b, lead, len)).as("%s, other fill", c).isEqualTo(expected);
            assertThat(Outcome.of(c, slice, 0, len))
                    .as("%s, read-only slice", c)
                    .isEqualTo(expected);
            assertThat(Outcome.of(c, limited, lead, len))
                    .as("%s, limit at window end", c)
                    .isEqualTo(expected);
            assertThat(Outcome.of(c, direct, lead, len))
                    .as("%s, direct buffer", c)
                    .isEqualTo(expected);
        }
    }

    @Property(tries = TRIES, seed = SEED)
    void decodersDoNotMoveTheBufferState(@ForAll("contents") final byte[] content) {
        final ByteBuffer b = ByteBuffer.wrap(content);
        b.position(content.length / 2);
        for (final Codec c : CODECS) {
            Outcome.of(c, b, 0, content.length);
            assertThat(b.position()).as(c.name()).isEqualTo(content.length / 2);
            assertThat(b.limit()).as(c.name()).isEqualTo(content.length);
        }
    }

    @Property(tries = TRIES, seed = SEED)
    void errorSignalDecodesAnyBytes(@ForAll("contents") final byte[] content, @ForAll final int lengthSeed) {
        final int length = content.length == 0 ? 0 : Math.floorMod(lengthSeed, content.length + 1);

        final String text = ErrorSignal.decode(content, length);

        if (length == 0 || content[0] != WireConstants.ERROR_SIGNAL) {
            assertThat(text).isNull();
        } else {
            assertThat(text).hasSize(length - 1);
            assertThat(text.getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(Arrays.copyOfRange(content, 1, length));
        }
    }

    // ---------------------------------------------------------------- prefixes

    @Property(tries = TRIES, seed = SEED)
    void everyStrictPrefixOfAValidRequestNeedsMore(@ForAll("requests") final Request r) {
        assertStrictPrefixesNeedMore(RequestCodec.encode(r), "REQ", "REQ version");
    }

    @Property(tries = TRIES, seed = SEED)
    void everyStrictPrefixOfAValidStatNeedsMore(@ForAll("stats") final Stat st) {
        assertStrictPrefixesNeedMore(StatCodec.encode(st), "STAT");
    }

    @Property(tries = TRIES, seed = SEED)
    void everyStrictPrefixOfAValidConfNeedsMore(@ForAll("confs") final Conf c) {
        assertStrictPrefixesNeedMore(ConfCodec.encode(c), "CONF");
    }

    @Property(tries = TRIES, seed = SEED)
    void everyStrictPrefixOfAValidPortNeedsMore(@ForAll("ports") final int port) {
        assertStrictPrefixesNeedMore(PortCodec.encode(port), "PORT");
    }

    @Property(tries = 50, seed = SEED)
    void everyStrictPrefixOfASyncNeedsMore(@ForAll @IntRange(max = 30) final int lead) {
        final byte[] before = new byte[lead + SyncCodec.BEFORE_LENGTH];
        System.arraycopy(SyncCodec.before(), 0, before, lead, SyncCodec.BEFORE_LENGTH);
        final byte[] after = new byte[lead + SyncCodec.AFTER_LENGTH];
        System.arraycopy(SyncCodec.after(), 0, after, lead, SyncCodec.AFTER_LENGTH);
        for (int n = 0; n < SyncCodec.BEFORE_LENGTH; n++) {
            assertThat(SyncCodec.check(SyncCodec.before(), ByteBuffer.wrap(before), lead, n))
                    .isEqualTo(WireConstants.NEED_MORE);
        }
        for (int n = 0; n < SyncCodec.AFTER_LENGTH; n++) {
            assertThat(SyncCodec.check(SyncCodec.after(), ByteBuffer.wrap(after), lead, n))
                    .isEqualTo(WireConstants.NEED_MORE);
        }
        assertThat(SyncCodec.check(SyncCodec.before(), ByteBuffer.wrap(before), lead, SyncCodec.BEFORE_LENGTH))
                .isEqualTo(27);
        assertThat(SyncCodec.check(SyncCodec.after(), ByteBuffer.wrap(after), lead, SyncCodec.AFTER_LENGTH))
                .isEqualTo(26);
    }

    // ---------------------------------------------------------------- round trips

    @Property(tries = TRIES, seed = SEED)
    void requestRoundTrips(
            @ForAll("requests") final Request r, @ForAll @IntRange(max = 30) final int at, @ForAll final byte fill) {
        final byte[] arr = filled(at + WireConstants.REQUEST_LENGTH + 7, fill);

        assertThat(RequestCodec.encode(ByteBuffer.wrap(arr), at, r)).isEqualTo(WireConstants.REQUEST_LENGTH);

        assertOnlyWindowWritten(arr, at, WireConstants.REQUEST_LENGTH, fill);
        assertThat(RequestCodec.decode(ByteBuffer.wrap(arr), at, WireConstants.REQUEST_LENGTH))
                .isEqualTo(r);
        assertThat(RequestCodec.decode(RequestCodec.encode(r))).isEqualTo(r);
        assertThat(RequestCodec.decodeVersion(ByteBuffer.wrap(arr), at, WireConstants.REQUEST_VERSION_LENGTH))
                .containsExactly(r.verMaj(), r.verMin(), r.verInc());
    }

    @Property(tries = TRIES, seed = SEED)
    void statRoundTrips(
            @ForAll("stats") final Stat st, @ForAll @IntRange(max = 30) final int at, @ForAll final byte fill) {
        final byte[] arr = filled(at + WireConstants.STAT_LENGTH + 7, fill);

        assertThat(StatCodec.encode(ByteBuffer.wrap(arr), at, st)).isEqualTo(WireConstants.STAT_LENGTH);

        assertOnlyWindowWritten(arr, at, WireConstants.STAT_LENGTH, fill);
        assertThat(Arrays.copyOfRange(arr, at + 252, at + 256)).containsExactly(0, 0, 0, 0);
        assertThat(StatCodec.decode(ByteBuffer.wrap(arr), at, WireConstants.STAT_LENGTH))
                .isEqualTo(st);
    }

    @Property(tries = TRIES, seed = SEED)
    void statDecodeIgnoresPadding(@ForAll("stats") final Stat st, @ForAll final int padding) {
        final byte[] b = StatCodec.encode(st);
        ByteBuffer.wrap(b).putInt(252, padding);

        assertThat(StatCodec.decode(b)).isEqualTo(st);
    }

    @Property(tries = TRIES, seed = SEED)
    void confRoundTrips(
            @ForAll("confs") final Conf c, @ForAll @IntRange(max = 30) final int at, @ForAll final byte fill) {
        final byte[] arr = filled(at + WireConstants.CONF_LENGTH + 7, fill);

        assertThat(ConfCodec.encode(ByteBuffer.wrap(arr), at, c)).isEqualTo(WireConstants.CONF_LENGTH);

        assertOnlyWindowWritten(arr, at, WireConstants.CONF_LENGTH, fill);
        assertThat(ConfCodec.decode(ByteBuffer.wrap(arr), at, WireConstants.CONF_LENGTH))
                .isEqualTo(c);
    }

    /** Whatever follows each field's NUL (stack garbage in stock servers) does not change the decoded text. */
    @Property(tries = TRIES, seed = SEED)
    void confDecodeIgnoresBytesAfterNul(@ForAll("confs") final Conf c, @ForAll("contents") final byte[] garbage) {
        final byte[] b = ConfCodec.encode(c);
        final String[] texts = {c.node(), c.cpu(), c.os(), c.qperf()};
        int g = 0;
        for (int field = 0; field < 4 && garbage.length > 0; field++) {
            for (int i = field * 64 + texts[field].length() + 1; i < (field + 1) * 64; i++) {
                b[i] = garbage[g++ % garbage.length];
            }
        }

        assertThat(ConfCodec.decode(b)).isEqualTo(c);
    }

    @Property(tries = TRIES, seed = SEED)
    void portRoundTrips(
            @ForAll("ports") final int port, @ForAll @IntRange(max = 30) final int at, @ForAll final byte fill) {
        final byte[] arr = filled(at + WireConstants.PORT_LENGTH + 7, fill);

        assertThat(PortCodec.encode(ByteBuffer.wrap(arr), at, port)).isEqualTo(WireConstants.PORT_LENGTH);

        assertOnlyWindowWritten(arr, at, WireConstants.PORT_LENGTH, fill);
        assertThat(PortCodec.decode(ByteBuffer.wrap(arr), at, WireConstants.PORT_LENGTH))
                .isEqualTo(port);
    }

    @Property(tries = TRIES, seed = SEED)
    void portDecodeRejectsExactlyTheNonPorts(@ForAll("u32") final long value) {
        final byte[] b = new byte[4];
        ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, (int) value);

        if (value >= 1 && value <= 65535) {
            assertThat(PortCodec.decode(b)).isEqualTo((int) value);
        } else {
            assertThatThrownBy(() -> PortCodec.decode(b)).isInstanceOf(WireFormatException.class);
        }
    }

    @Property(tries = TRIES, seed = SEED)
    void versionCheckAcceptsExactlyMinorFourOfMajorZero(
            @ForAll("u16") final int major, @ForAll("u16") final int minor, @ForAll("u16") final int inc) {
        final String msg = RequestCodec.checkVersion(major, minor, inc);
        final String peer = major + "." + minor + "." + inc;

        if (major == 0 && minor == 4) {
            assertThat(msg).isNull();
        } else if (major == 0 && minor < 4) {
            assertThat(msg).isEqualTo("upgrade qperf on client from " + peer + " to 0.4.11");
        } else {
            assertThat(msg).isEqualTo("upgrade qperf on server from 0.4.11 to " + peer);
        }
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    @Provide
    Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
    }

    /** Any 64-bit pattern: u64 values are held in a long, MAX = -1. */
    Arbitrary<Long> u64() {
        return Arbitraries.longs();
    }

    /** Printable ASCII, 0..63 chars: what fits a char[64] with its NUL. */
    Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(63);
    }

    @Provide
    Arbitrary<Integer> ports() {
        return Arbitraries.integers().between(1, 0xFFFF);
    }

    @Provide
    Arbitrary<Request> requests() {
        return Combinators.combine(u16().list().ofSize(4), u32().list().ofSize(16), text(), text())
                .as((v, u, id, rate) -> new Request(
                        v.get(0), v.get(1), v.get(2), v.get(3), u.get(0), u.get(1), u.get(2), u.get(3), u.get(4),
                        u.get(5), u.get(6), u.get(7), u.get(8), u.get(9), u.get(10), u.get(11), u.get(12), u.get(13),
                        u.get(14), u.get(15), id, rate));
    }

    @Provide
    Arbitrary<Stat> stats() {
        return Combinators.combine(
                        u32().list().ofSize(3),
                        u64().list().ofSize(2 * Stat.TIMES),
                        u64().list().ofSize(12))
                .as((h, t, c) -> new Stat(
                        h.get(0),
                        h.get(1),
                        h.get(2),
                        t.subList(0, Stat.TIMES).stream()
                                .mapToLong(Long::longValue)
                                .toArray(),
                        t.subList(Stat.TIMES, 2 * Stat.TIMES).stream()
                                .mapToLong(Long::longValue)
                                .toArray(),
                        new Ustat(c.get(0), c.get(1), c.get(2)),
                        new Ustat(c.get(3), c.get(4), c.get(5)),
                        new Ustat(c.get(6), c.get(7), c.get(8)),
                        new Ustat(c.get(9), c.get(10), c.get(11))));
    }

    @Provide
    Arbitrary<Conf> confs() {
        return Combinators.combine(text(), text(), text(), text()).as(Conf::new);
    }

    /**
     * Inputs for the decoders: random bytes of any length up to 600 (zero-heavy, so CONF fields often contain a
     * NUL), plus valid frames of every kind with a few bytes overwritten, cut or extended.
     */
    @Provide
    Arbitrary<byte[]> contents() {
        final Arbitrary<Byte> someByte = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just((byte) 0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(WireConstants.ERROR_SIGNAL)),
                net.jqwik.api.Tuple.of(6, Arbitraries.bytes()));
        final Arbitrary<byte[]> random = someByte.array(byte[].class).ofMaxSize(600);
        final Arbitrary<byte[]> frames = Arbitraries.oneOf(
                requests().map(RequestCodec::encode),
                stats().map(StatCodec::encode),
                confs().map(ConfCodec::encode),
                ports().map(PortCodec::encode),
                Arbitraries.of(SyncCodec.before(), SyncCodec.after()).map(byte[]::clone));
        final Arbitrary<byte[]> mutated = Combinators.combine(
                        frames,
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers(),
                        Arbitraries.bytes(),
                        Arbitraries.integers().between(-8, 8))
                .as((frame, flips, where, value, resize) -> {
                    final byte[] f = Arrays.copyOf(frame, Math.max(0, frame.length + resize));
                    for (int i = 0; i < flips && f.length > 0; i++) {
                        f[Math.floorMod(where + 31 * i, f.length)] = (byte) (value + i);
                    }
                    return f;
                });
        return Arbitraries.oneOf(random, frames, mutated);
    }

    // ---------------------------------------------------------------- helpers

    private static void assertStrictPrefixesNeedMore(final byte[] frame, final String... codecNames) {
        for (final String name : codecNames) {
            final Codec c = CODECS.stream()
                    .filter(x -> x.name().equals(name))
                    .findFirst()
                    .orElseThrow();
            final ByteBuffer b = ByteBuffer.wrap(frame);
            for (int n = 0; n < c.length(); n++) {
                assertThat(Outcome.of(c, b, 0, n).kind())
                        .as("%s, %d bytes", name, n)
                        .isEqualTo("need more");
            }
            assertThat(Outcome.of(c, b, 0, frame.length).kind())
                    .as("%s, whole frame", name)
                    .isEqualTo("value");
        }
    }

    private static byte[] surround(final byte[] content, final int lead, final int trail, final byte fill) {
        final byte[] arr = filled(lead + content.length + trail, fill);
        System.arraycopy(content, 0, arr, lead, content.length);
        return arr;
    }

    private static byte[] filled(final int n, final byte fill) {
        final byte[] arr = new byte[n];
        Arrays.fill(arr, fill);
        return arr;
    }

    private static void assertOnlyWindowWritten(final byte[] arr, final int at, final int len, final byte fill) {
        for (int i = 0; i < arr.length; i++) {
            if (i < at || i >= at + len) {
                assertThat(arr[i])
                        .as("byte %d outside [%d, %d)", i, at, at + len)
                        .isEqualTo(fill);
            }
        }
    }
}
