package io.github.jqperf.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.result.Observations;
import io.github.jqperf.engine.result.Result;
import io.github.jqperf.engine.result.ScopeUsage;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.result.UsageReport;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import io.github.jqperf.engine.testutil.StatBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code --cpu-scope} lines (docs/cpu-memory.md), golden. */
class UsageTextTest {
    private static final double NAN = Double.NaN;

    /** A tcp_bw sender: 2 s, 100 ticks busy of 200 → loc_cpus_used 50 %, 1 GB sent. */
    private static final Stat SENDER = StatBuilder.node()
            .real(200)
            .user(60)
            .system(40)
            .idle(300)
            .sent(1_000_000_000L, 15_259)
            .build();

    private static final Stat RECEIVER = StatBuilder.node()
            .real(200)
            .user(80)
            .system(80)
            .idle(240)
            .received(1_000_000_000L, 15_259, 0)
            .build();

    private static final ScopeUsage LOC_PROCESS =
            new ScopeUsage("process", 2.0, 1.04, 0.5, 0.54, 0.52, 1.04, -1, -1, NAN, NAN, 95_000_000, 120_000_000, -1);
    private static final ScopeUsage LOC_CGROUP = new ScopeUsage(
            "cgroup",
            2.0,
            1.9,
            1.0,
            0.9,
            0.95,
            1.9,
            -1,
            -1,
            NAN,
            Double.POSITIVE_INFINITY,
            541_065_216,
            680_000_000,
            Long.MAX_VALUE);
    private static final ScopeUsage REM_PROCESS = new ScopeUsage(
            "process", 2.01, 0.99, 0.3, 0.69, 0.4925, 0.99, -1, -1, NAN, NAN, 80_000_000, 81_000_000, -1);
    private static final ScopeUsage REM_CGROUP = new ScopeUsage(
            "cgroup", 2.01, 1.0, 0.4, 0.6, 0.4975, 1.0, 41, 39, 1.9, 0.5, 90_000_000, 150_000_000, 536_870_912);
    private static final ScopeUsage SYSTEM =
            new ScopeUsage("system", 2.0, 3.0, 2.0, 1.0, 1.5, 3.0, -1, -1, NAN, NAN, -1, -1, -1);

    private static Result result(final Observations observed) {
        final TestKind kind = TestKind.TCP_BW;
        final ParamSet p = kind.withDefaults(new ParamSet().set(Param.TIME, 2, "-t"));
        return Result.of(TestSpec.of(kind, p), SENDER, RECEIVER, observed);
    }

    private static Observations both() {
        return new Observations(
                Optional.empty(),
                Optional.of(new UsageReport(List.of(LOC_PROCESS, LOC_CGROUP, SYSTEM), List.of())),
                Optional.of(new UsageReport(List.of(REM_PROCESS, REM_CGROUP, SYSTEM), List.of())),
                List.of());
    }

    @Test
    void systemScopeShouldBeQperfsOutputUnchanged() {
        final Result r = result(both());
        assertThat(QperfTextFormat.formatResult(r, OutputOptions.DEFAULT, CpuScope.SYSTEM))
                .isEqualTo(QperfTextFormat.formatResult(r, OutputOptions.DEFAULT))
                .containsExactly("    bw  =  500 MB/sec");
    }

