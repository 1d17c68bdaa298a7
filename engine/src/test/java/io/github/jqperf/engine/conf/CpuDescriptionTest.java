package io.github.jqperf.engine.conf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CPU string of conf against the results observed with qperf 0.4.11 on synthetic /proc/cpuinfo (docs/protocol.md §4.3). */
class CpuDescriptionTest {
    private static String cpuinfo(final String model, final int count, final String mhz, final String secondMhz) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append("processor\t: ").append(i).append('\n');
            if (model != null) {
                sb.append("model name\t: ").append(model).append('\n');
            }
            if (mhz != null) {
                sb.append("cpu MHz\t\t: ")
                        .append(i == 1 && secondMhz != null ? secondMhz : mhz)
                        .append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Intel(R) Xeon(R) CPU E3-1271 v3 @ 3.60GHz|4|3600.000||4 Cores: Intel Xeon E3-1271 v3 @ 3.60GHz",
                "Intel(R) Xeon(R) Processor|2|2599.998||2 Cores: Intel Xeon Processor 2.6GHz",
                "AMD EPYC 7B12 64-Core Processor|2|2249.998||2 Cores: AMD EPYC 7B12 64-Core Processor 2.2GHz",
                "AMD EPYC 7B12 64-Core Processor|2|2249.998|1500.000|2 Cores: Mixed CPUs",
                "Intel(R) Core(TM) i7 CPU         920  @ 2.67GHz|1|2667.000||Intel Core i7  920 @ 2.67GHz",
                "Intel(R) Pentium(R) M processor 1.60GHz|2|800.000||2 Cores: Intel Pentium M 1.60GHz",
                "Intel(R) Core(TM) M Processor 5Y70|2|999.999||2 Cores: Intel Core M 5Y70 999MHz",
                "QEMU Virtual CPU version 2.5+|2|2399.998||2 Cores: QEMU Virtual version 2.5+ 2.4GHz",
            })
    void shouldDeriveQperfsCpuString(
            final String model, final int count, final String mhz, final String second, final String expected) {
        assertThat(CpuDescription.of(cpuinfo(model, count, mhz, second))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"''", "'processor : 0\nBogoMIPS : 48.00\n'"})
    void shouldGiveEmptyWithoutModelName(final String text) {
        assertThat(CpuDescription.of(text)).isEmpty();
    }
}
