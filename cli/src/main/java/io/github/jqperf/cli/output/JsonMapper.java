package io.github.jqperf.cli.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.github.jqperf.engine.result.IntervalSample;
import io.github.jqperf.engine.result.LatencyDistribution;
import io.github.jqperf.engine.spec.TestSpec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The Jackson configuration of the JSON output. The engine's result records ({@code Observations},
 * {@code LatencyDistribution}, {@code UsageReport}, {@code ScopeUsage}, {@code IntervalSample}) are serialized
 * generically from their components, so a component added to them appears in the document without a change here:
 * <ul>
 *   <li>an empty {@code Optional} (and {@code OptionalDouble}, ...) is {@code null}, a present one its value;
 *   <li>a non-finite double (NaN: "the source does not have it", ±Infinity: "unlimited") is {@code null}, as JSON
 *       has no such numbers;
 *   <li>{@code Instant} is its ISO-8601 text, {@code Duration} its seconds;
 *   <li>{@code IntervalSample.spec} is left out (the run entry has the spec), and a {@code TestSpec} met anywhere
 *       else is its test name.
 * </ul>
 */
final class JsonMapper {
    private JsonMapper() {}

    /** A new mapper, indenting its output. */
    static ObjectMapper create() {
        final SimpleModule m = new SimpleModule("jqperf");
        m.addSerializer(Double.class, new FiniteDouble());
        m.addSerializer(Double.TYPE, new FiniteDouble());
        m.addSerializer(Float.class, new FiniteFloat());
        m.addSerializer(Float.TYPE, new FiniteFloat());
        @SuppressWarnings({"unchecked", "rawtypes"})
        final Class<Optional<?>> optional = (Class) Optional.class;
        m.addSerializer(optional, new JsonSerializer<Optional<?>>() {
            @Override
            public void serialize(final Optional<?> v, final JsonGenerator g, final SerializerProvider p)
                    throws IOException {
                if (v.isPresent()) {
                    p.defaultSerializeValue(v.get(), g);
                } else {
                    g.writeNull();
                }
            }
        });
        m.addSerializer(OptionalDouble.class, new JsonSerializer<OptionalDouble>() {
            @Override
            public void serialize(final OptionalDouble v, final JsonGenerator g, final SerializerProvider p)
                    throws IOException {
                if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
                    g.writeNumber(v.getAsDouble());
                } else {
                    g.writeNull();
                }
            }
        });
        m.addSerializer(OptionalLong.class, new JsonSerializer<OptionalLong>() {
            @Override
            public void serialize(final OptionalLong v, final JsonGenerator g, final SerializerProvider p)
                    throws IOException {
                if (v.isPresent()) {
                    g.writeNumber(v.getAsLong());
                } else {
                    g.writeNull();
                }
            }
        });
        m.addSerializer(OptionalInt.class, new JsonSerializer<OptionalInt>() {
            @Override
            public void serialize(final OptionalInt v, final JsonGenerator g, final SerializerProvider p)
                    throws IOException {
                if (v.isPresent()) {
                    g.writeNumber(v.getAsInt());
                } else {
                    g.writeNull();
                }
            }
        });
        m.addSerializer(Instant.class, new JsonSerializer<Instant>() {
            @Override
            public void serialize(final Instant v, final JsonGenerator g, final SerializerProvider p)
                    throws IOException {
                g.writeString(v.toString());
            }
        });
        m.addSerializer(Duration.class, new JsonSerializer<Duration>() {
            @Override
            public void serialize(final Duration v, final JsonGenerator g, final SerializerProvider p)
                    throws IOException {
                g.writeNumber(v.getSeconds() + v.getNano() / 1e9);
            }
        });
        m.addSerializer(TestSpec.class, new JsonSerializer<TestSpec>() {
            @Override
            public void serialize(final TestSpec v, final JsonGenerator g, final SerializerProvider p)
                    throws IOException {
                g.writeString(v.kind().qperfName());
            }
        });
        return new ObjectMapper()
                .registerModule(m)
                .addMixIn(IntervalSample.class, WithoutSpec.class)
                .addMixIn(LatencyDistribution.class, WithoutHistogram.class)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Leaves out the {@code spec} component (the run entry carries it). */
    @JsonIgnoreProperties("spec")
    private abstract static class WithoutSpec {}

    /** Leaves out the histogram itself (its figures are the other components; {@code --hdr-log} writes it whole). */
    @JsonIgnoreProperties("histogram")
    private abstract static class WithoutHistogram {}

    private static final class FiniteDouble extends JsonSerializer<Double> {
        @Override
        public void serialize(final Double v, final JsonGenerator g, final SerializerProvider p) throws IOException {
            if (Double.isFinite(v)) {
                g.writeNumber(v);
            } else {
                g.writeNull();
            }
        }
    }

    private static final class FiniteFloat extends JsonSerializer<Float> {
        @Override
        public void serialize(final Float v, final JsonGenerator g, final SerializerProvider p) throws IOException {
            if (Float.isFinite(v)) {
                g.writeNumber(v);
            } else {
                g.writeNull();
            }
        }
    }
}
