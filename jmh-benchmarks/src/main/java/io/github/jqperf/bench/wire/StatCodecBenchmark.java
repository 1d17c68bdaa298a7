package io.github.jqperf.bench.wire;

import io.github.jqperf.bench.AbstractBenchmarkBase;
import io.github.jqperf.bench.Fixtures;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.wire.StatCodec;
import io.github.jqperf.engine.wire.WireConstants;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * STAT codec (256 bytes, once per test): encode into a reused buffer, decode from one. Not a per-message path.
 *
 * <p>{@code java -jar jmh-benchmarks/target/benchmarks.jar StatCodecBenchmark -prof gc}
 */
public class StatCodecBenchmark extends AbstractBenchmarkBase {
    private Stat stat;
    private ByteBuffer encodeInto;
    private ByteBuffer encoded;

    @Setup
    public void setUp() {
        stat = Fixtures.tcpBwServerStat();
        encodeInto = ByteBuffer.allocate(WireConstants.STAT_LENGTH);
        encoded = ByteBuffer.wrap(StatCodec.encode(stat));
    }

    /** Writes the STAT into a preallocated buffer. */
    @Benchmark
    public int encode() {
        return StatCodec.encode(encodeInto, 0, stat);
    }

    /** Decodes a STAT (the client, once per test). */
    @Benchmark
    public Stat decode() {
        return StatCodec.decode(encoded, 0, WireConstants.STAT_LENGTH);
    }
}
