package io.github.jqperf.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.scenarios.placement.Outcome;
import io.github.jqperf.scenarios.placement.Placement;
import io.github.jqperf.scenarios.placement.Server;
import io.github.jqperf.scenarios.placement.ServerStartException;
import io.github.jqperf.scenarios.results.Cell;
import io.github.jqperf.scenarios.results.Run;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner's logic against a fake placement: no process, no network. */
class RunnerTest {

    private static final String STANDARD = String.join(
            "\n",
            "tcp_bw:",
            "    bw  =  1 GB/sec",
            "udp_bw:",
            "    recv_bw  =  1 GB/sec",
            "tcp_lat:",
            "    latency  =  10 us",
            "    msg_rate  =  50 K/sec",
            "udp_lat:",
            "    latency  =  9 us",
            "    msg_rate  =  55 K/sec",
            "conf:",
            "    loc_qperf  =  0.4.11",
            "");

    /** Servers for {@code deadRole} never listen; every other call succeeds with a canned output. */
    static final class FakePlacement implements Placement {
        final Role deadRole;
        final List<String> calls = new ArrayList<>();
        int failFirstStarts;
        int live;

        FakePlacement(final Role deadRole) {
            this.deadRole = deadRole;
        }

        @Override
        public void open() {}

        @Override
        public String describe() {
            return "fake";
        }

        @Override
        public String jqperfInPods() {
            return "jar";
        }

        @Override
        public Map<String, String> environment() {
            return Map.of();
        }

        @Override
        public Server startServer(final Role role, final Tool tool, final int port, final Duration timeout)
                throws ServerStartException {
            calls.add("start " + role.id() + " " + tool.id() + " " + port);
            if (role == deadRole || failFirstStarts-- > 0) {
                throw new ServerStartException("server did not listen on port " + port + " within 1 s", "boom\n");
            }
            live++;
            return new Server() {
                @Override
                public List<String> command() {
                    return List.of(tool.id(), "-lp", Integer.toString(port));
                }

                @Override
                public String log() {
                    return "";
                }
            };
        }

        @Override
        public Outcome runClient(final Role role, final Tool tool, final List<String> args, final Duration timeout) {
            calls.add("client " + role.id() + " " + tool.id() + " " + String.join(" ", args));
            return new Outcome(args, 0, 5, STANDARD, "", false, null);
        }

        @Override
        public void stopServer(final Server server) {
            live--;
            calls.add("stop");
        }

        @Override
        public void close() {}
    }

    @Test
    void aServerThatNeverStartsIsAFailedCellAndTheRunGoesOn() {
        final FakePlacement p = new FakePlacement(Role.NODE_B);
        final List<String> progress = new ArrayList<>();
        final Runner r = new Runner(p, 2, 1, null, Duration.ofSeconds(1), 30000, progress::add);
        final List<Cell> cells = r.run(List.of(
                Scenario.named("pod-to-pod-same-node").orElseThrow(),
                Scenario.named("node-to-node").orElseThrow()));

        assertThat(cells).hasSize(8);
        final List<Cell> failed = cells.stream().filter(Cell::failed).toList();
        assertThat(failed).hasSize(4).allMatch(c -> c.scenario().equals("node-to-node"));
        assertThat(failed).allSatisfy(c -> {
            assertThat(c.error()).startsWith("server did not start: server did not listen on port");
            assertThat(c.serverLog()).isEqualTo("boom\n");
            assertThat(c.runs()).isEmpty();
            // tried twice, the first attempt kept
            assertThat(c.firstAttempt()).isNotNull();
            assertThat(c.firstAttempt().error()).startsWith("server did not start");
        });
        assertThat(cells.stream().filter(c -> !c.failed()))
                .hasSize(4)
                .allSatisfy(c -> assertThat(c.runs()).extracting(Run::kind).containsExactly(Run.STANDARD));
        assertThat(p.live).isZero();
        assertThat(progress).hasSize(8).anyMatch(l -> l.contains("FAILED: server did not start"));
        // No client ever ran against the dead server.
        assertThat(p.calls).noneMatch(c -> c.startsWith("client node-a"));
    }

