package io.github.jqperf.cli.output;

import java.util.List;

/** RFC 4180 records: fields joined by commas, quoted when they hold a comma, a quote, CR or LF; CRLF at the end. */
final class Csv {
    private Csv() {}

    /** One record, ending with CRLF. */
    static String record(final List<String> fields) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(fields.get(i)));
        }
        return sb.append("\r\n").toString();
    }

    /** One field, quoted (inner quotes doubled) when it needs to be. */
    static String field(final String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
