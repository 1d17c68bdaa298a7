package io.github.jqperf.scenarios.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parser on real outputs (src/test/resources/outputs: qperf 0.4.11 and jqperf over loopback, -t 1 -v). */
class QperfOutputParserTest {

    static String resource(final String name) throws IOException {
        try (InputStream in = QperfOutputParserTest.class.getResourceAsStream("/outputs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"qperf-standard.txt", "jqperf-client-standard.txt"})
    void standardRunGivesFiveBlocksWithEveryLine(final String file) throws IOException {
        final List<TestBlock> blocks = QperfOutputParser.parse(resource(file));
        assertThat(blocks)
                .extracting(TestBlock::test)
                .containsExactly("tcp_bw", "udp_bw", "tcp_lat", "udp_lat", "conf");
        final TestBlock tcpBw = blocks.get(0);
        assertThat(tcpBw.metrics())
                .extracting(Metric::name)
                .containsExactly(
                        "bw", "msg_rate", "time", "send_cost", "recv_cost", "send_cpus_used", "recv_cpus_used");
        assertThat(tcpBw.metric("bw").orElseThrow().baseUnit()).isEqualTo("B/s");
        assertThat(tcpBw.base("time")).hasValue(1.0);
        assertThat(blocks.get(1).base("recv_bw")).isPresent();
        assertThat(blocks.get(2).metric("latency").orElseThrow().baseUnit()).isEqualTo("s");
        assertThat(blocks.get(2).base("latency").getAsDouble()).isBetween(1e-7, 1.0);
        assertThat(blocks.get(3).metric("loc_cpus_used").orElseThrow().baseUnit())
                .isEqualTo("CPUs");
        final TestBlock conf = blocks.get(4);
        assertThat(conf.metrics()).allMatch(m -> !m.numeric());
        assertThat(conf.metric("loc_qperf").orElseThrow().text()).isEqualTo("0.4.11");
        assertThat(conf.metric("rem_qperf").orElseThrow().text()).isEqualTo("0.4.11");
    }

    @Test
    void realQperfStandardValues() throws IOException {
        final List<TestBlock> b = QperfOutputParser.parse(resource("qperf-standard.txt"));
        final Metric bw = b.get(0).metric("bw").orElseThrow();
        // The value as printed and in bytes/s (qperf's GB is 10^9 bytes).
        assertThat(bw.base()).isCloseTo(bw.value() * scale(bw.unit()), within(1e-3));
        final Metric cost = b.get(0).metric("send_cost").orElseThrow();
        assertThat(cost.baseUnit()).isEqualTo("s/GB");
        assertThat(b.get(0).metric("send_cpus_used").orElseThrow().base())
                .isCloseTo(b.get(0).metric("send_cpus_used").orElseThrow().value() / 100, within(1e-9));
    }

    private static double scale(final String unit) {
        return switch (unit) {
            case "GB/sec" -> 1e9;
            case "MB/sec" -> 1e6;
            case "KB/sec" -> 1e3;
            default -> 1;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"qperf-sweep.txt", "jqperf-client-sweep.txt"})
    void sweepGivesOneBlockPerMessageSize(final String file) throws IOException {
        final List<TestBlock> blocks = QperfOutputParser.parse(resource(file));
        assertThat(blocks).hasSize(12);
        assertThat(blocks.subList(0, 6)).extracting(TestBlock::test).containsOnly("tcp_bw");
        assertThat(blocks.subList(6, 12)).extracting(TestBlock::test).containsOnly("tcp_lat");
        assertThat(blocks.subList(0, 6))
                .map(b -> b.base("msg_size").getAsDouble())
                .containsExactly(64.0, 256.0, 1024.0, 4096.0, 16384.0, 65536.0);
        assertThat(blocks.get(2).metric("msg_size").orElseThrow().text()).isEqualTo("1 KiB (1,024)");
    }

    @Test
    void unitsAndTextValues() {
        assertThat(QperfOutputParser.metric("bw", "2.36 GB/sec", false).base()).isCloseTo(2.36e9, within(1.0));
        assertThat(QperfOutputParser.metric("bw", "8 Gb/sec", false).base()).isCloseTo(1e9, within(1.0));
        assertThat(QperfOutputParser.metric("latency", "547 us", false).base()).isCloseTo(547e-6, within(1e-12));
        assertThat(QperfOutputParser.metric("latency", "1 sec", false).base()).isEqualTo(1.0);
        assertThat(QperfOutputParser.metric("send_cost", "392 ms/GB", false).base())
                .isCloseTo(0.392, within(1e-12));
        assertThat(QperfOutputParser.metric("msg_rate", "494 /sec", false).base())
                .isEqualTo(494.0);
        assertThat(QperfOutputParser.metric("msg_rate", "2.02 M/sec", false).base())
                .isCloseTo(2.02e6, within(1e-3));
        assertThat(QperfOutputParser.metric("x", "12 thousand", false).base()).isEqualTo(12000.0);
        assertThat(QperfOutputParser.metric("loc_cpu", "2 Cores: Intel Xeon @ 2.60GHz", false)
                        .numeric())
                .isFalse();
        assertThat(QperfOutputParser.metric("loc_qperf", "0.4.11", true).numeric())
                .isFalse();
        assertThat(QperfOutputParser.metric("loc_node", "vm", false).numeric()).isFalse();
    }

    @Test
    void otherLinesAreSkipped() {
        final List<TestBlock> blocks = QperfOutputParser.parse(
                "qperf: warning\ntcp_lat:\n    latency  =  10 us\nfailed to connect\nudp_lat:\n");
        assertThat(blocks).extracting(TestBlock::test).containsExactly("tcp_lat", "udp_lat");
        assertThat(blocks.get(0).metrics()).hasSize(1);
        assertThat(blocks.get(1).metrics()).isEmpty();
        assertThat(QperfOutputParser.parse("")).isEmpty();
    }
}