    @Test
    void aFailedCellGetsOneMoreAttemptAndKeepsTheFirst() {
        final FakePlacement p = new FakePlacement(null);
        p.failFirstStarts = 1;
        final Runner r = new Runner(p, 1, 1, null, Duration.ofSeconds(1), 30000, l -> {});
        final List<Cell> cells = r.run(List.of(Scenario.named("node-to-node").orElseThrow()));
        assertThat(cells).hasSize(2);
        final Cell retried = cells.get(0);
        assertThat(retried.failed()).isFalse();
        assertThat(retried.firstAttempt().error()).startsWith("server did not start");
        assertThat(cells.get(1).firstAttempt()).isNull();
        assertThat(p.calls.stream().filter(c -> c.startsWith("start")))
                .containsExactly("start node-b qperf 30000", "start node-b qperf 31000", "start node-b jqperf 30002");
    }

    @Test
    void toolsAlternateAndShareThePositions() {
        final FakePlacement p = new FakePlacement(null);
        final Runner r = new Runner(p, 2, 1, "msg_size:64:256:*4", Duration.ofSeconds(1), 30000, l -> {});
        final List<Cell> cells = r.run(List.of(Scenario.named("pod-to-own-node").orElseThrow()));
        assertThat(cells).extracting(Cell::tool).containsExactly("qperf", "jqperf", "jqperf", "qperf");
        assertThat(cells).extracting(Cell::round).containsExactly(1, 1, 2, 2);
        assertThat(p.calls.stream().filter(c -> c.startsWith("start"))).allMatch(c -> c.startsWith("start node-a "));
        assertThat(p.calls.stream().filter(c -> c.startsWith("client")))
                .allMatch(c -> c.startsWith("client pod-a1 ") && c.contains(" 10.244.1.1 -lp "));
        assertThat(p.calls)
                .anyMatch(c -> c.endsWith("-t 1 -v tcp_bw udp_bw tcp_lat udp_lat conf"))
                .anyMatch(c -> c.endsWith("-t 1 -v -oo msg_size:64:256:*4 tcp_bw tcp_lat"));
        // The canned output has one tcp_bw block, the 2-point sweep expects two: the sweep fails, honestly.
        assertThat(cells)
                .allSatisfy(c -> assertThat(c.firstError()).isEqualTo("sweep: tcp_bw: 1 result block(s), expected 2"));
    }

    @Test
    void jqperfStandardRunsAskForEveryScopeStockQperfAndSweepsDoNot() {
        final FakePlacement p = new FakePlacement(null);
        final Runner r = new Runner(p, 1, 1, "msg_size:64:64:*4", Duration.ofSeconds(1), 30000, l -> {});
        // a one-point sweep: the canned output is complete for it, so no cell fails and none is retried
        assertThat(r.run(List.of(Scenario.named("node-to-node").orElseThrow()))).noneMatch(Cell::failed);
        final List<String> clients =
                p.calls.stream().filter(c -> c.startsWith("client")).toList();
        assertThat(clients)
                .containsExactly(
                        "client node-a qperf 198.18.0.2 -lp 30000 -t 1 -v tcp_bw udp_bw tcp_lat udp_lat conf",
                        "client node-a qperf 198.18.0.2 -lp 30000 -t 1 -v -oo msg_size:64:64:*4 tcp_bw tcp_lat",
                        "client node-a jqperf 198.18.0.2 -lp 30002 -t 1 -v --cpu-scope all tcp_bw udp_bw tcp_lat"
                                + " udp_lat conf",
                        "client node-a jqperf 198.18.0.2 -lp 30002 -t 1 -v -oo msg_size:64:64:*4 tcp_bw tcp_lat");
    }

    /**
     * The estimate printed before a run: the full run (5 scenarios, 3 rounds, -t 2, the 6-size sweep) comes to about
     * 22 minutes (the last full run took 21), --quick to about 3 (the --quick runs of 2026-12-03 took 1.5 min).
     */
    @Test
    void estimateOfTheFullAndTheQuickRun() {
        final FakePlacement p = new FakePlacement(null);
        final Runner full = new Runner(p, 3, 2, Runner.DEFAULT_LOOP, Duration.ofSeconds(1), 30000, l -> {});
        // per cell: 4 s start-up + (4 standard + 12 sweep tests) x (2 s + 0.4 s); 30 cells; 30 s testbed
        assertThat(full.estimateSeconds(5)).isEqualTo(30 + 30 * (4 + 38));
        assertThat((full.estimateSeconds(5) + 59) / 60).isEqualTo(22);
        final Runner quick = new Runner(p, 1, 1, null, Duration.ofSeconds(1), 30000, l -> {});
        assertThat((quick.estimateSeconds(5) + 59) / 60).isEqualTo(3);
    }
}
