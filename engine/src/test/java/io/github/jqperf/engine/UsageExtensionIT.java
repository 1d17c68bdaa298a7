package io.github.jqperf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.result.ScopeUsage;
import io.github.jqperf.engine.result.UsageReport;
import io.github.jqperf.engine.spec.MeasureOptions;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10 §2: process and cgroup figures per side, and jqperf's usage extension (docs/protocol.md §13) against
 * jqperf and stock peers, both directions.
 */
@Timeout(120)
class UsageExtensionIT {
    private static final MeasureOptions USAGE = MeasureOptions.NONE.withUsage(true);

    private static ParamSet oneSecond(final TestKind kind) {
        return kind.withDefaults(new ParamSet().set(Param.TIME, 1, "-t"));
    }

    private static List<String> names(final UsageReport r) {
        return r.scopes().stream().map(ScopeUsage::scope).collect(Collectors.toList());
    }

    private static ScopeUsage scope(final UsageReport r, final String name) {
        return r.scopes().stream()
                .filter(s -> s.scope().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void jqperfClientShouldGetBothSidesScopesFromJqperfServer() throws Exception {
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (QperfServer server = QperfServer.start(
                        ServerConfig.defaults().withListenPort(0).withLog(log::add));
                QperfClient c = new QperfClient(ClientConfig.of("127.0.0.1").withListenPort(server.port()))) {
            for (final TestKind kind : List.of(TestKind.TCP_BW, TestKind.UDP_LAT)) {
                final Measurement m = c.measure(kind, oneSecond(kind), USAGE);
                final UsageReport local = m.observed().localUsage().orElseThrow();
                final UsageReport remote = m.observed().remoteUsage().orElseThrow();
                assertThat(names(local)).containsExactly("process", "cgroup", "system");
                assertThat(names(remote))
                        .as(kind + " remote: " + remote.notes())
                        .containsExactly("process", "cgroup", "system");
                for (final UsageReport r : List.of(local, remote)) {
                    final ScopeUsage p = scope(r, "process");
                    assertThat(p.elapsedSeconds()).as(kind + " window").isBetween(0.9, 2.0);
                    assertThat(p.cpuSeconds()).as(kind + " process cpu").isPositive();
                    assertThat(p.cpusUsed()).isBetween(0.0, 4.0);
                    assertThat(p.memoryCurrentBytes()).as("VmRSS").isPositive();
                    assertThat(p.memoryPeakBytes()).as("VmHWM").isGreaterThanOrEqualTo(p.memoryCurrentBytes());
                    assertThat(p.nrThrottled())
                            .as("a process has no throttling")
                            .isEqualTo(ScopeUsage.ABSENT);
                    assertThat(scope(r, "system").cpuSeconds()).isPositive();
                }
                if (kind == TestKind.TCP_BW) {
                    assertThat(scope(local, "process").secPerGB()).isPositive();
                    assertThat(scope(remote, "process").secPerGB()).isPositive();
                }
            }
            assertThat(log).as("server log").isEmpty();
        }
    }

    @Test
    void withoutUsageNothingIsRecordedOrAsked() throws Exception {
        try (QperfServer server = QperfServer.start(ServerConfig.defaults().withListenPort(0));
                QperfClient c = new QperfClient(ClientConfig.of("127.0.0.1").withListenPort(server.port()))) {
            final Measurement m = c.measure(TestKind.TCP_LAT, oneSecond(TestKind.TCP_LAT));
            assertThat(m.observed().localUsage()).isEmpty();
            assertThat(m.observed().remoteUsage()).isEmpty();
        }
    }

    @Test
    void againstStockServerRemoteUsageIsUnavailableWithOneNote() throws Exception {
        QperfBinary.require();
        try (QperfBinary.Server stock = new QperfBinary.Server(QperfBinary.freePort());
                QperfClient c = new QperfClient(ClientConfig.of("127.0.0.1").withListenPort(stock.port()))) {
            for (final TestKind kind : List.of(TestKind.TCP_BW, TestKind.TCP_LAT, TestKind.UDP_BW, TestKind.UDP_LAT)) {
                final long t0 = System.nanoTime();
                final Measurement m = c.measure(kind, oneSecond(kind), USAGE);
                final double seconds = (System.nanoTime() - t0) / 1e9;
                assertThat(m.observed().localUsage().orElseThrow().scopes()).hasSize(3);
                final UsageReport remote = m.observed().remoteUsage().orElseThrow();
                assertThat(remote.scopes()).isEmpty();
                assertThat(remote.notes()).hasSize(1);
                assertThat(remote.notes().get(0)).startsWith("remote usage unavailable: the server is not jqperf");
                // qperf's STAT is there as usual
                assertThat(m.remote().noTicks()).isEqualTo(100);
                // not waiting for the 2 s answer bound: the stock server's close ends it (generous: 1 s test)
                assertThat(seconds).as(kind + " run time").isLessThan(2.9);
            }
            // the stock server still serves after the extension request hit its closed connection
            assertThat(c.measure(TestKind.TCP_LAT, oneSecond(TestKind.TCP_LAT))
                            .local()
                            .r()
                            .msgs())
                    .isPositive();
        }
    }

    /**
     * A stock client's multi-test run against a jqperf server is not slowed by the server's wait for an extension
     * request: the stock client closes after the after-sync, and EOF ends the wait at once. The wait's bound is raised
     * to 3 s for this test ({@code jqperf.usageWaitMs}): four tests that waited it would take at least 4 × (1 + 3) s;
     * the assertion (under 10 s) has a wide margin for a loaded machine and still catches one full wait per test.
     */
    @Test
    void stockClientMultiTestRunIsNotSlowedByTheServersWait() throws Exception {
        QperfBinary.require();
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        System.setProperty("jqperf.usageWaitMs", "3000");
        try (QperfServer ours =
                QperfServer.start(ServerConfig.defaults().withListenPort(0).withLog(log::add))) {
            final long t0 = System.nanoTime();
            final QperfBinary.Run run = QperfBinary.client(
                    60,
                    "127.0.0.1",
                    "-lp",
                    Integer.toString(ours.port()),
                    "-t",
                    "1",
                    "tcp_bw",
                    "tcp_lat",
                    "udp_bw",
                    "udp_lat");
            final double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.stderr()).isEmpty();
            assertThat(run.stdout()).contains("tcp_bw:", "tcp_lat:", "udp_bw:", "udp_lat:");
            assertThat(log).as("server log").isEmpty();
            // 4 tests of 1 s; waiting the 3 s bound each time would take >= 16 s
            assertThat(seconds).as("4 tests of 1 s, wait bound 3 s").isLessThan(10);
        } finally {
            System.clearProperty("jqperf.usageWaitMs");
        }
    }
}
