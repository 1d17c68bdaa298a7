package io.github.jqperf.engine.wire;

import io.github.jqperf.engine.result.ScopeUsage;
import io.github.jqperf.engine.result.UsageReport;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * jqperf's usage extension (docs/protocol.md §13): messages a jqperf client and a jqperf server exchange on the
 * control connection <em>after</em> qperf's exchange has ended (the "synchronization after test"), which a stock
 * qperf peer never sees: a stock client closes the connection at once, a stock server has closed it already.
 *
 * <p>Every message is a 12-byte header, big-endian: the magic {@code "JQPX"} (4A 51 50 58; no qperf message follows
 * the after-sync, and the magic starts with neither {@code ?}, the error signal, nor 0, a REQ's first byte), a u16
 * version ({@link #VERSION}), a u16 kind ({@link #KIND_USAGE_REQUEST}, {@link #KIND_USAGE_REPORT},
 * {@link #KIND_UNSUPPORTED}), a u32 body length, then the body. Lengths are bounded ({@link #MAX_REQUEST_BODY},
 * {@link #MAX_REPORT_BODY}) so that no length field sizes an allocation beyond them.
 *
 * <p>Report body (version 1): u8 scope count (at most {@link #MAX_SCOPES}); per scope a u8 name length (1..16) and the
 * name (lower-case ASCII letters), then 13 fields of 8 bytes: f64 elapsed, cpu, user, system seconds, f64 CPUs used,
 * f64 sec/GB, i64 nr_periods, i64 nr_throttled, f64 throttled seconds, f64 CPU limit (CPUs), i64 memory current,
 * peak and limit bytes; then a u8 note count (at most {@link #MAX_NOTES}) and per note a u16 length (at most
 * {@link #MAX_NOTE_BYTES}) and UTF-8 text. Doubles are IEEE 754 bits; NaN = absent; only the CPU limit may be
 * +Infinity (unlimited); counts and bytes are &ge; -1 (-1 = absent). The body must be consumed exactly.
 */
public final class UsageExtensionCodec {
    /** {@code "JQPX"}. */
    public static final int MAGIC = 0x4A515058;
    /** The version this codec writes and reads. */
    public static final int VERSION = 1;
    /** Client to server: send me your run's usage report. Body: empty in version 1 (a longer one is skipped). */
    public static final int KIND_USAGE_REQUEST = 1;
    /** Server to client: the report. */
    public static final int KIND_USAGE_REPORT = 0x8001;
    /** Server to client: the request's version or kind is not one this server knows; empty body. */
    public static final int KIND_UNSUPPORTED = 0x80FF;
    /** Header bytes. */
    public static final int HEADER_LENGTH = 12;
    /** Largest request body read (skipped in version 1). */
    public static final int MAX_REQUEST_BODY = 1024;
    /** Largest report body. */
    public static final int MAX_REPORT_BODY = 16 * 1024;
    /** Largest scope count. */
    public static final int MAX_SCOPES = 8;
    /** Largest note count. */
    public static final int MAX_NOTES = 16;
    /** Largest note in UTF-8 bytes (longer notes are cut when encoding). */
    public static final int MAX_NOTE_BYTES = 512;

    private static final int MAX_NAME = 16;
    private static final int FIELDS = 13;

    private UsageExtensionCodec() {}

    /**
     * A decoded header.
     *
     * @param version    the sender's version
     * @param kind       the message kind
     * @param bodyLength the body's length in bytes
     */
    public record Header(int version, int kind, long bodyLength) {}

    /** The usage request (header only). */
    public static byte[] request() {
        return header(KIND_USAGE_REQUEST, 0).array();
    }

    /** The answer to a request this server cannot serve (header only). */
    public static byte[] unsupported() {
        return header(KIND_UNSUPPORTED, 0).array();
    }

    private static ByteBuffer header(final int kind, final int bodyLength) {
        final ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH + bodyLength);
        b.putInt(MAGIC).putShort((short) VERSION).putShort((short) kind).putInt(bodyLength);
        return b;
    }

    /**
     * Decodes a header.
     *
     * @param h {@link #HEADER_LENGTH} bytes
     * @throws WireFormatException when the magic is not {@code "JQPX"}
     */
    public static Header decodeHeader(final byte[] h) {
        if (h.length != HEADER_LENGTH) {
            throw new WireFormatException("extension header must be " + HEADER_LENGTH + " bytes", "header", 0);
        }
        final ByteBuffer b = ByteBuffer.wrap(h);
        final int magic = b.getInt();
        if (magic != MAGIC) {
            throw new WireFormatException(
                    String.format("not a jqperf extension message (magic %08x)", magic), "magic", 0);
        }
        return new Header(
                Short.toUnsignedInt(b.getShort()),
                Short.toUnsignedInt(b.getShort()),
                Integer.toUnsignedLong(b.getInt()));
    }

    /**
     * The report message (header and body). Scopes beyond {@link #MAX_SCOPES} and notes beyond {@link #MAX_NOTES} are
     * left out; notes longer than {@link #MAX_NOTE_BYTES} are cut.
     *
     * @throws IllegalArgumentException when a scope name is not 1..16 lower-case ASCII letters
     */
    public static byte[] encodeReport(final UsageReport r) {
        final List<ScopeUsage> scopes =
                r.scopes().subList(0, Math.min(MAX_SCOPES, r.scopes().size()));
        final List<byte[]> notes = new ArrayList<>();
        for (final String n : r.notes()) {
            if (notes.size() == MAX_NOTES) {
                break;
            }
            notes.add(cut(n.getBytes(StandardCharsets.UTF_8)));
        }
        int len = 2;
        for (final ScopeUsage s : scopes) {
            checkName(s.scope());
            len += 1 + s.scope().length() + FIELDS * 8;
        }
        for (final byte[] n : notes) {
            len += 2 + n.length;
        }
        final ByteBuffer b = header(KIND_USAGE_REPORT, len);
        b.put((byte) scopes.size());
        for (final ScopeUsage s : scopes) {
            b.put((byte) s.scope().length()).put(s.scope().getBytes(StandardCharsets.US_ASCII));
            b.putDouble(s.elapsedSeconds())
                    .putDouble(s.cpuSeconds())
                    .putDouble(s.userSeconds())
                    .putDouble(s.systemSeconds())
                    .putDouble(s.cpusUsed())
                    .putDouble(s.secPerGB())
                    .putLong(s.nrPeriods())
                    .putLong(s.nrThrottled())
                    .putDouble(s.throttledSeconds())
                    .putDouble(s.cpuLimitCpus())
                    .putLong(s.memoryCurrentBytes())
                    .putLong(s.memoryPeakBytes())
                    .putLong(s.memoryLimitBytes());
        }
        b.put((byte) notes.size());
        for (final byte[] n : notes) {
            b.putShort((short) n.length).put(n);
        }
        return b.array();
    }

    /** A note cut to at most {@link #MAX_NOTE_BYTES} on a UTF-8 character boundary. */
    private static byte[] cut(final byte[] utf8) {
        if (utf8.length <= MAX_NOTE_BYTES) {
            return utf8;
        }
        int end = MAX_NOTE_BYTES;
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
            end--;
        }
        return java.util.Arrays.copyOf(utf8, end);
    }

    private static void checkName(final String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException("scope name must be 1..16 lower-case letters: " + name);
        }
    }

    private static boolean validName(final String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < 'a' || name.charAt(i) > 'z') {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes a version-1 report body.
     *
     * @param body exactly the body's bytes
     * @return the report
     * @throws WireFormatException when the body is not a valid report (named field, byte offset in the body)
     */
    public static UsageReport decodeReport(final byte[] body) {
        if (body.length > MAX_REPORT_BODY) {
            throw new WireFormatException("report body longer than " + MAX_REPORT_BODY + " bytes", "length", 0);
        }
        final ByteBuffer b = ByteBuffer.wrap(body);
        need(b, 1, "scope_count");
        final int count = Byte.toUnsignedInt(b.get());
        if (count > MAX_SCOPES) {
            throw new WireFormatException("too many scopes: " + count, "scope_count", 0);
        }
        final List<ScopeUsage> scopes = new ArrayList<>(count);
        final List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final int at = b.position();
            need(b, 1, "scope_name");
            final int n = Byte.toUnsignedInt(b.get());
            if (n < 1 || n > MAX_NAME) {
                throw new WireFormatException("scope name length " + n + " is not 1..16", "scope_name", at);
            }
            need(b, n + FIELDS * 8, "scope");
            final byte[] nb = new byte[n];
            b.get(nb);
            final String name = new String(nb, StandardCharsets.US_ASCII);
            if (!validName(name) || names.contains(name)) {
                throw new WireFormatException("bad or repeated scope name", "scope_name", at);
            }
            names.add(name);
            final int f = b.position();
            scopes.add(new ScopeUsage(
                    name,
                    figure(b, "elapsed", f, false),
                    figure(b, "cpu", f + 8, false),
                    figure(b, "user", f + 16, false),
                    figure(b, "system", f + 24, false),
                    figure(b, "cpus_used", f + 32, false),
                    figure(b, "sec_per_gb", f + 40, false),
                    count(b, "nr_periods", f + 48),
                    count(b, "nr_throttled", f + 56),
                    figure(b, "throttled", f + 64, false),
                    figure(b, "cpu_limit", f + 72, true),
                    count(b, "memory_current", f + 80),
                    count(b, "memory_peak", f + 88),
                    count(b, "memory_limit", f + 96)));
        }
        need(b, 1, "note_count");
        final int noteAt = b.position();
        final int notes = Byte.toUnsignedInt(b.get());
        if (notes > MAX_NOTES) {
            throw new WireFormatException("too many notes: " + notes, "note_count", noteAt);
        }
        final List<String> texts = new ArrayList<>(notes);
        for (int i = 0; i < notes; i++) {
            final int at = b.position();
            need(b, 2, "note");
            final int n = Short.toUnsignedInt(b.getShort());
            if (n > MAX_NOTE_BYTES) {
                throw new WireFormatException("note longer than " + MAX_NOTE_BYTES + " bytes", "note", at);
            }
            need(b, n, "note");
            final byte[] tb = new byte[n];
            b.get(tb);
            texts.add(utf8(tb, at));
        }
        if (b.hasRemaining()) {
            throw new WireFormatException(b.remaining() + " bytes after the report", "body", b.position());
        }
        return new UsageReport(scopes, texts);
    }

    private static String utf8(final byte[] tb, final int at) {
        try {
            final String s = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(tb))
                    .toString();
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) < 0x20 || s.charAt(i) == 0x7f) {
                    throw new WireFormatException("note holds a control character", "note", at);
                }
            }
            return s;
        } catch (CharacterCodingException e) {
            throw new WireFormatException("note is not UTF-8", "note", at);
        }
    }

    private static void need(final ByteBuffer b, final int n, final String field) {
        if (b.remaining() < n) {
            throw new WireFormatException("report body ends inside " + field, field, b.position());
        }
    }

    private static double figure(final ByteBuffer b, final String field, final int at, final boolean infinityOk) {
        final double v = b.getDouble();
        if (Double.isNaN(v)) {
            return Double.NaN; // one canonical NaN
        }
        if (v < 0 || (Double.isInfinite(v) && !infinityOk)) {
            throw new WireFormatException(field + " must be >= 0, finite or NaN: " + v, field, at);
        }
        return v;
    }

    private static long count(final ByteBuffer b, final String field, final int at) {
        final long v = b.getLong();
        if (v < -1) {
            throw new WireFormatException(field + " must be >= -1: " + v, field, at);
        }
        return v;
    }
}
