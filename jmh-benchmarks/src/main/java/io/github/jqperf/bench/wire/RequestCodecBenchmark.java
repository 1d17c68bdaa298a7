package io.github.jqperf.bench.wire;

import io.github.jqperf.bench.AbstractBenchmarkBase;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.wire.Request;
import io.github.jqperf.engine.wire.RequestCodec;
import io.github.jqperf.engine.wire.Requests;
import io.github.jqperf.engine.wire.WireConstants;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * REQ codec (200 bytes, once per test on the control connection): encode into a reused buffer, decode from one.
 * Not a per-message path; allocation of the decoded {@link Request} and its two strings is expected.
 *
 * <p>{@code java -jar jmh-benchmarks/target/benchmarks.jar RequestCodecBenchmark -prof gc}
 */
public class RequestCodecBenchmark extends AbstractBenchmarkBase {
    private Request request;
    private ByteBuffer encodeInto;
    private ByteBuffer encoded;

    @Setup
    public void setUp() {
        final ParamSet p = TestKind.TCP_BW.withDefaults(new ParamSet().set(Param.TIME, 10, "-t"));
        request = Requests.of(TestKind.TCP_BW, p);
        encodeInto = ByteBuffer.allocate(WireConstants.REQUEST_LENGTH);
        encoded = ByteBuffer.wrap(RequestCodec.encode(request));
    }

    /** Writes the REQ into a preallocated buffer. */
    @Benchmark
    public int encode() {
        return RequestCodec.encode(encodeInto, 0, request);
    }

    /** Encodes into a fresh 200-byte array (what the client does once per test). */
    @Benchmark
    public byte[] encodeToArray() {
        return RequestCodec.encode(request);
    }

    /** Decodes a whole REQ (what the server does once per test). */
    @Benchmark
    public Request decode() {
        return RequestCodec.decode(encoded, 0, WireConstants.REQUEST_LENGTH);
    }

    /** Baseline: copying the 200 bytes out of the buffer. */
    @Benchmark
    public long baselineReadLongs() {
        long sum = 0;
        for (int i = 0; i + 8 <= WireConstants.REQUEST_LENGTH; i += 8) {
            sum += encoded.getLong(i);
        }
        return sum;
    }
}
