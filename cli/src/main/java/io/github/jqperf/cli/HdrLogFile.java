package io.github.jqperf.cli;

import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.result.LatencyDistribution;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * {@code --hdr-log FILE} (docs/latency.md): each latency test's histogram of one-way latencies in nanoseconds, in
 * HdrHistogram's log format ({@link HistogramLogWriter}: a header, then one interval line per test, tagged with the
 * test's name, spanning the run). The first test of a command line that names a file starts it afresh; later
 * tests naming the same file add their own header and line (HdrHistogram's log reader and
 * {@code HistogramLogProcessor} read such a file).
 */
final class HdrLogFile {
    private final Set<String> started = new HashSet<>();

    /**
     * Writes {@code d}'s histogram to {@code path}.
     *
     * @throws QperfException when the file cannot be written (one line: what, where)
     */
    void write(final String path, final String testName, final LatencyDistribution d) {
        final boolean append = !started.add(path);
        try (PrintStream ps = new PrintStream(new FileOutputStream(path, append), false, "US-ASCII")) {
            final HistogramLogWriter w = new HistogramLogWriter(ps);
            final Histogram h = d.histogram().copy();
            h.setTag(testName);
            final long start = h.getStartTimeStamp();
            w.outputComment("jqperf " + testName + ": one-way latency (half of each round trip) in nanoseconds");
            w.outputLogFormatVersion();
            w.setBaseTime(start);
            w.outputStartTime(start);
            w.outputLegend();
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
