package io.github.jqperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.github.jqperf.cli.CliTest.Result;
import io.github.jqperf.cli.output.CsvReporter;
import io.github.jqperf.engine.QperfBinary;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --csv}: the real CLI in-process, its output read back with Jackson's RFC 4180 reader. */
@Timeout(120)
class CsvOutputTest {
    static List<List<String>> parse(final String csv) throws IOException {
        final CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> it =
                mapper.readerForListOf(String.class).readValues(csv)) {
            return it.readAll();
        }
    }

    @Test
    void shouldPrintAHeaderAndOneRowPerTest() throws IOException {
        final Result r = CliTest.run("--loopback", "--csv", "-t", "1", "tcp_bw", "udp_bw", "tcp_lat", "conf");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).endsWith("\r\n");
        final List<List<String>> rows = parse(r.out());
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).isEqualTo(CsvReporter.COLUMNS);
        for (final List<String> row : rows) {
            assertThat(row).hasSize(CsvReporter.COLUMNS.size());
        }
        final int kind = CsvReporter.COLUMNS.indexOf("kind");
        assertThat(rows.stream().skip(1).map(row -> row.get(kind)))
                .containsExactly("tcp_bw", "udp_bw", "tcp_lat", "conf");
        assertThat(Double.parseDouble(rows.get(1).get(CsvReporter.COLUMNS.indexOf("bw_bytes_per_s"))))
                .isPositive();
        assertThat(rows.get(1).get(CsvReporter.COLUMNS.indexOf("latency_s"))).isEmpty();
        assertThat(Double.parseDouble(rows.get(2).get(CsvReporter.COLUMNS.indexOf("loss_percent"))))
                .isBetween(0.0, 100.0);
        assertThat(Double.parseDouble(rows.get(3).get(CsvReporter.COLUMNS.indexOf("latency_s"))))
                .isPositive();
        // conf's figures: the os text holds a space, the header a dot: both survive the round trip
        assertThat(rows.get(4).get(CsvReporter.COLUMNS.indexOf("rem_os"))).startsWith("Linux ");
    }

    @Test
    void shouldGiveOneRowPerLoopIteration() throws IOException {
        final Result r = CliTest.run("--loopback", "--csv", "-t", "1", "-oo", "msg_size:1:2:*2", "tcp_lat");
        final List<List<String>> rows = parse(r.out());
        assertThat(rows).hasSize(3);
        final int it = CsvReporter.COLUMNS.indexOf("iteration");
        final int size = CsvReporter.COLUMNS.indexOf("msg_size_bytes");
        assertThat(rows.get(1).subList(it, it + 2)).containsExactly("1", "2");
        assertThat(rows.get(2).subList(it, it + 2)).containsExactly("2", "2");
        assertThat(rows.get(1).get(size)).isEqualTo("1");
        assertThat(rows.get(2).get(size)).isEqualTo("2");
    }

    @Test
    void shouldMakeAnErrorARowWithANonZeroExitCode() throws IOException {
        final String port = Integer.toString(QperfBinary.freePort());
        final Result r = CliTest.run("127.0.0.1", "-lp", port, "-ws", "0", "--csv", "tcp_bw");
        assertThat(r.exitCode()).isEqualTo(1);
        final List<List<String>> rows = parse(r.out());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get(CsvReporter.COLUMNS.indexOf("error_type"))).isEqualTo("connect");
        assertThat(rows.get(1).get(CsvReporter.COLUMNS.indexOf("error_message")))
                .isEqualTo("127.0.0.1: failed to connect");

        final Result usage = CliTest.run("--csv", "127.0.0.1", "-m", "1,5", "tcp_bw");
        assertThat(usage.exitCode()).isEqualTo(1);
        final List<List<String>> urows = parse(usage.out());
        assertThat(urows.get(1).get(CsvReporter.COLUMNS.indexOf("error_type"))).isEqualTo("usage");
        assertThat(urows.get(1).get(CsvReporter.COLUMNS.indexOf("error_message")))
                .isEqualTo("-m: bad size: 1,5");
    }
}
