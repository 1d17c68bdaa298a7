package io.github.jqperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.jqperf.cli.CliTest.Result;
import io.github.jqperf.engine.QperfBinary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --json}: the real CLI in-process against its own loopback server (or a refused port), every document
 * validated against docs/jqperf-result.schema.json.
 */
@Timeout(120)
class JsonOutputTest {
    /** The schema in docs/, relative to the cli module (surefire's working directory). */
    static final Path SCHEMA = Path.of("..", "docs", "jqperf-result.schema.json");

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in);
        }
    }

    /** Parses stdout as exactly one JSON document (nothing before or after it) and validates it. */
    static JsonNode validDocument(final Result r) throws IOException {
        final JsonNode doc = JSON.readTree(r.out());
        assertValid(doc);
        return doc;
    }

    static void assertValid(final JsonNode doc) {
        final List<Error> errors = schema.validate(doc);
        assertThat(errors).as("schema errors of %s", doc.toPrettyString()).isEmpty();
    }

    private static List<JsonNode> runs(final JsonNode doc) {
        return StreamSupport.stream(doc.get("runs").spliterator(), false).toList();
    }

    @Test
    void shouldPrintOneValidDocumentForEveryTestKind() throws IOException {
        final Result r =
                CliTest.run("--loopback", "--json", "-t", "1", "tcp_bw", "tcp_lat", "udp_bw", "udp_lat", "conf");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        final JsonNode doc = validDocument(r);
        assertThat(doc.get("exitCode").asInt()).isZero();
        assertThat(doc.has("error")).isFalse();
        assertThat(doc.get("command").get(0).asText()).isEqualTo("--loopback");
        assertThat(runs(doc).stream().map(n -> n.get("kind").asText()))
                .containsExactly("tcp_bw", "tcp_lat", "udp_bw", "udp_lat", "conf");

        final JsonNode tcpBw = runs(doc).get(0);
        assertThat(tcpBw.at("/results/bandwidthBytesPerSecond").asDouble()).isPositive();
        assertThat(tcpBw.at("/spec/local/msg_size").asLong()).isEqualTo(65536);
        // --loopback: the in-process server's ephemeral port, not -lp's 19765
        assertThat(tcpBw.at("/server/port").asInt()).isPositive().isNotEqualTo(19765);
        assertThat(doc.at("/environment/remote/0/port")).isEqualTo(tcpBw.at("/server/port"));
        assertThat(tcpBw.at("/spec/remote/time").asLong()).isEqualTo(1);
        // the figure is qperf's: received bytes / the receiver's real time, from the raw STAT in the document
        final double bytes = tcpBw.at("/stats/remote/r/bytes").asDouble();
        final double ticks = tcpBw.at("/stats/remote/timeEnd/0").asDouble()
                - tcpBw.at("/stats/remote/timeStart/0").asDouble();
        final double seconds = ticks / tcpBw.at("/stats/remote/noTicks").asDouble();
        assertThat(tcpBw.at("/results/bandwidthBytesPerSecond").asDouble())
                .isCloseTo(bytes / seconds, org.assertj.core.data.Percentage.withPercentage(0.001));
        assertThat(tcpBw.at("/nodes/remote/realTimeSeconds").asDouble()).isEqualTo(seconds);

        final JsonNode tcpLat = runs(doc).get(1);
        assertThat(tcpLat.at("/results/latencySeconds").asDouble()).isPositive().isLessThan(1);

        final JsonNode udpBw = runs(doc).get(2);
        final double sent = udpBw.at("/stats/local/s/msgs").asDouble();
        final double received = udpBw.at("/stats/remote/r/msgs").asDouble();
        assertThat(udpBw.at("/results/lossPercent").asDouble())
                .isCloseTo(Math.max(0, sent - received) * 100 / sent, org.assertj.core.data.Offset.offset(1e-9));

        final JsonNode conf = runs(doc).get(4);
        assertThat(conf.at("/conf/remote/qperf").asText()).isEqualTo("0.4.11");
        // the loopback server's CONF came with the conf test: no extra exchange, same answer
        assertThat(doc.at("/environment/remote/0/conf")).isEqualTo(conf.at("/conf/remote"));
        assertThat(doc.at("/environment/local/jvm/version").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(doc.at("/environment/local/cpu/availableProcessors").asInt())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void shouldGiveOneEntryPerLoopIteration() throws IOException {
        final Result r = CliTest.run("--loopback", "--json", "-t", "1", "-oo", "msg_size:1:4:*2", "udp_lat");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        final JsonNode doc = validDocument(r);
        final List<JsonNode> runs = runs(doc);
        assertThat(runs).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(runs.get(i).get("iteration").asInt()).isEqualTo(i + 1);
            assertThat(runs.get(i).get("iterations").asInt()).isEqualTo(3);
            assertThat(runs.get(i).at("/spec/local/msg_size").asLong()).isEqualTo(1L << i);
            assertThat(runs.get(i).at("/results/latencySeconds").asDouble()).isPositive();
        }
        // no conf test: the server's CONF was asked for once, after the tests
        assertThat(doc.at("/environment/remote").size()).isEqualTo(1);
        assertThat(doc.at("/environment/remote/0/conf/qperf").asText()).isEqualTo("0.4.11");
    }

    @Test
    void shouldAskAStockQperfServerForItsConfOnceAfterTheTests() throws Exception {
        QperfBinary.require();
        try (QperfBinary.Server stock = new QperfBinary.Server(QperfBinary.freePort())) {
            final String port = Integer.toString(stock.port());
            final Result r = CliTest.run("127.0.0.1", "-lp", port, "--json", "-t", "1", "tcp_lat", "udp_bw");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            final JsonNode doc = validDocument(r);
            assertThat(runs(doc).stream().map(n -> n.get("kind").asText())).containsExactly("tcp_lat", "udp_bw");
            assertThat(doc.at("/environment/remote/0/port").asInt()).isEqualTo(stock.port());
            assertThat(doc.at("/environment/remote/0/conf/qperf").asText()).isEqualTo("0.4.11");
            // loss comes from the stock server's STAT
            assertThat(runs(doc).get(1).at("/results/lossPercent").isNumber()).isTrue();
        }
    }

    @Test
    void shouldMakeARefusedConnectionADocumentWithANonZeroExitCode() throws IOException {
        final String port = Integer.toString(QperfBinary.freePort());
        final Result r = CliTest.run("127.0.0.1", "-lp", port, "-ws", "0", "--json", "tcp_bw");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        final JsonNode doc = validDocument(r);
        assertThat(doc.get("exitCode").asInt()).isEqualTo(1);
        assertThat(doc.at("/error/type").asText()).isEqualTo("connect");
        assertThat(doc.at("/error/message").asText()).isEqualTo("127.0.0.1: failed to connect");
        assertThat(doc.at("/runs/0/error")).isEqualTo(doc.get("error"));
        assertThat(doc.at("/runs/0/results").isMissingNode()).isTrue();
        // a server that failed is not asked again for its CONF
        assertThat(doc.at("/environment/remote/0/conf").isNull()).isTrue();
    }

    @Test
    void shouldMakeACommandLineErrorADocument() throws IOException {
        final Result r = CliTest.run("--json", "127.0.0.1", "foo_bw");
        assertThat(r.exitCode()).isEqualTo(1);
        final JsonNode doc = validDocument(r);
        assertThat(doc.at("/error/type").asText()).isEqualTo("usage");
        assertThat(doc.at("/error/message").asText()).isEqualTo("foo_bw: bad test; try: qperf --help tests");
        assertThat(doc.get("runs").size()).isZero();
    }

    @Test
    void shouldPutQperfsWarningsIntoTheDocument() throws IOException {
        final Result r = CliTest.run("--loopback", "--json", "-t", "1", "-a", "1", "-m", "8", "tcp_lat");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        final JsonNode doc = validDocument(r);
        assertThat(doc.get("warnings").get(0).asText()).isEqualTo("warning: obsolete option: -a; use -ca instead");
    }

    @Test
    void shouldRefuseJsonWithCsv() {
        final Result r = CliTest.run("--loopback", "--json", "--csv", "tcp_lat");
        assertThat(r).isEqualTo(new Result(1, "jqperf: --json and --csv cannot be used together; choose one\n", ""));
    }

    @Test
    void shouldKeepTheTextOutputWithoutJson() {
        final Result r = CliTest.run("--loopback", "-t", "1", "tcp_lat", "conf");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("tcp_lat:\n    latency  =  ").contains("\nconf:\n    loc_node   =  ");
        assertThat(r.out()).doesNotContain("{");
    }

    @Test
    void shouldRejectADocumentMissingItsRuns() throws IOException {
        final Result r = CliTest.run("--json", "127.0.0.1", "foo_bw");
        final ObjectNode doc = (ObjectNode) JSON.readTree(r.out());
        doc.remove("runs");
        assertThat(schema.validate(doc)).isNotEmpty();
        doc.putArray("runs");
        doc.put("exitCode", 0);
        assertThat(schema.validate(doc)).as("an error with exit code 0").isNotEmpty();
    }
}
