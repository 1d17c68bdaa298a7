package io.github.jqperf.bench.result;

import io.github.jqperf.bench.AbstractBenchmarkBase;
import io.github.jqperf.bench.Fixtures;
import io.github.jqperf.engine.result.NodeResult;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.result.TestResult;
import io.github.jqperf.engine.spec.TestKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * qperf's result formulas ({@code calc_node}, {@code calc_results}): once per test, after both STATs are known.
 * Allocation of the result records is expected.
 *
 * <p>{@code java -jar jmh-benchmarks/target/benchmarks.jar TestResultBenchmark -prof gc}
 */
public class TestResultBenchmark extends AbstractBenchmarkBase {
    private Stat bwLocal;
    private Stat bwRemote;
    private Stat latLocal;
    private Stat latRemote;

    @Setup
    public void setUp() {
        bwLocal = Fixtures.tcpBwClientStat();
        bwRemote = Fixtures.tcpBwServerStat();
        latLocal = Fixtures.tcpLatClientStat();
        latRemote = Fixtures.tcpLatServerStat();
    }

    /** calc_results for a one-way test (send and receive on different sides). */
    @Benchmark
    public TestResult tcpBw() {
        return TestResult.of(TestKind.TCP_BW, bwLocal, bwRemote);
    }

    /** calc_results for a ping-pong test (both sides send and receive). */
    @Benchmark
    public TestResult tcpLat() {
        return TestResult.of(TestKind.TCP_LAT, latLocal, latRemote);
    }

    /** calc_node alone. */
    @Benchmark
    public NodeResult nodeResult() {
        return NodeResult.of(bwRemote);
    }
}
