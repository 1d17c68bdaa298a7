package io.github.jqperf.engine.session;

/**
 * The bytes the last receive call delivered, for {@code access_recv} (qperf's {@code touch_data}): the driver
 * implements it over its receive buffer; the session decides when every byte must be read.
 */
@FunctionalInterface
public interface ReceivedBytes {
    /** Reads the first {@code length} bytes the last receive call delivered and returns their sum. */
    long sum(int length);
}
