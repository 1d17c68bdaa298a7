package io.github.jqperf.engine.wire;

import java.nio.charset.StandardCharsets;

/** Fixed sizes and strings of qperf 0.4.11's control protocol (docs/protocol.md §2–§3). */
public final class WireConstants {
    /** Returned by decoders that count bytes when the input is incomplete. */
    public static final int NEED_MORE = -1;

    /** Our version, as sent in REQ and CONF. */
    public static final int VERSION_MAJOR = 0;
    /** Minor version: only major.minor are compared by a server. */
    public static final int VERSION_MINOR = 4;
    /** Incremental version, informational. */
    public static final int VERSION_INC = 11;
    /** "0.4.11". */
    public static final String VERSION_STRING = VERSION_MAJOR + "." + VERSION_MINOR + "." + VERSION_INC;

    /** REQ length: 6 bytes of version, then 194 bytes of request data. */
    public static final int REQUEST_LENGTH = 200;
    /** The version part of a REQ the server reads first. */
    public static final int REQUEST_VERSION_LENGTH = 6;
    /** STAT length on the wire (252 encoded + 4 bytes of C struct padding). */
    public static final int STAT_LENGTH = 256;
    /** Encoded part of a STAT. */
    public static final int STAT_ENCODED_LENGTH = 252;
    /** CONF length: four char[64]. */
    public static final int CONF_LENGTH = 256;
    /** Length of each CONF string field and of the REQ string fields. */
    public static final int STRING_FIELD_LENGTH = 64;
    /** PORT length: one u32. */
    public static final int PORT_LENGTH = 4;

    /** "synchronization before test" (27 bytes, no NUL). */
    public static final String SYNC_BEFORE_TEXT = "synchronization before test";
    /** "synchronization after test" (26 bytes, no NUL). */
    public static final String SYNC_AFTER_TEXT = "synchronization after test";

    /** The urgent (out-of-band) byte that announces a fatal error, followed by its text (docs/protocol.md §3.8). */
    public static final byte ERROR_SIGNAL = '?';

    /** Item names used in "failed to receive ITEM" messages (docs/protocol.md §2.3). */
    public static final String ITEM_REQUEST_VERSION = "request version";
    /** See {@link #ITEM_REQUEST_VERSION}. */
    public static final String ITEM_REQUEST_DATA = "request data";
    /** See {@link #ITEM_REQUEST_VERSION}. */
    public static final String ITEM_PORT = "port";
    /** See {@link #ITEM_REQUEST_VERSION}. */
    public static final String ITEM_SYNC_BEFORE = SYNC_BEFORE_TEXT;
    /** See {@link #ITEM_REQUEST_VERSION}. */
    public static final String ITEM_SYNC_AFTER = SYNC_AFTER_TEXT;
    /** See {@link #ITEM_REQUEST_VERSION}. */
    public static final String ITEM_RESULTS = "results";
    /** See {@link #ITEM_REQUEST_VERSION}. */
    public static final String ITEM_CONF = "configuration";

    private WireConstants() {}

    /** The bytes of a sync string. */
    public static byte[] syncBytes(final String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