    @Test
    void allShouldAddEveryScopeAfterQperfsLines() {
        assertThat(QperfTextFormat.formatResult(result(both()), OutputOptions.DEFAULT, CpuScope.ALL))
                .containsExactly(
                        "    bw                         =   500 MB/sec",
                        "    loc_system_cpus_used       =    50 % cpus",
                        "    loc_process_cpus_used      =    52 % cpus",
                        "    loc_process_cpus_user      =    25 % cpus",
                        "    loc_process_cpus_kernel    =    27 % cpus",
                        "    loc_process_cpu_time       =  1.04 sec",
                        "    loc_process_cost           =  1.04 sec/GB",
                        "    loc_process_memory         =    95 MB",
                        "    loc_process_memory_peak    =   120 MB",
                        "    loc_cgroup_cpus_used       =    95 % cpus",
                        "    loc_cgroup_cpus_user       =    50 % cpus",
                        "    loc_cgroup_cpus_kernel     =    45 % cpus",
                        "    loc_cgroup_cpu_time        =   1.9 sec",
                        "    loc_cgroup_cost            =   1.9 sec/GB",
                        "    loc_cgroup_cpu_limit       =  unlimited",
                        "    loc_cgroup_memory          =   541 MB",
                        "    loc_cgroup_memory_peak     =   680 MB",
                        "    rem_system_cpus_used       =    80 % cpus",
                        "    rem_process_cpus_used      =  49.2 % cpus",
                        "    rem_process_cpus_user      =  14.9 % cpus",
                        "    rem_process_cpus_kernel    =  34.3 % cpus",
                        "    rem_process_cpu_time       =   990 ms",
                        "    rem_process_cost           =   990 ms/GB",
                        "    rem_process_memory         =    80 MB",
                        "    rem_process_memory_peak    =    81 MB",
                        "    rem_cgroup_cpus_used       =  49.8 % cpus",
                        "    rem_cgroup_cpus_user       =  19.9 % cpus",
                        "    rem_cgroup_cpus_kernel     =  29.9 % cpus",
                        "    rem_cgroup_cpu_time        =     1 sec",
                        "    rem_cgroup_cost            =     1 sec/GB",
                        "    rem_cgroup_cpu_limit       =    50 % cpus",
                        "    rem_cgroup_nr_periods      =    41 ",
                        "    rem_cgroup_nr_throttled    =    39 ",
                        "    rem_cgroup_throttled_time  =   1.9 sec",
                        "    rem_cgroup_memory          =    90 MB",
                        "    rem_cgroup_memory_peak     =   150 MB",
                        "    rem_cgroup_memory_limit    =   537 MB");
    }

    @Test
    void cgroupShouldShowOnlyCgroupLinesAndZeroThrottlingIsShown() {
        final ScopeUsage calm =
                new ScopeUsage("cgroup", 1.0, 0.1, 0.05, 0.05, 0.1, NAN, 10, 0, 0.0, 0.5, 1_000, 2_000, -1);
        final Observations o = new Observations(
                Optional.empty(),
                Optional.of(new UsageReport(List.of(LOC_PROCESS, calm), List.of())),
                Optional.empty(),
                List.of());
        assertThat(QperfTextFormat.formatResult(result(o), OutputOptions.DEFAULT.withUnifyUnits(true), CpuScope.CGROUP))
                .containsExactly(
                        "    bw                         =  500000000 bytes/sec",
                        "    loc_cgroup_cpus_used       =         10 % cpus",
                        "    loc_cgroup_cpus_user       =          5 % cpus",
                        "    loc_cgroup_cpus_kernel     =          5 % cpus",
                        "    loc_cgroup_cpu_time        =  100000000 ns",
                        "    loc_cgroup_cpu_limit       =         50 % cpus",
                        "    loc_cgroup_nr_periods      =         10 ",
                        "    loc_cgroup_nr_throttled    =          0 ",
                        "    loc_cgroup_throttled_time  =          0 ns",
                        "    loc_cgroup_memory          =       1000 bytes",
                        "    loc_cgroup_memory_peak     =       2000 bytes");
    }

    @Test
    void unavailableRemoteShouldBeOneLine() {
        final Observations o = new Observations(
                Optional.empty(),
                Optional.of(new UsageReport(List.of(LOC_PROCESS), List.of())),
                Optional.of(
                        new UsageReport(
                                List.of(),
                                List.of(
                                        "remote usage unavailable: the server is not jqperf (it closed after the test) or did not answer"))),
                List.of());
        assertThat(QperfTextFormat.formatResult(result(o), OutputOptions.DEFAULT, CpuScope.PROCESS))
                .endsWith(
                        "    loc_process_memory_peak  =   120 MB",
                        "    rem_usage                =  unavailable: the server is not jqperf (it closed after the test) or did not answer");
    }
}
