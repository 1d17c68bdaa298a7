package io.github.jqperf.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jqperf.engine.error.InvalidSpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link PacingRate#parseBitsPerSec}: decimal K/M/G suffixes as iperf's {@code -b}, junk rejected in one line. */
class PacingRateTest {
    @ParameterizedTest(name = "{0} = {1} bit/s")
    @CsvSource({
        "500M,        500000000",
        "500m,        500000000",
        "1.5G,        1500000000",
        "1.5g,        1500000000",
        "64k,         64000",
        "64K,         64000",
        "1,           1",
        "0.5K,        500",
        "0.000001M,   1",
        "2.5,         3",
        "1.4,         1",
        "1000G,       1000000000000",
        "007M,        7000000",
        "10000000,    10000000",
        "123.456789K, 123457",
    })
    void shouldParseDecimalRatesWithOptionalSuffixes(final String text, final long bitsPerSec) {
        assertThat(PacingRate.parseBitsPerSec(text)).isEqualTo(bitsPerSec);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "",
                " ",
                "0",
                "0.4",
                "0K",
                "-1",
                "-5M",
                "+5M",
                " 5M",
                "5M ",
                "5 M",
                "5MB",
                "5Mbit",
                "5Mb/s",
                "1e9",
                "1E6",
                ".5M",
                "5.M",
                "5..1M",
                "1.2.3",
                "1001G",
                "1T",
                "5MM",
                "M",
                "K5",
                "0x10",
                "NaN",
                "Infinity",
                "\u0661\u0662\u0663",
                "5\u0000M",
                "5\nM",
                "99999999999999999999999999999999999",
                "1,000"
            })
    void shouldRejectJunkWithAOneLineMessageNamingTheOptionAndAnExample(final String text) {
        assertThatThrownBy(() -> PacingRate.parseBitsPerSec(text))
                .isInstanceOf(InvalidSpecException.class)
                .message()
                .startsWith("--rate: invalid rate \"")
                .contains("e.g. --rate 500M")
                .doesNotContain("\n")
                .doesNotContain("\u0000");
    }

    @org.junit.jupiter.api.Test
    void shouldSayWhatIsWrongWithAnOutOfRangeValue() {
        assertThatThrownBy(() -> PacingRate.parseBitsPerSec("0"))
                .hasMessage("--rate: invalid rate \"0\": must be at "
                        + "least 1 bit/s; expected bits per second with an optional K, M or G suffix (decimal), e.g. --rate "
                        + "500M for 500,000,000 bit/s");
        assertThatThrownBy(() -> PacingRate.parseBitsPerSec("2000G")).message().contains("must be at most 1000G");
        assertThatThrownBy(() -> PacingRate.parseBitsPerSec(null)).isInstanceOf(InvalidSpecException.class);
    }
}
