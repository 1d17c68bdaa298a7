package io.github.jqperf.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.error.ProtocolException;
import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.result.Stat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Issue 12, item 6: every wire decoder under hostile bytes. Complements {@link WireCodecProperties} (which covers
 * generic random windows, out-of-range windows, window isolation and encode-then-decode of valid records) with
 * <ul>
 *   <li>(a) random bytes of every length {@code 0..2*size}, at any offset inside larger heap / direct / read-only
 *       buffers;</li>
 *   <li>(b) every prefix of every golden vector of {@code src/test/resources/golden/}, fed to every decoder;</li>
 *   <li>(c) random mutations of the golden vectors: bit flips, byte replacements, insertions, deletions, cuts, runs
 *       that remove every NUL, u16/u32 fields set to their limits;</li>
 *   <li>(d) numeric fields at their limits (u32 0, 1, 2^31-1, 2^31, 2^32-1; u16 0, 1, 0x7FFF, 0x8000, 0xFFFF; u64
 *       0, MAX, MIN, -1) and text fields with no NUL, all 0xFF, invalid UTF-8, control characters;</li>
 *   <li>(e) the error signal ({@code ?} + urgent text) with hostile text and hostile lengths.</li>
 * </ul>
 * The property everywhere ({@link #verify}): the decoder returns "need more" exactly when the window is shorter than
 * the message, otherwise a value — which re-encodes to the same bytes (up to what the encoder, like stock qperf,
 * normalises) — or a {@link WireFormatException} whose message is one printable line naming the right field and
 * offset. No other exception escapes. Decoding allocates a small constant, never anything proportional to a length
 * field or to the window.
 *
 * <p>The decoders are fixed-size stream decoders: a window shorter than the message is "need more" (null /
 * {@code NEED_MORE}), never an error, and bytes after the message are not read (asserted on a 4 MiB window). So no
 * length field's value can size an allocation;
 * {@link #decodingAllocatesAConstantWhateverTheFieldsAndTheWindow} measures it anyway.
 *
 * <p>A REQ text field without a NUL decodes to all 64 bytes (as {@code RequestCodecTest} documents: a REQ has no
 * invalid byte pattern), while the encoder, like the stock client, writes at most 63 bytes and a NUL; the round trip
 * is therefore asserted up to that cut ({@link #cut63}).
 */
class HostileBytesProperties {
    private static final String SEED = "120612";
    private static final int TRIES_RANDOM = 4000;
    private static final int TRIES_MUTATION = 4000;
    private static final int TRIES_ERROR_SIGNAL = 3000;
    private static final int TRIES_ALLOCATION = 300;

    /** u32 limits of the brief plus their neighbours. */
    static final long[] U32_LIMITS = {
        0, 1, 2, 0xFFFF, 0x1_0000, 0x7FFF_FFFFL, 0x8000_0000L, 0x8000_0001L, 0xFFFF_FFFEL, 0xFFFF_FFFFL
    };

    static final int[] U16_LIMITS = {0, 1, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF};
    static final long[] U64_LIMITS = {0, 1, Long.MAX_VALUE, Long.MIN_VALUE, -1, 0xFFFF_FFFFL, 0x1_0000_0000L};

    /** REQ u32 fields in wire order (offset 8 + 4 i), with the spec's names. */
    static final String[] REQ_U32_NAMES = {
        "access_recv",
        "affinity",
        "alt_port",
        "flip",
        "msg_size",
        "mtu_size",
        "no_msgs",
        "poll_mode",
        "port",
        "rd_atomic",
        "sl",
        "sock_buf_size",
        "src_path_bits",
        "time",
        "timeout",
        "use_cm"
    };

    static final List<ToLongFunction<Request>> REQ_U32_GETTERS = List.of(
            Request::accessRecv,
            Request::affinity,
            Request::altPort,
            Request::flip,
            Request::msgSize,
            Request::mtuSize,
            Request::noMsgs,
            Request::pollMode,
            Request::port,
            Request::rdAtomic,
            Request::sl,
            Request::sockBufSize,
            Request::srcPathBits,
            Request::time,
            Request::timeout,
            Request::useCm);
    static final String[] CONF_FIELDS = {"node", "cpu", "os", "qperf"};

    /** Hostile text payloads (for REQ/CONF string fields and the error signal). */
    static final List<byte[]> HOSTILE_TEXTS = List.of(
            new byte[0],
            filled(64, (byte) 0xFF),
            filled(63, (byte) 0xFF),
            filled(64, (byte) 'a'),
            filled(65, (byte) 'a'),
            filled(1000, (byte) '?'),
            hex("c328"), // invalid UTF-8: bad continuation
            hex("eda080"), // UTF-8-encoded surrogate
            hex("f888808080"), // 5-byte form
            hex("c0af"), // overlong '/'
            hex("80bfbf"), // lone continuation bytes
            hex("efbbbf"), // BOM
            hex("1b5b324a"), // ANSI clear screen
            "line one\nline two\r\n".getBytes(StandardCharsets.ISO_8859_1),
            hex("3f0a3f0d3f00"), // '?' LF '?' CR '?' NUL
            hex("00ff00ff"),
            "bad request index: 99".getBytes(StandardCharsets.ISO_8859_1));

    // ================================================================ codecs

    /** A decoder under test: returns the decoded value, or null for "need more". */
    @FunctionalInterface
    interface Decoder {
        Object decode(ByteBuffer src, int offset, int length);
    }

    /** Checks a decoded value against the bytes it came from (re-encoding where an encoder exists). */
    @FunctionalInterface
    interface ValueCheck {
        void check(Object value, byte[] message);
    }

    /** Checks a WireFormatException against the bytes that caused it; null = the decoder has no invalid input. */
    @FunctionalInterface
    interface ErrorCheck {
        void check(WireFormatException e, byte[] message);
    }

    record Codec(String name, int length, Decoder decoder, ValueCheck valueCheck, ErrorCheck errorCheck) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Codec REQ = new Codec(
            "REQ", WireConstants.REQUEST_LENGTH, RequestCodec::decode, (v, m) -> checkRequest((Request) v, m), null);
    static final Codec REQ_VERSION = new Codec(
            "REQ version",
            WireConstants.REQUEST_VERSION_LENGTH,
            (b, o, l) -> {
                final int[] v = RequestCodec.decodeVersion(b, o, l);
                return v == null ? null : List.of(v[0], v[1], v[2]);
            },
            (v, m) -> checkVersion(v, m),
            null);
    static final Codec STAT =
            new Codec("STAT", WireConstants.STAT_LENGTH, StatCodec::decode, (v, m) -> checkStat((Stat) v, m), null);
    static final Codec CONF = new Codec(
            "CONF",
            WireConstants.CONF_LENGTH,
            ConfCodec::decode,
            (v, m) -> checkConf((Conf) v, m),
            HostileBytesProperties::checkConfError);
    static final Codec PORT = new Codec(
            "PORT",
            WireConstants.PORT_LENGTH,
            (b, o, l) -> {
                final int p = PortCodec.decode(b, o, l);
                return p == WireConstants.NEED_MORE ? null : p;
            },
            (v, m) -> checkPort((Integer) v, m),
            HostileBytesProperties::checkPortError);
    static final Codec SYNC_BEFORE = sync("SYNC before", SyncCodec.before());
    static final Codec SYNC_AFTER = sync("SYNC after", SyncCodec.after());

    static final List<Codec> CODECS = List.of(REQ, REQ_VERSION, STAT, CONF, PORT, SYNC_BEFORE, SYNC_AFTER);

    private static Codec sync(final String name, final byte[] expected) {
        final String qperfText =
                "synchronize " + new String(expected, StandardCharsets.US_ASCII) + " failure: data does not match";
        return new Codec(
                name,
                expected.length,
                (b, o, l) -> {
                    final int n = SyncCodec.check(expected, b, o, l);
                    return n == WireConstants.NEED_MORE ? null : n;
                },
                (v, m) -> {
                    check((Integer) v == expected.length, "%s consumed %s", name, v);
                    check(
                            Arrays.equals(m, 0, expected.length, expected, 0, expected.length),
                            "%s accepted %s",
                            name,
                            HexFormat.of().formatHex(m));
                },
                (e, m) -> {
                    check(e.reason().equals(qperfText), "not qperf's exact text: %s", e.reason());
                    check(e.field().equals("sync"), "field %s", e.field());
                    final int at = e.offset();
                    check(
                            at >= 0
                                    && at < expected.length
                                    && m[at] != expected[at]
                                    && Arrays.equals(m, 0, at, expected, 0, at),
                            "%s: offset %d is not the first differing byte of %s",
                            name,
                            at,
                            HexFormat.of().formatHex(m));
                });
    }

    /** A cheap assertion for the hot path: the message is formatted only on failure. */
    static void check(final boolean ok, final String format, final Object... args) {
        if (!ok) {
            throw new AssertionError(String.format(format, args));
        }
    }

    // ================================================================ the property, applied everywhere

    /** How the window is presented to the decoder. */
    enum Holder {
        HEAP,
        HEAP_SLICE,
        READ_ONLY,
        DIRECT
    }

    /** What one decode gave. */
    record Outcome(String kind, Object value) {}

    /**
     * Decodes {@code content} placed at {@code lead} inside a larger buffer ({@code trail} bytes of {@code fill}
     * after it) and asserts the property; returns the outcome.
     */
    static Outcome verify(
            final Codec c,
            final byte[] content,
            final int lead,
            final int trail,
            final byte fill,
            final Holder holder) {
        final byte[] arr = new byte[lead + content.length + trail];
        Arrays.fill(arr, fill);
        System.arraycopy(content, 0, arr, lead, content.length);
        final ByteBuffer b;
        int offset = lead;
        switch (holder) {
            case HEAP -> b = ByteBuffer.wrap(arr);
            case HEAP_SLICE -> {
                // a slice with a non-zero array offset: absolute indices are relative to the slice
                b = ByteBuffer.wrap(arr, lead, arr.length - lead).slice();
                offset = 0;
            }
            case READ_ONLY -> b = ByteBuffer.wrap(arr).asReadOnlyBuffer();
            case DIRECT -> {
                b = ByteBuffer.allocateDirect(arr.length);
                b.put(arr).clear();
            }
            default -> throw new AssertionError(holder);
        }
        final Outcome o = verify(c, b, offset, content.length, content);
        check(Arrays.equals(arr, lead, lead + content.length, content, 0, content.length), "%s wrote its input", c);
        if (holder == Holder.DIRECT) {
            final byte[] after = new byte[content.length];
            b.get(lead, after);
            check(Arrays.equals(after, content), "%s wrote its (direct) input", c);
        }
        return o;
    }

    /** The core property for one in-range window whose bytes are {@code content}. */
    static Outcome verify(final Codec c, final ByteBuffer b, final int offset, final int length, final byte[] content) {
        final int position = b.position();
        final int limit = b.limit();
        final Object value;
        try {
            value = c.decoder().decode(b, offset, length);
        } catch (final WireFormatException e) {
            checkError(c, e, content, length);
            return new Outcome("corrupt", e.field() + "@" + e.offset() + ": " + e.reason());
        } catch (final Throwable t) {
            throw new AssertionError(
                    c + " let " + t.getClass().getName() + " escape (only WireFormatException may):"
                            + " offset " + offset + ", length " + length + ", bytes "
                            + HexFormat.of().formatHex(Arrays.copyOf(content, Math.min(content.length, 300))),
                    t);
        } finally {
            check(b.position() == position && b.limit() == limit, "%s moved the position or limit", c);
        }
        if (length < c.length()) {
            check(value == null, "%s on %d < %d bytes must be 'need more', got %s", c, length, c.length(), value);
            return new Outcome("need more", null);
        }
        check(value != null, "%s on %d >= %d bytes must not be 'need more'", c, length, c.length());
        c.valueCheck().check(value, Arrays.copyOf(content, c.length()));
        return new Outcome("value", value);
    }

    private static void checkError(final Codec c, final WireFormatException e, final byte[] content, final int length) {
        check(
                length >= c.length(),
                "%s: incomplete input (%d bytes) is 'need more', never an error: %s",
                c,
                length,
                e.getMessage());
        check(c.errorCheck() != null, "%s has no invalid byte pattern, yet threw %s", c, e.getMessage());
        assertOneLineNamingFieldAndOffset(e);
        check(e.offset() >= 0 && e.offset() < c.length(), "offset %d outside the message", e.offset());
        c.errorCheck().check(e, Arrays.copyOf(content, c.length()));
    }

    static void assertOneLineNamingFieldAndOffset(final WireFormatException e) {
        check(e instanceof ProtocolException, "not a ProtocolException");
        check(e.field() != null && !e.field().isBlank(), "blank field");
        check(e.reason() != null && !e.reason().isBlank(), "blank reason");
        final String msg = e.getMessage();
        check(
                msg.endsWith(" (field " + e.field() + " at offset " + e.offset() + ")"),
                "message does not name field and offset: %s",
                msg);
        check(
                msg.chars().allMatch(ch -> ch >= 0x20 && ch <= 0x7E),
                "not one line of printable ASCII (hostile bytes echoed?): %s",
                msg);
        check(e.getCause() == null, "unexpected cause %s", e.getCause());
    }

    // ---------------------------------------------------------------- per-codec checks

    /** Re-encodes a decoded REQ. The encoder (like the stock client) always NUL-terminates the two texts. */
    static void checkRequest(final Request r, final byte[] m) {
        final byte[] re = RequestCodec.encode(r);
        check(Arrays.equals(re, 0, 72, m, 0, 72), "REQ integers do not re-encode byte for byte: %s", r);
        for (int i = 0; i < 16; i++) {
            check(REQ_U32_GETTERS.get(i).applyAsLong(r) == le(m, 8 + 4 * i, 4), "%s of %s", REQ_U32_NAMES[i], r);
        }
        final String[] texts = {r.id(), r.staticRate()};
        for (int f = 0; f < 2; f++) {
            final int at = 72 + 64 * f;
            final int nul = nul(m, at, 64);
            final int len = nul < 0 ? 64 : nul;
            check(
                    texts[f].equals(new String(m, at, len, StandardCharsets.ISO_8859_1)),
                    "REQ text at %d is not the Latin-1 bytes before the first NUL: %s",
                    at,
                    texts[f]);
            final int kept = Math.min(len, 63);
            final byte[] expected = new byte[64];
            System.arraycopy(m, at, expected, 0, kept);
            check(Arrays.equals(re, at, at + 64, expected, 0, 64), "REQ text at %d re-encoded wrongly", at);
        }
        final Request again = RequestCodec.decode(re);
        check(again.equals(cut63(r)), "decode(encode(decode(x))) %s != %s", again, r);
        check(Arrays.equals(RequestCodec.encode(again), re), "encode not stable for %s", again);
    }

    static Request cut63(final Request r) {
        return StockRequests.withTexts(r, cut(r.id()), cut(r.staticRate()));
    }

    private static String cut(final String s) {
        return s.length() > 63 ? s.substring(0, 63) : s;
    }

    static void checkVersion(final Object v, final byte[] m) {
        @SuppressWarnings("unchecked")
        final List<Integer> ver = (List<Integer>) v;
        check(ver.equals(List.of((int) le(m, 0, 2), (int) le(m, 2, 2), (int) le(m, 4, 2))), "version %s", ver);
        final byte[] re = RequestCodec.encode(new Request(
                ver.get(0), ver.get(1), ver.get(2), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "", ""));
        check(Arrays.equals(re, 0, 6, m, 0, 6), "version %s does not re-encode byte for byte", ver);
        assertVersionVerdict(ver.get(0), ver.get(1), ver.get(2));
    }

    /** qperf's exact texts (docs/protocol.md §3.3); never an exception. */
    static void assertVersionVerdict(final int major, final int minor, final int inc) {
        final String msg = RequestCodec.checkVersion(major, minor, inc);
        final String peer = major + "." + minor + "." + inc;
        final String expected;
        if (major == 0 && minor == 4) {
            expected = null;
        } else if (major < 0 || major == 0 && minor < 4) {
            expected = "upgrade qperf on client from " + peer + " to 0.4.11";
        } else {
            expected = "upgrade qperf on server from 0.4.11 to " + peer;
        }
        check(java.util.Objects.equals(msg, expected), "checkVersion(%s) = %s, want %s", peer, msg, expected);
    }

    static void checkStat(final Stat st, final byte[] m) {
        final byte[] re = StatCodec.encode(st);
        final byte[] expected = Arrays.copyOf(m, WireConstants.STAT_LENGTH);
        Arrays.fill(expected, WireConstants.STAT_ENCODED_LENGTH, WireConstants.STAT_LENGTH, (byte) 0);
        check(Arrays.equals(re, expected), "STAT does not re-encode byte for byte (padding zeroed): %s", st);
        check(StatCodec.decode(re).equals(st), "decode(encode(%s))", st);
    }

    static void checkConf(final Conf c, final byte[] m) {
        final String[] v = {c.node(), c.cpu(), c.os(), c.qperf()};
        final byte[] re = ConfCodec.encode(c);
        for (int f = 0; f < 4; f++) {
            final int at = 64 * f;
            final int nul = nul(m, at, 64);
            check(nul >= 0, "CONF %s accepted without a NUL", CONF_FIELDS[f]);
            check(
                    v[f].equals(new String(m, at, nul, StandardCharsets.ISO_8859_1)),
                    "CONF %s = %s",
                    CONF_FIELDS[f],
                    v[f]);
            final byte[] expected = new byte[64];
            System.arraycopy(m, at, expected, 0, nul);
            check(Arrays.equals(re, at, at + 64, expected, 0, 64), "CONF %s re-encoded wrongly", CONF_FIELDS[f]);
        }
        check(ConfCodec.decode(re).equals(c), "decode(encode(%s))", c);
    }

    static void checkConfError(final WireFormatException e, final byte[] m) {
        final int f = Arrays.asList(CONF_FIELDS).indexOf(e.field());
        check(f >= 0 && e.offset() == 64 * f, "CONF field %s at %d", e.field(), e.offset());
        check(e.reason().equals("CONF string is not NUL-terminated"), "reason %s", e.reason());
        check(nul(m, 64 * f, 64) < 0, "the named field %s has a NUL", e.field());
        for (int g = 0; g < f; g++) {
            check(nul(m, 64 * g, 64) >= 0, "field %s is named but %s before it is bad", e.field(), CONF_FIELDS[g]);
        }
    }

    static void checkPort(final int port, final byte[] m) {
        check(
                port == le(m, 0, 4) && port >= 1 && port <= 65535,
                "port %d from %s",
                port,
                HexFormat.of().formatHex(m));
        check(Arrays.equals(PortCodec.encode(port), m), "port %d does not re-encode", port);
    }

    static void checkPortError(final WireFormatException e, final byte[] m) {
        final long v = le(m, 0, 4);
        check(v == 0 || v > 65535, "valid port %d rejected", v);
        check(e.field().equals("port") && e.offset() == 0, "field %s at %d", e.field(), e.offset());
        check(e.reason().equals("data port " + v + " is not a valid port number"), "reason %s", e.reason());
    }

    // ================================================================ (a) random bytes, every length 0..2*size

    record Input(Codec codec, byte[] content, int lead, int trail, byte fill, Holder holder) {
        @Override
        public String toString() {
            return codec + " lead=" + lead + " trail=" + trail + " " + holder + " bytes(" + content.length + ")="
                    + HexFormat.of().formatHex(content);
        }
    }

    @Property(tries = TRIES_RANDOM, seed = SEED, shrinking = ShrinkingMode.BOUNDED)
    void randomBytesOfEveryLengthUpToTwiceTheSize(@ForAll("randomInputs") final Input in) {
        final Outcome o = verify(in.codec(), in.content(), in.lead(), in.trail(), in.fill(), in.holder());
        Statistics.label("outcome").collect(in.codec().name(), o.kind());
        Statistics.label("outcome").coverage(cov -> {
            for (final Codec c : CODECS) {
                cov.check(c.name(), "need more").count(n -> n >= 50);
                cov.check(c.name(), "value").count(n -> n >= (c == CONF || c == PORT ? 10 : 20));
            }
            cov.check(CONF.name(), "corrupt").count(n -> n >= 25);
            cov.check(PORT.name(), "corrupt").count(n -> n >= 25);
            cov.check(SYNC_BEFORE.name(), "corrupt").count(n -> n >= 25);
            cov.check(SYNC_AFTER.name(), "corrupt").count(n -> n >= 25);
        });
    }

    /** Deterministic sweep: every length 0..2*size, every codec, five fills, three holders. */
    @Example
    void everyLengthFromZeroToTwiceTheSizeWithFixedPatterns() {
        final Random rnd = new Random(12);
        for (final Codec c : CODECS) {
            for (int n = 0; n <= 2 * c.length(); n++) {
                final byte[] random = new byte[n];
                rnd.nextBytes(random);
                for (final byte[] content : List.of(
                        new byte[n],
                        filled(n, (byte) 0xFF),
                        filled(n, (byte) 0x80),
                        filled(n, WireConstants.ERROR_SIGNAL),
                        random)) {
                    verify(c, content, 0, 0, (byte) 0, Holder.HEAP);
                    verify(c, content, 5, 3, (byte) 0xFF, Holder.READ_ONLY);
                    verify(c, content, 3, 0, (byte) 0, Holder.HEAP_SLICE);
                }
            }
        }
    }

    // ================================================================ (b) every prefix of every golden vector

    @Example
    void everyPrefixOfEveryGoldenVectorIntoEveryDecoder() {
        assertThat(GOLDEN).as("golden vectors found").hasSizeGreaterThanOrEqualTo(50);
        for (final Golden g : GOLDEN) {
            for (int n = 0; n <= g.bytes().length; n++) {
                final byte[] prefix = Arrays.copyOf(g.bytes(), n);
                for (final Codec c : CODECS) {
                    final Outcome o = verify(c, prefix, 0, 0, (byte) 0, Holder.HEAP);
                    if (c == g.codec()) {
                        verify(c, prefix, 9, 4, (byte) 0xA5, Holder.READ_ONLY);
                        check(o.kind().equals(n < c.length() ? "need more" : "value"), "%s, %d bytes: %s", g, n, o);
                    }
                }
                assertErrorSignal(prefix, n);
            }
        }
    }

    @Example
    void goldenErrorSignalsDecodeEveryPrefix() {
        final List<Golden> errs = GOLDEN.stream().filter(g -> g.codec() == null).toList();
        assertThat(errs).hasSize(5);
        for (final Golden g : errs) {
            for (int n = 0; n <= g.bytes().length; n++) {
                final String text = ErrorSignal.decode(g.bytes(), n);
                if (n == 0) {
                    assertThat(text).isNull();
                } else {
                    assertThat(text).isEqualTo(new String(g.bytes(), 1, n - 1, StandardCharsets.ISO_8859_1));
                }
            }
        }
    }

    // ================================================================ (c) random mutations of golden vectors

    record Mutation(int kind, int where, int value) {}

    record Mutated(Golden golden, List<Mutation> mutations, byte[] bytes, int lead, Holder holder) {
        @Override
        public String toString() {
            return golden.name() + " " + mutations + " lead=" + lead + " " + holder + " -> bytes(" + bytes.length + ")="
                    + HexFormat.of().formatHex(bytes);
        }
    }

    @Property(tries = TRIES_MUTATION, seed = SEED, shrinking = ShrinkingMode.BOUNDED)
    void mutatedGoldenVectorsIntoEveryDecoder(@ForAll("mutatedGoldens") final Mutated m) {
        for (final Codec c : CODECS) {
            final Outcome o = verify(c, m.bytes(), m.lead(), 3, (byte) 0x5A, m.holder());
            if (c == m.golden().codec()) {
                Statistics.label("own decoder").collect(c.name(), o.kind());
            }
        }
        Statistics.label("own decoder").coverage(cov -> {
            for (final Codec c : List.of(REQ, STAT, CONF, PORT, SYNC_BEFORE, SYNC_AFTER)) {
                cov.check(c.name(), "need more").count(n -> n >= 20);
                cov.check(c.name(), "value").count(n -> n >= 20);
            }
            cov.check(CONF.name(), "corrupt").count(n -> n >= 5);
            cov.check(PORT.name(), "corrupt").count(n -> n >= 20);
            cov.check(SYNC_BEFORE.name(), "corrupt").count(n -> n >= 20);
            cov.check(SYNC_AFTER.name(), "corrupt").count(n -> n >= 20);
        });
        assertErrorSignal(m.bytes(), m.bytes().length);
    }

    static byte[] mutate(final byte[] golden, final List<Mutation> mutations) {
        byte[] f = golden.clone();
        for (final Mutation mu : mutations) {
            final int len = f.length;
            final int w = Math.floorMod(mu.where(), Math.max(1, len));
            switch (mu.kind()) {
                case 0 -> { // flip one bit
                    if (len > 0) {
                        f[w] ^= (byte) (1 << Math.floorMod(mu.value(), 8));
                    }
                }
                case 1 -> { // replace one byte
                    if (len > 0) {
                        f[w] = (byte) mu.value();
                    }
                }
                case 2 -> { // insert one byte
                    final int at = Math.floorMod(mu.where(), len + 1);
                    final byte[] g = new byte[len + 1];
                    System.arraycopy(f, 0, g, 0, at);
                    g[at] = (byte) mu.value();
                    System.arraycopy(f, at, g, at + 1, len - at);
                    f = g;
                }
                case 3 -> { // delete one byte
                    if (len > 0) {
                        final byte[] g = new byte[len - 1];
                        System.arraycopy(f, 0, g, 0, w);
                        System.arraycopy(f, w + 1, g, w, len - w - 1);
                        f = g;
                    }
                }
                case 4 -> { // an aligned u32 at a limit (REQ/STAT/PORT fields are 4-aligned)
                    if (len >= 4) {
                        putLe(
                                f,
                                4 * Math.floorMod(mu.where(), len / 4),
                                4,
                                U32_LIMITS[Math.floorMod(mu.value(), U32_LIMITS.length)]);
                    }
                }
                case 5 -> { // a u16 at a limit (REQ version fields)
                    if (len >= 2) {
                        putLe(
                                f,
                                2 * Math.floorMod(mu.where(), len / 2),
                                2,
                                U16_LIMITS[Math.floorMod(mu.value(), U16_LIMITS.length)]);
                    }
                }
                case 6 -> // cut
                    f = Arrays.copyOf(f, Math.floorMod(mu.where(), len + 1));
                case 7 -> { // a run of 64 non-NUL bytes (kills a text field's NUL)
                    final byte b = mu.value() == 0 ? (byte) 0xFF : (byte) mu.value();
                    for (int i = w; i < Math.min(len, w + 64); i++) {
                        f[i] = b;
                    }
                }
                case 8 -> { // a u64 at a limit (STAT counters are 8-aligned from offset 12)
                    if (len >= 8) {
                        putLe(
                                f,
                                Math.floorMod(mu.where(), len - 7),
                                8,
                                U64_LIMITS[Math.floorMod(mu.value(), U64_LIMITS.length)]);
                    }
                }
                default -> { // append garbage
                    f = Arrays.copyOf(f, len + 1 + Math.floorMod(mu.value(), 16));
                    Arrays.fill(f, len, f.length, (byte) mu.where());
                }
            }
        }
        return f;
    }

    // ================================================================ (d) fields at their limits

    @Example
    void requestU32FieldsAtTheirLimitsDecodeExactlyAndReencodeByteForByte() {
        final byte[] golden = golden("req-tcp_bw-t1-ip20000-rsb256K-ar1-to7-rca1-qperf-0.4.11.hex");
        for (int i = 0; i < 16; i++) {
            for (final long v : U32_LIMITS) {
                final byte[] b = golden.clone();
                putLe(b, 8 + 4 * i, 4, v);
                final Request r =
                        (Request) verify(REQ, b, 0, 0, (byte) 0, Holder.HEAP).value();
                assertThat(REQ_U32_GETTERS.get(i).applyAsLong(r))
                        .as("%s = %d", REQ_U32_NAMES[i], v)
                        .isEqualTo(v);
                assertThat(RequestCodec.encode(r)).isEqualTo(b);
            }
        }
        // all sixteen at once, every limit
        for (final long v : U32_LIMITS) {
            final byte[] b = golden.clone();
            for (int i = 0; i < 16; i++) {
                putLe(b, 8 + 4 * i, 4, v);
            }
            verify(REQ, b, 0, 0, (byte) 0, Holder.DIRECT);
        }
    }

    @Example
    void requestU16FieldsAtTheirLimits() {
        final byte[] golden = golden("req-tcp_lat-t1-qperf-0.4.11.hex");
        for (int i = 0; i < 4; i++) {
            for (final int v : U16_LIMITS) {
                final byte[] b = golden.clone();
                putLe(b, 2 * i, 2, v);
                final Request r =
                        (Request) verify(REQ, b, 0, 0, (byte) 0, Holder.HEAP).value();
                assertThat(new int[] {r.verMaj(), r.verMin(), r.verInc(), r.reqIndex()}[i])
                        .isEqualTo(v);
                verify(REQ_VERSION, Arrays.copyOf(b, 6), 0, 0, (byte) 0, Holder.HEAP);
            }
        }
        for (final int maj : U16_LIMITS) {
            for (final int min : U16_LIMITS) {
                for (final int inc : U16_LIMITS) {
                    assertVersionVerdict(maj, min, inc);
                }
            }
        }
    }

    /** checkVersion takes plain ints: even values no u16 can hold give qperf's text, never an exception. */
    @Example
    void versionCheckNeverThrowsOnAnyInt() {
        final int[] ints = {Integer.MIN_VALUE, -1, 0, 3, 4, 5, 65535, 65536, Integer.MAX_VALUE};
        for (final int maj : ints) {
            for (final int min : ints) {
                for (final int inc : ints) {
                    assertVersionVerdict(maj, min, inc);
                }
            }
        }
        // the captured texts, unchanged
        assertThat(RequestCodec.checkVersion(0, 3, 9)).isEqualTo("upgrade qperf on client from 0.3.9 to 0.4.11");
        assertThat(RequestCodec.checkVersion(0, 5, 0)).isEqualTo("upgrade qperf on server from 0.4.11 to 0.5.0");
    }

    @Example
    void requestTextFieldsWithHostileBytes() {
        final byte[] golden = golden("req-tcp_lat-t1-qperf-0.4.11.hex");
        for (final byte[] text : HOSTILE_TEXTS) {
            for (final int at : new int[] {72, 136}) {
                for (final boolean terminate : new boolean[] {false, true}) {
                    final byte[] b = golden.clone();
                    Arrays.fill(b, at, at + 64, (byte) 0x77);
                    System.arraycopy(text, 0, b, at, Math.min(64, text.length));
                    if (terminate) {
                        b[at + Math.min(63, text.length)] = 0;
                    }
                    final Request r = (Request)
                            verify(REQ, b, 0, 0, (byte) 0, Holder.HEAP).value();
                    final String s = at == 72 ? r.id() : r.staticRate();
                    assertThat(s).doesNotContain("\uFFFD").hasSizeLessThanOrEqualTo(64);
                }
            }
        }
    }

    @Example
    void confTextFieldsWithHostileBytes() {
        final byte[] golden = golden("conf-conf-qperf-0.4.11.hex");
        for (final byte[] text : HOSTILE_TEXTS) {
            for (int f = 0; f < 4; f++) {
                for (final boolean terminate : new boolean[] {false, true}) {
                    final byte[] b = golden.clone();
                    Arrays.fill(b, 64 * f, 64 * f + 64, (byte) 0x77);
                    System.arraycopy(text, 0, b, 64 * f, Math.min(64, text.length));
                    if (terminate) {
                        b[64 * f + Math.min(63, text.length)] = 0;
                    }
                    final Outcome o = verify(CONF, b, 0, 0, (byte) 0, Holder.HEAP);
                    final boolean hasNul = nul(b, 64 * f, 64) >= 0;
                    assertThat(o.kind())
                            .as("field %s, NUL %s", CONF_FIELDS[f], hasNul)
                            .isEqualTo(hasNul ? "value" : "corrupt");
                }
            }
        }
        // no NUL anywhere: the first field is named
        final WireFormatException e = expectCorrupt(CONF, filled(256, (byte) 0xFF));
        assertThat(e.getMessage()).isEqualTo("CONF string is not NUL-terminated (field node at offset 0)");
    }

    @Example
    void portAtItsLimits() {
        for (final long v : U32_LIMITS) {
            final byte[] b = new byte[4];
            putLe(b, 0, 4, v);
            final Outcome o = verify(PORT, b, 0, 0, (byte) 0, Holder.HEAP);
            assertThat(o.kind()).as("port %d", v).isEqualTo(v >= 1 && v <= 65535 ? "value" : "corrupt");
        }
        assertThat(expectCorrupt(PORT, filled(4, (byte) 0xFF)).getMessage())
                .isEqualTo("data port 4294967295 is not a valid port number (field port at offset 0)");
        assertThat(expectCorrupt(PORT, new byte[4]).getMessage())
                .isEqualTo("data port 0 is not a valid port number (field port at offset 0)");
        assertThat(expectCorrupt(PORT, hex("00000080")).getMessage())
                .isEqualTo("data port 2147483648 is not a valid port number (field port at offset 0)");
    }

    @Example
    void statFieldsAtTheirLimits() {
        final byte[] golden = golden("stat-tcp_bw-t1-m1K-qperf-0.4.11.hex");
        for (int i = 0; i < 3; i++) {
            for (final long v : U32_LIMITS) {
                final byte[] b = golden.clone();
                putLe(b, 4 * i, 4, v);
                final Stat st =
                        (Stat) verify(STAT, b, 0, 0, (byte) 0, Holder.HEAP).value();
                assertThat(new long[] {st.noCpus(), st.noTicks(), st.maxCqes()}[i])
                        .isEqualTo(v);
            }
        }
        for (int at = 12; at < 252; at += 8) {
            for (final long v : U64_LIMITS) {
                final byte[] b = golden.clone();
                putLe(b, at, 8, v);
                verify(STAT, b, 0, 0, (byte) 0, Holder.HEAP);
            }
        }
        for (final byte fill : new byte[] {0, (byte) 0xFF, (byte) 0x80, 0x7F}) {
            verify(STAT, filled(256, fill), 0, 0, (byte) 0, Holder.HEAP);
        }
    }

    @Example
    void syncWithEveryByteReplacedByEveryHostileValue() {
        for (final Codec c : List.of(SYNC_BEFORE, SYNC_AFTER)) {
            final byte[] expected = c == SYNC_BEFORE ? SyncCodec.before() : SyncCodec.after();
            for (int i = 0; i < expected.length; i++) {
                for (final byte v : new byte[] {0, (byte) 0xFF, (byte) 0x80, '?', '\n', (byte) (expected[i] ^ 0x20)}) {
                    final byte[] b = expected.clone();
                    b[i] = v;
                    final Outcome o = verify(c, b, 0, 0, (byte) 0, Holder.HEAP);
                    assertThat(o.kind()).isEqualTo(v == expected[i] ? "value" : "corrupt");
                    if (v != expected[i]) {
                        assertThat(expectCorrupt(c, b).offset()).isEqualTo(i);
                    }
                }
            }
            // the other sync string is not this one
            final byte[] other = c == SYNC_BEFORE ? SyncCodec.after() : SyncCodec.before();
            verify(c, other, 0, 0, (byte) 0, Holder.HEAP);
        }
    }

    // ================================================================ (e) error signal with hostile text / lengths

    @Property(tries = TRIES_ERROR_SIGNAL, seed = SEED, shrinking = ShrinkingMode.BOUNDED)
    void errorSignalSurvivesHostileTextAndLengths(
            @ForAll("signalContents") final byte[] received, @ForAll("signalLengths") final int lengthSeed) {
        // lengthSeed: small values are relative to the array (so the boundaries are hit), extremes are absolute
        final int length = Math.abs(lengthSeed) < 1000 ? received.length + lengthSeed : lengthSeed;
        assertErrorSignal(received, length);
    }

    @Example
    void errorSignalWithEveryHostileText() {
        for (final byte[] text : HOSTILE_TEXTS) {
            final byte[] received = new byte[text.length + 1];
            received[0] = WireConstants.ERROR_SIGNAL;
            System.arraycopy(text, 0, received, 1, text.length);
            for (final int length :
                    new int[] {Integer.MIN_VALUE, -1, 0, 1, received.length, received.length + 1, Integer.MAX_VALUE}) {
                assertErrorSignal(received, length);
            }
            final String decoded = ErrorSignal.decode(received, received.length);
            assertThat(decoded).hasSize(text.length).doesNotContain("\uFFFD");
            assertThat(ErrorSignal.text(decoded))
                    .as("peer text kept byte for byte")
                    .isEqualTo(text);
        }
        assertThat(ErrorSignal.decode(new byte[0], 0)).isNull();
        assertThat(ErrorSignal.decode(new byte[0], Integer.MAX_VALUE)).isNull();
        assertThat(ErrorSignal.decode(new byte[0], Integer.MIN_VALUE)).isNull();
    }

    /** ErrorSignal.decode never throws and keeps the text byte for byte (qperf prints it as received). */
    static void assertErrorSignal(final byte[] received, final int length) {
        final String text;
        try {
            text = ErrorSignal.decode(received, length);
        } catch (final Throwable t) {
            throw new AssertionError(
                    "ErrorSignal.decode let " + t + " escape: length " + length + ", bytes "
                            + HexFormat.of().formatHex(received),
                    t);
        }
        if (length < 1 || length > received.length || received[0] != WireConstants.ERROR_SIGNAL) {
            check(text == null, "not an error signal, yet decoded to %s", text);
        } else {
            check(
                    text != null
                            && text.length() == length - 1
                            && Arrays.equals(
                                    text.getBytes(StandardCharsets.ISO_8859_1), 0, length - 1, received, 1, length),
                    "error text %s is not bytes 1..%d verbatim",
                    text,
                    length);
        }
    }

    // ================================================================ allocation is constant

    /** Big enough that copying the window or allocating by a length field would be unmistakable. */
    private static final int HUGE = 4 << 20;

    private static final long ALLOCATION_BOUND = 16 * 1024;
    private static byte[] hugeArray;

    /**
     * Decoding allocates a small constant: nothing proportional to a length-like field (msg_size, sock_buf_size,
     * time, timeout, port at 2^32-1, u64 counters at MAX) nor to the window (4 MiB, the message at its start). Bytes
     * after the message are ignored: the value equals the one decoded from the exactly-sized input.
     */
    @Property(tries = TRIES_ALLOCATION, seed = SEED, shrinking = ShrinkingMode.OFF)
    void decodingAllocatesAConstantWhateverTheFieldsAndTheWindow(
            @ForAll("mutatedGoldens") final Mutated m, @ForAll @IntRange(max = 64) final int at) {
        final Method allocated = allocatedBytesMethod();
        net.jqwik.api.Assume.that(allocated != null);
        final byte[] arr = huge();
        for (final Codec c : CODECS) {
            final byte[] message = Arrays.copyOf(m.bytes(), Math.min(m.bytes().length, c.length()));
            if (c == REQ) {
                // the length-like REQ fields at their maxima
                for (final int field : new int[] {24, 40, 52, 60, 64}) {
                    if (message.length >= field + 4) {
                        putLe(message, field, 4, 0xFFFF_FFFFL);
                    }
                }
            }
            Arrays.fill(arr, at, at + 300, (byte) 0x3C);
            System.arraycopy(message, 0, arr, at, message.length);
            final ByteBuffer whole = ByteBuffer.wrap(arr);
            final ByteBuffer exact = ByteBuffer.wrap(arr, 0, at + message.length);
            final Outcome expected = outcome(c, exact, at, message.length);
            final Outcome big = outcome(c, whole, at, HUGE - at);
            if (message.length < c.length()) {
                assertThat(expected.kind()).isEqualTo("need more");
                assertThat(big.kind())
                        .as("%s in a large window: trailing bytes complete the message", c)
                        .isNotEqualTo("need more");
            } else {
                assertThat(big).as("%s ignores bytes after the message", c).isEqualTo(expected);
            }
            final long cost = Math.min(
                    allocation(allocated, c, whole, at, HUGE - at), allocation(allocated, c, whole, at, HUGE - at));
            assertThat(cost)
                    .as("%s allocated %d bytes decoding a %d-byte window", c, cost, HUGE - at)
                    .isLessThan(ALLOCATION_BOUND);
        }
    }

    /** The probe itself: a decoder that copied its window would be caught. */
    @Example
    void allocationProbeSeesAWindowCopy() {
        final Method allocated = allocatedBytesMethod();
        net.jqwik.api.Assume.that(allocated != null);
        final Codec copying = new Codec(
                "copying",
                4,
                (b, o, l) -> {
                    final byte[] copy = new byte[l];
                    b.get(o, copy);
                    return copy.length;
                },
                (v, m) -> {},
                null);
        assertThat(allocation(allocated, copying, ByteBuffer.wrap(huge()), 0, HUGE))
                .isGreaterThan(HUGE);
        assertThat(allocation(allocated, PORT, ByteBuffer.wrap(PortCodec.encode(1)), 0, 4))
                .isLessThan(ALLOCATION_BOUND);
    }

    private static synchronized byte[] huge() {
        if (hugeArray == null) {
            hugeArray = new byte[HUGE];
        }
        return hugeArray;
    }

    private static Outcome outcome(final Codec c, final ByteBuffer b, final int offset, final int length) {
        try {
            final Object v = c.decoder().decode(b, offset, length);
            return v == null ? new Outcome("need more", null) : new Outcome("value", v);
        } catch (final WireFormatException e) {
            return new Outcome("corrupt", e.getMessage());
        }
    }

    private static long allocation(
            final Method allocated, final Codec c, final ByteBuffer b, final int offset, final int length) {
        final long before = currentThreadAllocatedBytes(allocated);
        final long baseline = currentThreadAllocatedBytes(allocated) - before; // cost of measuring itself
        final long start = currentThreadAllocatedBytes(allocated);
        outcome(c, b, offset, length);
        final long end = currentThreadAllocatedBytes(allocated);
        return end - start - baseline;
    }

    /**
     * {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}, found reflectively so the test compiles
     * and runs whether or not the engine becomes a named module (then java.management is not read at compile time).
     */
    private static Method allocatedBytesMethod() {
        try {
            final Class<?> sunBean = Class.forName("com.sun.management.ThreadMXBean");
            if (!sunBean.isInstance(BEAN)) {
                return null;
            }
            final Method m = sunBean.getMethod("getCurrentThreadAllocatedBytes");
            return (Long) m.invoke(BEAN) >= 0 ? m : null;
        } catch (final ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static long currentThreadAllocatedBytes(final Method m) {
        try {
            return (Long) m.invoke(BEAN);
        } catch (final ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static final Object BEAN = threadBean();

    private static Object threadBean() {
        try {
            return Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getThreadMXBean")
                    .invoke(null);
        } catch (final ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    // ================================================================ generators

    /**
     * Inputs for (a): a codec, a length uniform in {@code 0..2*size}, and bytes built from a seed in one of five
     * styles (uniform, zero-heavy, 0xFF-heavy, limit values and '?', or one of the codec's golden vectors cut or
     * extended to the length). Built from a seed rather than byte by byte: a hundred times cheaper to generate, and
     * a failure still prints the bytes.
     */
    @Provide
    Arbitrary<Input> randomInputs() {
        return Combinators.combine(
                        Arbitraries.of(CODECS),
                        Arbitraries.integers().between(0, 1 << 20),
                        Arbitraries.longs(),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 24),
                        Arbitraries.integers().between(0, 24),
                        Arbitraries.bytes(),
                        Arbitraries.of(Holder.class))
                .as((c, lengthSeed, seed, style, lead, trail, fill, holder) -> new Input(
                        c, content(c, lengthSeed % (2 * c.length() + 1), seed, style), lead, trail, fill, holder));
    }

    private static final byte[] SPECIAL = {0, (byte) 0xFF, (byte) 0x80, 0x7F, 1, WireConstants.ERROR_SIGNAL};

    static byte[] content(final Codec c, final int length, final long seed, final int style) {
        final Random rnd = new Random(seed);
        final byte[] b = new byte[length];
        rnd.nextBytes(b);
        switch (style) {
            case 1, 2 -> {
                final byte v = style == 1 ? 0 : (byte) 0xFF;
                for (int i = 0; i < length; i++) {
                    if (rnd.nextBoolean()) {
                        b[i] = v;
                    }
                }
            }
            case 3 -> {
                for (int i = 0; i < length; i++) {
                    if (rnd.nextInt(3) != 0) {
                        b[i] = SPECIAL[rnd.nextInt(SPECIAL.length)];
                    }
                }
            }
            case 4 -> {
                final List<Golden> own = GOLDEN.stream()
                        .filter(g -> g.codec() == c || c == REQ_VERSION && g.codec() == REQ)
                        .toList();
                final byte[] g = own.get(rnd.nextInt(own.size())).bytes();
                System.arraycopy(g, 0, b, 0, Math.min(length, g.length));
            }
            default -> {}
        }
        return b;
    }

    @Provide
    Arbitrary<Mutated> mutatedGoldens() {
        final Arbitrary<Mutation> mutation = Combinators.combine(
                        Arbitraries.frequencyOf(
                                Tuple.of(4, Arbitraries.just(0)),
                                Tuple.of(4, Arbitraries.just(1)),
                                Tuple.of(2, Arbitraries.just(2)),
                                Tuple.of(2, Arbitraries.just(3)),
                                Tuple.of(3, Arbitraries.just(4)),
                                Tuple.of(1, Arbitraries.just(5)),
                                Tuple.of(1, Arbitraries.just(6)),
                                Tuple.of(1, Arbitraries.just(7)),
                                Tuple.of(2, Arbitraries.just(8)),
                                Tuple.of(1, Arbitraries.just(9))),
                        Arbitraries.integers(),
                        Arbitraries.integers())
                .as(Mutation::new);
        return Combinators.combine(
                        Arbitraries.of(GOLDEN),
                        mutation.list().ofMinSize(0).ofMaxSize(6),
                        Arbitraries.integers().between(0, 16),
                        Arbitraries.of(Holder.class))
                .as((g, ms, lead, holder) -> new Mutated(g, ms, mutate(g.bytes(), ms), lead, holder));
    }

    /** A quarter arbitrary bytes, the rest '?' + a hostile text + arbitrary bytes (built from a seed). */
    @Provide
    Arbitrary<byte[]> signalContents() {
        return Combinators.combine(
                        Arbitraries.longs(),
                        Arbitraries.integers().between(0, 300),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.of(HOSTILE_TEXTS),
                        Arbitraries.integers().between(0, 3))
                .as((seed, n, style, text, kind) -> {
                    final byte[] rest = content(null, n, seed, style);
                    if (kind == 0) {
                        return rest;
                    }
                    final byte[] b = new byte[1 + text.length + rest.length];
                    b[0] = WireConstants.ERROR_SIGNAL;
                    System.arraycopy(text, 0, b, 1, text.length);
                    System.arraycopy(rest, 0, b, 1 + text.length, rest.length);
                    return b;
                });
    }

    @Provide
    Arbitrary<Integer> signalLengths() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(-400, 2)),
                Tuple.of(1, Arbitraries.of(Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE, -1000, 1000)));
    }

    // ================================================================ golden vectors

    /** A golden vector and the decoder it belongs to (null: an error signal). */
    record Golden(String name, byte[] bytes, Codec codec) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Golden> GOLDEN = loadGolden();

    private static List<Golden> loadGolden() {
        final URL dir = HostileBytesProperties.class.getResource("/golden/");
        if (dir == null) {
            throw new IllegalStateException("no /golden/ directory on the test classpath");
        }
        final List<String> names;
        try (Stream<Path> files = Files.list(Paths.get(dir.toURI()))) {
            names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".hex"))
                    .sorted()
                    .toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        final List<Golden> out = new ArrayList<>();
        for (final String n : names) {
            out.add(new Golden(n, GoldenHex.load(n), codecOf(n)));
        }
        return List.copyOf(out);
    }

    private static Codec codecOf(final String name) {
        if (name.startsWith("req-")) {
            return REQ;
        } else if (name.startsWith("stat-")) {
            return STAT;
        } else if (name.startsWith("conf-")) {
            return CONF;
        } else if (name.startsWith("port-")) {
            return PORT;
        } else if (name.startsWith("sync-before-")) {
            return SYNC_BEFORE;
        } else if (name.startsWith("sync-after-")) {
            return SYNC_AFTER;
        } else if (name.startsWith("err-")) {
            return null;
        }
        throw new IllegalStateException("unknown golden vector kind: " + name);
    }

    static byte[] golden(final String name) {
        return GOLDEN.stream()
                .filter(g -> g.name().equals(name))
                .findFirst()
                .orElseThrow()
                .bytes()
                .clone();
    }

    // ================================================================ helpers

    static WireFormatException expectCorrupt(final Codec c, final byte[] b) {
        try {
            c.decoder().decode(ByteBuffer.wrap(b), 0, b.length);
        } catch (final WireFormatException e) {
            assertOneLineNamingFieldAndOffset(e);
            return e;
        }
        throw new AssertionError(c + " accepted " + HexFormat.of().formatHex(b));
    }

    /** Little-endian unsigned value of {@code n} bytes at {@code at} (n = 8: the raw 64-bit pattern). */
    static long le(final byte[] b, final int at, final int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }

    static void putLe(final byte[] b, final int at, final int n, final long v) {
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static int nul(final byte[] b, final int at, final int len) {
        for (int i = 0; i < len; i++) {
            if (b[at + i] == 0) {
                return i;
            }
        }
        return -1;
    }

    static byte[] filled(final int n, final byte v) {
        final byte[] b = new byte[n];
        Arrays.fill(b, v);
        return b;
    }

    static byte[] hex(final String s) {
        return HexFormat.of().parseHex(s);
    }
}
