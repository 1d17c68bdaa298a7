package io.github.jqperf.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.jqperf.cli.Main;
import io.github.jqperf.engine.result.IntervalSample;
import io.github.jqperf.engine.result.LatencyDistribution;
import io.github.jqperf.engine.result.Observations;
import io.github.jqperf.engine.result.ScopeUsage;
import io.github.jqperf.engine.result.UsageReport;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The engine's observation records are serialized from their components (so fields other parts add appear), with
 * JSON's limits handled: empty optionals and non-finite numbers are null. A real document with filled-in
 * observations still validates.
 */
class JsonMapperTest {
    private static final ObjectMapper MAPPER = JsonMapper.create();

    static Observations filled() {
        final LatencyDistribution lat = new LatencyDistribution(
                1000, 1e-6, 2e-6, 2e-6, 3e-6, 5e-6, 9e-6, 1.2e-5, 2e-5, new org.HdrHistogram.Histogram(3));
        final ScopeUsage cgroup = new ScopeUsage(
                "cgroup", 2.0, 0.9, 0.5, 0.4, 0.45, 0.3, 20, 7, 0.25, 0.5, 1 << 20, 2 << 20, Long.MAX_VALUE);
        final ScopeUsage process = new ScopeUsage(
                "process",
                2.0,
                0.8,
                0.5,
                0.3,
                0.4,
                Double.NaN,
                ScopeUsage.ABSENT,
                ScopeUsage.ABSENT,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                1 << 20,
                ScopeUsage.ABSENT,
                ScopeUsage.ABSENT);
        final IntervalSample sample = new IntervalSample(
                TestSpec.builder(TestKind.TCP_BW).build(), 0, 1_000_000_000L, 1 << 30, 1 << 14, 0, 0);
        return new Observations(
                Optional.of(lat),
                Optional.of(new UsageReport(List.of(cgroup, process), List.of("memory.peak: absent"))),
                Optional.empty(),
                List.of(sample));
    }

    @Test
    void shouldSerializeObservationsFromTheirComponents() {
        final JsonNode o = MAPPER.valueToTree(filled());
        assertThat(o.at("/latency/p99Seconds").asDouble()).isEqualTo(5e-6);
        assertThat(o.at("/latency/count").asLong()).isEqualTo(1000);
        assertThat(o.at("/localUsage/scopes/0/nrThrottled").asLong()).isEqualTo(7);
        assertThat(o.at("/localUsage/scopes/0/memoryLimitBytes").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(o.at("/localUsage/scopes/1/secPerGB").isNull()).as("NaN").isTrue();
        assertThat(o.at("/localUsage/scopes/1/cpuLimitCpus").isNull())
                .as("+Infinity")
                .isTrue();
        assertThat(o.at("/localUsage/notes/0").asText()).isEqualTo("memory.peak: absent");
        assertThat(o.get("remoteUsage").isNull()).isTrue();
        assertThat(o.at("/intervals/0/sentBytes").asLong()).isEqualTo(1 << 30);
        assertThat(o.at("/intervals/0").has("spec"))
                .as("the run entry has the spec")
                .isFalse();
        assertThat(Observations.NONE.intervals()).isEmpty();
        assertThat(MAPPER.valueToTree(Observations.NONE).toString())
                .isEqualTo("{\"latency\":null,\"localUsage\":null,\"remoteUsage\":null,\"intervals\":[]}");
    }

    @Test
    void shouldValidateARealDocumentWithFilledObservations() throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        final int code = Main.run(
                new PrintStream(out, true, StandardCharsets.UTF_8), sink, "--loopback", "--json", "-t", "1", "tcp_lat");
        assertThat(code).isZero();
        final ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        ((ObjectNode) doc.get("runs").get(0)).set("observations", MAPPER.valueToTree(filled()));
        final Schema schema;
        try (InputStream in = Files.newInputStream(Path.of("..", "docs", "jqperf-result.schema.json"))) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in);
        }
        assertThat(schema.validate(doc)).isEmpty();
        ((ObjectNode) doc.get("runs").get(0).get("observations").get("latency")).put("p99Seconds", "fast");
        assertThat(schema.validate(doc)).isNotEmpty();
    }
}
