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

    /**
     * A jqperf client with {@code --cpu-scope all} against a stock qperf 0.4.11 server (loopback, {@code -t 1 -v}):
     * qperf's lines unchanged, then the client's scope lines, and {@code rem_usage} says why the server's are absent.
     */
    @Test
    void scopeLinesAgainstAStockServer() throws IOException {
        final List<TestBlock> b = QperfOutputParser.parse(resource("jqperf-client-scopes-stock-server.txt"));
        assertThat(b).extracting(TestBlock::test).containsExactly("tcp_bw", "udp_bw", "tcp_lat", "udp_lat", "conf");
        final TestBlock tcpBw = b.get(0);
        // qperf's own lines come first, unchanged
        assertThat(tcpBw.metrics().subList(0, 7))
                .extracting(Metric::name)
                .containsExactly(
                        "bw", "msg_rate", "time", "send_cost", "recv_cost", "send_cpus_used", "recv_cpus_used");
        final Metric cpus = tcpBw.metric("loc_process_cpus_used").orElseThrow();
        assertThat(cpus.baseUnit()).isEqualTo("CPUs");
        assertThat(cpus.base()).isCloseTo(cpus.value() / 100, within(1e-9));
        assertThat(tcpBw.metric("loc_process_cost").orElseThrow().baseUnit()).isEqualTo("s/GB");
        assertThat(tcpBw.metric("loc_cgroup_cpu_time").orElseThrow().baseUnit()).isEqualTo("s");
        final Metric mem = tcpBw.metric("loc_process_memory_peak").orElseThrow();
        assertThat(mem.baseUnit()).isEqualTo("B");
        assertThat(mem.base()).isCloseTo(mem.value() * 1e6, within(1.0)); // "69.3 MB": decimal, as jqperf prints
        assertThat(tcpBw.metric("loc_cgroup_memory").orElseThrow().base()).isGreaterThan(1e8); // "1.3 GB"
        // counts printed with a trailing space are still counts
        assertThat(tcpBw.metric("loc_cgroup_nr_throttled").orElseThrow().baseUnit())
                .isEmpty();
        assertThat(tcpBw.base("loc_cgroup_nr_periods")).hasValue(0.0);
        assertThat(tcpBw.metric("loc_cgroup_cpu_limit").orElseThrow().text()).isEqualTo("unlimited");
        assertThat(tcpBw.metric("loc_cgroup_cpu_limit").orElseThrow().numeric()).isFalse();
        assertThat(tcpBw.metric("rem_usage").orElseThrow().text()).startsWith("unavailable: the server is not jqperf");
        assertThat(tcpBw.metric("rem_process_cpus_used")).isEmpty();
        // thousands separators in a scope line
        assertThat(b.get(2).metric("loc_process_cost").orElseThrow().text()).isEqualTo("2,364 sec/GB");
        assertThat(b.get(2).base("loc_process_cost")).hasValue(2364.0);
        assertThat(b.get(3).base("loc_system_cpus_used").getAsDouble())
                .isCloseTo(b.get(3).base("loc_cpus_used").getAsDouble(), within(1e-9));
    }
}
