package io.github.jqperf.engine.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Loads the golden byte fixtures under {@code src/test/resources/golden/}.
 *
 * <p>Format: lines starting with {@code #} are comments (the header says which capture and which command produced
 * the bytes); every other non-blank line is {@code OOOO: hh hh ...} — a hexadecimal offset, a colon and up to 16
 * space-separated hex bytes. The offset must equal the number of bytes read so far, so a dropped or duplicated line
 * is caught when the fixture is loaded, not when a test mysteriously fails.
 */
final class GoldenHex {
    private static final String DIR = "/golden/";

    private GoldenHex() {}

    /** The bytes of fixture {@code name} (file name inside {@code golden/}). */
    static byte[] load(final String name) {
        final List<String> lines = lines(name);
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int lineNo = 0;
        for (final String raw : lines) {
            lineNo++;
            final String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            final int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalStateException(name + ":" + lineNo + ": missing 'offset:' prefix");
            }
            final int offset = Integer.parseInt(line.substring(0, colon).strip(), 16);
            if (offset != out.size()) {
                throw new IllegalStateException(
                        name + ":" + lineNo + ": offset " + offset + " but " + out.size() + " bytes read so far");
            }
            final String hex = line.substring(colon + 1).strip();
            if (!hex.isEmpty()) {
                for (final String pair : hex.split("\\s+")) {
                    if (pair.length() != 2) {
                        throw new IllegalStateException(name + ":" + lineNo + ": bad byte '" + pair + "'");
                    }
                    out.write(HexFormat.fromHexDigits(pair));
                }
            }
        }
        return out.toByteArray();
    }

    /** The comment header of fixture {@code name}, without the leading {@code # }. */
    static List<String> header(final String name) {
        final List<String> out = new ArrayList<>();
        for (final String line : lines(name)) {
            if (line.startsWith("#")) {
                out.add(line.substring(1).strip());
            }
        }
        return out;
    }

    /** File name of a fixture: {@code <kind>-<command tag>-qperf-0.4.11.hex}. */
    static String name(final String kind, final String commandTag) {
        return kind + "-" + commandTag + "-qperf-0.4.11.hex";
    }

    private static List<String> lines(final String name) {
        try (InputStream in = GoldenHex.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + DIR + name + " on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .lines()
                    .toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
