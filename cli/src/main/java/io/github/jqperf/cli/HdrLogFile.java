package io.github.jqperf.cli;

import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.result.LatencyDistribution;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * {@code --hdr-log FILE} (docs/latency.md): each latency test's histogram of one-way latencies in nanoseconds, in
 * HdrHistogram's log format ({@link HistogramLogWriter}: one header, then one interval line per test, tagged with
 * the test's name, spanning its run). The first test of a command line that names a file starts it afresh (header,
 * start and base time = that test's start); later tests append their line, timed from the same base, so that one
 * file is one log (HdrHistogram's {@code HistogramLogReader} and {@code HistogramLogProcessor} read it; a second
 * header in the same file makes {@code HistogramLogProcessor} fail).
 */
final class HdrLogFile {
    /** The base time (ms since the epoch) of each file this command line started. */
    private final Map<String, Long> baseTimes = new HashMap<>();

    /**
     * Writes {@code d}'s histogram to {@code path}.
     *
     * @throws QperfException when the file cannot be written (one line: what, where)
     */
    void write(final String path, final String testName, final LatencyDistribution d) {
        final Histogram h = d.histogram().copy();
        h.setTag(testName);
        final Long base = baseTimes.get(path);
        try (PrintStream ps = new PrintStream(new FileOutputStream(path, base != null), false, "US-ASCII")) {
            final HistogramLogWriter w = new HistogramLogWriter(ps);
            if (base == null) {
                final long start = h.getStartTimeStamp();
                w.outputComment("jqperf: one-way latency (half of each round trip) in nanoseconds, one line per test");
                w.outputLogFormatVersion();
                w.outputStartTime(start);
                w.setBaseTime(start);
                w.outputBaseTime(start);
                w.outputLegend();
                baseTimes.put(path, start);
            } else {
                w.setBaseTime(base);
            }
            w.outputIntervalHistogram(h);
            if (ps.checkError()) {
                throw new QperfException("--hdr-log " + path + ": cannot write the file");
            }
        } catch (FileNotFoundException | java.io.UnsupportedEncodingException e) {
            throw new QperfException("--hdr-log " + path + ": cannot open the file for writing (" + e.getMessage()
                    + "); name a writable file");
        }
    }
}
