package io.github.jqperf.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Number and unit formatting of docs/protocol.md §8.2 / §8.3. */
class QperfNumbersTest {
    private static final OutputOptions O = OutputOptions.DEFAULT;
    private static final OutputOptions UU = OutputOptions.DEFAULT.withUnifyUnits(true);

    private static String shown(final ValueText v) {
        return v.data() + " " + v.unit() + (v.fullCount() != null ? " (" + v.fullCount() + ")" : "");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0.125 | 2 | 0.12",
                "0.375 | 2 | 0.38",
                "0.15  | 1 | 0.1",
                "2.5   | 0 | 2",
                "3.5   | 0 | 4",
                "0.5   | 0 | 0",
                "1234.5| 0 | 1234",
                "1235.5| 0 | 1236",
                "1.005 | 2 | 1.00",
            })
    void fixedRoundsLikeGlibc(final double value, final int decimals, final String expected) {
        assertThat(QperfNumbers.fixed(value, decimals)).isEqualTo(expected);
    }

    @Test
    void fixedSpecialValues() {
        assertThat(QperfNumbers.fixed(-0.0, 0)).isEqualTo("-0");
        assertThat(QperfNumbers.fixed(-0.001, 0)).isEqualTo("-0");
        assertThat(QperfNumbers.fixed(Double.POSITIVE_INFINITY, 2)).isEqualTo("inf");
        assertThat(QperfNumbers.fixed(Double.NaN, 2)).isEqualTo("nan");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1234.6   | 3 | 1,235",
                "1234.5   | 3 | 1,234",
                "1235.5   | 3 | 1,236",
                "0.01234  | 3 | 0.01",
                "0.125    | 3 | 0.12",
                "14.0     | 3 | 14",
                "5.5      | 3 | 5.5",
                "0.5      | 3 | 0.5",
                "999.7    | 3 | 1,000",
                "9.996    | 3 | 10",
                "99.96    | 3 | 100",
                "1234567  | 3 | 1,234,567",
                "20000    | 3 | 20,000",
                "1.234567 | 5 | 1.2346",
                "5.554691 | 6 | 5.55469",
                "12.00005 | 0 | 12",
                "0        | 3 | 0",
                "2.0      | 3 | 2",
            })
    void placeVal(final double value, final int precision, final String expected) {
        assertThat(QperfNumbers.placeVal(value, O.withPrecision(precision))).isEqualTo(expected);
    }

    @Test
    void placeValWithoutCommasUnderUnifyUnits() {
        assertThat(QperfNumbers.placeVal(1_234_567, UU)).isEqualTo("1234567");
        assertThat(QperfNumbers.placeVal(1234.5, UU)).isEqualTo("1234");
    }

    @Test
    void commify() {
        assertThat(QperfNumbers.commify("1234567")).isEqualTo("1,234,567");
        assertThat(QperfNumbers.commify("123456")).isEqualTo("123,456");
        assertThat(QperfNumbers.commify("123")).isEqualTo("123");
        assertThat(QperfNumbers.commify("1234.5678")).isEqualTo("1,234.5678");
        assertThat(QperfNumbers.commify("-1234")).isEqualTo("-1,234");
        assertThat(QperfNumbers.commify("inf")).isEqualTo("inf");
        assertThat(QperfNumbers.commify("")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1                | 1 bytes",
                "999              | 999 bytes",
                "1000             | 1 KB",
                "1023             | 1.02 KB",
                "1024             | 1 KiB (1,024)",
                "1500             | 1.5 KB",
                "2048             | 2 KiB (2,048)",
                "3072             | 3 KiB (3,072)",
                "65536            | 64 KiB (65,536)",
                "100000           | 100 KB",
                "262144           | 256 KiB (262,144)",
                "1048576          | 1 MiB (1,048,576)",
                "1049600          | 1.05 MB",
                "1073741824       | 1 GiB (1,073,741,824)",
                "1099511627776    | 1 TiB (1,099,511,627,776)",
                "1125899906842624 | 1,024 TiB (1,125,899,906,842,624)",
                "1234567890       | 1.23 GB",
                "851308544        | 851 MB",
                "17652            | 17.7 KB",
            })
    void size(final long bytes, final String expected) {
        assertThat(shown(QperfNumbers.size(bytes, O))).isEqualTo(expected);
    }

    @Test
    void sizeUnifyUnits() {
        assertThat(shown(QperfNumbers.size(1024, UU))).isEqualTo("1024 bytes");
        assertThat(shown(QperfNumbers.size(1_234_567_890L, UU))).isEqualTo("1234567890 bytes");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "5              | '5 '",
                "20000          | '20,000 '",
                "999999         | '999,999 '",
                "1000000        | 1 million",
                "1234567        | 1.23 million",
                "1500000000     | 1.5 billion",
                "999999999999   | 1,000 billion",
                "1000000000000  | 1 trillion",
                "1000000000000000 | 1,000 trillion",
            })
    void count(final long value, final String expected) {
        assertThat(shown(QperfNumbers.count(value, O))).isEqualTo(expected);
    }

    @Test
    void countUnifyUnits() {
        assertThat(shown(QperfNumbers.count(1_234_567, UU))).isEqualTo("1234567 ");
        assertThat(shown(QperfNumbers.count(20_000, UU))).isEqualTo("20000 ");
    }

    @Test
    void times() {
        assertThat(shown(QperfNumbers.time(1, O))).isEqualTo("1 sec");
        assertThat(shown(QperfNumbers.time(3600, O))).isEqualTo("3,600 sec");
        assertThat(shown(QperfNumbers.time(1.0 / 43_539, O))).isEqualTo("23 us");
        assertThat(shown(QperfNumbers.time(1.0 / 1_252_219, O))).isEqualTo("799 ns");
        assertThat(shown(QperfNumbers.time(0.48f, O))).isEqualTo("480 ms");
        assertThat(shown(QperfNumbers.time(1, UU))).isEqualTo("1000000000 ns");
        assertThat(shown(QperfNumbers.time(5, UU))).isEqualTo("5000000000 ns");
        assertThat(shown(QperfNumbers.time(114f / 100f, UU))).isEqualTo("1139999986 ns");
        assertThat(shown(QperfNumbers.time(53f / 100f, UU))).isEqualTo("529999971 ns");
        assertThat(shown(QperfNumbers.time(114f / 100f, O))).isEqualTo("1.14 sec");
    }

    @Test
    void ratesBandwidthsCostsCpus() {
        assertThat(shown(QperfNumbers.rate(1_234_567, O))).isEqualTo("1.23 M/sec");
        assertThat(shown(QperfNumbers.rate(831_356, O))).isEqualTo("831 K/sec");
        assertThat(shown(QperfNumbers.rate(999, O))).isEqualTo("999 /sec");
        assertThat(shown(QperfNumbers.rate(2e15, O))).isEqualTo("2,000 T/sec");
        assertThat(shown(QperfNumbers.rate(60_759, UU))).isEqualTo("60759 /sec");
        assertThat(shown(QperfNumbers.band(999.7e6, O))).isEqualTo("1,000 MB/sec");
        assertThat(shown(QperfNumbers.band(14e9, O))).isEqualTo("14 GB/sec");
        assertThat(shown(QperfNumbers.band(6.0004e9, O))).isEqualTo("6 GB/sec");
        assertThat(shown(QperfNumbers.band(512, O))).isEqualTo("512 bytes/sec");
        assertThat(shown(QperfNumbers.band(1_234_567_890 / 2.0, O.withBitsPerSec(true))))
                .isEqualTo("4.94 Gb/sec");
        assertThat(shown(QperfNumbers.band(100, O.withBitsPerSec(true)))).isEqualTo("800 bits/sec");
        assertThat(shown(QperfNumbers.cost(2.01f * 1e9 / 851_308_544, O))).isEqualTo("2.36 sec/GB");
        assertThat(shown(QperfNumbers.cost(0.67, O))).isEqualTo("670 ms/GB");
        assertThat(shown(QperfNumbers.cost(1e-15, O))).isEqualTo("0 ns/GB");
        assertThat(shown(QperfNumbers.cpus(0.055, O))).isEqualTo("5.5 % cpus");
        assertThat(shown(QperfNumbers.cpus(0.005, O))).isEqualTo("0.5 % cpus");
        assertThat(shown(QperfNumbers.cpus(2.01, O))).isEqualTo("201 % cpus");
        assertThat(shown(QperfNumbers.cpus(12.5, UU))).isEqualTo("1250 % cpus");
    }
}
