package io.github.jqperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.QperfBinary;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --cpu-scope} end to end (docs/cpu-memory.md): the added lines, and nothing added by default. */
@Timeout(120)
class CpuScopeIT {
    private static List<String> names(final String out) {
        return out.lines()
                .map(l -> l.contains("=") ? l.substring(0, l.indexOf('=')).strip() : l.strip())
                .toList();
    }

    @Test
    void defaultScopeShouldPrintQperfsLinesOnly() {
        final CliTest.Result r = CliTest.run("--loopback", "-t", "1", "tcp_lat");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(names(r.out())).containsExactly("tcp_lat:", "latency");
    }

    @Test
    void allShouldAddProcessAndCgroupLinesOfBothSides() {
        final CliTest.Result r = CliTest.run("--loopback", "-t", "1", "--cpu-scope", "all", "tcp_bw");
        assertThat(r.exitCode()).as(r.err()).isZero();
        final List<String> names = names(r.out());
        assertThat(names.subList(0, 2)).containsExactly("tcp_bw:", "bw");
        assertThat(names)
                .contains(
                        "loc_system_cpus_used",
                        "loc_process_cpus_used",
                        "loc_process_cost",
                        "loc_process_memory_peak",
                        "loc_cgroup_cpus_used",
                        "loc_cgroup_memory",
                        "rem_system_cpus_used",
                        "rem_process_cpus_used",
                        "rem_process_memory",
                        "rem_cgroup_cpus_used",
                        "rem_cgroup_memory")
                .doesNotContain("rem_usage");
        assertThat(names.indexOf("loc_process_cpus_used")).isLessThan(names.indexOf("rem_process_cpus_used"));
    }

    @Test
    void processShouldAddOnlyProcessLines() {
        final CliTest.Result r = CliTest.run("--loopback", "-t", "1", "--cpu-scope", "process", "udp_lat");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(names(r.out()).stream().filter(n -> n.startsWith("loc_") || n.startsWith("rem_")))
                .allMatch(n -> n.startsWith("loc_process_") || n.startsWith("rem_process_"))
                .isNotEmpty();
    }

    @Test
    void againstStockServerTheRemoteScopesAreOneUnavailableLine() throws Exception {
        QperfBinary.require();
        try (QperfBinary.Server stock = new QperfBinary.Server(QperfBinary.freePort())) {
            final CliTest.Result r = CliTest.run(
                    "127.0.0.1", "-lp", Integer.toString(stock.port()), "-t", "1", "--cpu-scope", "cgroup", "tcp_lat");
            assertThat(r.exitCode()).as(r.err()).isZero();
            final List<String> lines = r.out().lines().toList();
            assertThat(lines.get(lines.size() - 1)).matches(" +rem_usage += +unavailable: the server is not jqperf .*");
            assertThat(names(r.out())).contains("loc_cgroup_cpus_used").noneMatch(n -> n.startsWith("rem_cgroup"));
        }
    }
}
