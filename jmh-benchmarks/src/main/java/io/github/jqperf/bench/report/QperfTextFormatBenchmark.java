package io.github.jqperf.bench.report;

import io.github.jqperf.bench.AbstractBenchmarkBase;
import io.github.jqperf.bench.Fixtures;
import io.github.jqperf.engine.report.OutputOptions;
import io.github.jqperf.engine.report.QperfTextFormat;
import io.github.jqperf.engine.result.TestResult;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * qperf's text table for one result: once per test, after the run. Compared with {@link String#format} of the same
 * number of values as a baseline for "how expensive is formatting at all".
 *
 * <p>{@code java -jar jmh-benchmarks/target/benchmarks.jar QperfTextFormatBenchmark -prof gc}
 */
public class QperfTextFormatBenchmark extends AbstractBenchmarkBase {
    /** Output options: qperf's default, or the harness's {@code -v -uu}. */
    @Param({"default", "v_uu"})
    public String options;

    private TestResult result;
    private ParamSet params;
    private OutputOptions outputOptions;

    @Setup
    public void setUp() {
        result = TestResult.of(TestKind.TCP_BW, Fixtures.tcpBwClientStat(), Fixtures.tcpBwServerStat());
        params = TestKind.TCP_BW.withDefaults(new ParamSet().set(io.github.jqperf.engine.spec.Param.MSG_SIZE, 65_536));
        outputOptions = "default".equals(options)
                ? OutputOptions.DEFAULT
                : OutputOptions.DEFAULT.verbose().withUnifyUnits(true);
    }

    /** The result table, as printed. */
    @Benchmark
    public List<String> formatResult() {
        return QperfTextFormat.formatResult(TestKind.TCP_BW, result, params, outputOptions);
    }

    /** Baseline: two {@code String.format} lines with the same values (bw and msg_rate). */
    @Benchmark
    public String baselineStringFormat() {
        return String.format(
                "    bw        =  %.3g GB/sec%n    msg_rate  =  %.3g K/sec",
                result.recvBwBytesPerSec() / 1e9, result.msgRatePerSec() / 1e3);
    }
}
