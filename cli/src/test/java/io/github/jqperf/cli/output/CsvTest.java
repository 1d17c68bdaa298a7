package io.github.jqperf.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** RFC 4180 quoting, read back by an independent reader (Jackson's CSV module). */
class CsvTest {
    private static List<List<String>> parse(final String csv) throws IOException {
        final CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> it =
                mapper.readerForListOf(String.class).readValues(csv)) {
            return it.readAll();
        }
    }

    @Test
    void shouldQuoteOnlyWhatNeedsIt() {
        assertThat(Csv.record(List.of("a", "b c", "1.5E9"))).isEqualTo("a,b c,1.5E9\r\n");
        assertThat(Csv.record(List.of("x,y", "say \"hi\"", "two\nlines", "cr\r")))
                .isEqualTo("\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\"\r\n");
        assertThat(Csv.field("")).isEmpty();
    }

    @Property(tries = 300)
    void shouldReadBackWhatItWrote(
            @ForAll @Size(min = 1, max = 6) final List<@StringLength(min = 1, max = 12) String> fields)
            throws IOException {
        final List<List<String>> rows = parse(Csv.record(fields) + Csv.record(fields));
        assertThat(rows).containsExactly(fields, fields);
    }
}
