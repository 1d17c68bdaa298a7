package io.github.jqperf.scenarios;

import io.github.jqperf.scenarios.parse.QperfOutputParser;
import io.github.jqperf.scenarios.parse.TestBlock;
import io.github.jqperf.scenarios.placement.Outcome;
import io.github.jqperf.scenarios.placement.Placement;
import io.github.jqperf.scenarios.placement.Server;
import io.github.jqperf.scenarios.placement.ServerStartException;
import io.github.jqperf.scenarios.results.Cell;
import io.github.jqperf.scenarios.results.Run;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the cells: per round, per scenario, stock qperf and jqperf in the same positions, their order alternating
 * from round to round. A cell whose server never starts or whose client fails is recorded with its error and the
 * run goes on.
 */
public final class Runner {

    /** The standard qperf run's tests. */
    public static final List<String> STANDARD_TESTS = List.of("tcp_bw", "udp_bw", "tcp_lat", "udp_lat", "conf");
    /** The sweep's tests. */
    public static final List<String> SWEEP_TESTS = List.of("tcp_bw", "tcp_lat");
    /** The default sweep: 64 B to 64 KiB, times 4. */
    public static final String DEFAULT_LOOP = "msg_size:64:64K:*4";
    /**
     * Extra flags of a jqperf client's standard run: the CPU and memory scopes of both sides (process, cgroup, and
     * qperf's system figure beside them; the server's come back through the usage extension). Stock qperf has no
     * such flag: its cells stay system-wide. The sweep reports bandwidth and latency only and runs without them.
     */
    public static final List<String> JQPERF_STANDARD_FLAGS = List.of("--cpu-scope", "all");

    private final Placement placement;
    private final int rounds;
    private final int seconds;
    private final String sweepLoop;
    private final Duration serverTimeout;
    private final int basePort;
    private final Consumer<String> progress;
    private final List<Cell> cells = new ArrayList<>();
    private volatile boolean stopped;

    /**
     * Creates a runner.
     *
     * @param placement where the roles run
     * @param rounds rounds per scenario and tool
     * @param seconds {@code -t}
     * @param sweepLoop the sweep's {@code -oo} loop, or {@code null} for none
     * @param serverTimeout how long a server may take to listen
     * @param basePort the first control port
     * @param progress progress lines
     */
    public Runner(
            final Placement placement,
            final int rounds,
            final int seconds,
            final String sweepLoop,
            final Duration serverTimeout,
            final int basePort,
            final Consumer<String> progress) {
        this.placement = placement;
        this.rounds = rounds;
        this.seconds = seconds;
        this.sweepLoop = sweepLoop;
        this.serverTimeout = serverTimeout;
        this.basePort = basePort;
        this.progress = progress;
    }

    /**
     * Estimated wall time of a run, from the number of tests and typical start-up costs.
     *
     * @param scenarios how many scenarios
     * @return the estimate, seconds
     */
    public long estimateSeconds(final int scenarios) {
        final int tests = 4 + (sweepLoop == null ? 0 : SWEEP_TESTS.size() * RunCheck.loopPoints(sweepLoop));
        final long perCell = 4 + Math.round(tests * (seconds + 0.4));
        final long tools = List.of(Tool.QPERF, Tool.JQPERF).stream()
                .filter(placement::runs)
                .count();
        return 30 + (long) scenarios * tools * rounds * perCell;
    }

    /** Starts no further cell (the run was interrupted); the cell running now ends as its processes are killed. */
    public void stop() {
        stopped = true;
    }

    /** {@return the cells finished so far (a copy; safe from a shutdown hook)} */
    public synchronized List<Cell> cells() {
        return List.copyOf(cells);
    }

    /**
     * Runs every cell.
     *
     * @param scenarios the scenarios
     * @return the cells, in the order run
     */
    public List<Cell> run(final List<Scenario> scenarios) {
        final List<Tool> tools = List.of(Tool.QPERF, Tool.JQPERF).stream()
                .filter(placement::runs)
                .toList();
        final int total = scenarios.size() * rounds * tools.size();
        int index = 0;
        final long t0 = System.nanoTime();
        for (int round = 1; round <= rounds; round++) {
            for (final Scenario s : scenarios) {
                final List<Tool> order =
                        round % 2 == 1 || tools.size() < 2 ? tools : List.of(tools.get(1), tools.get(0));
                for (final Tool tool : order) {
                    if (stopped || Thread.currentThread().isInterrupted()) {
                        return cells();
                    }
                    final int port = basePort + (index % 500) * 2;
                    index++;
                    final long c0 = System.nanoTime();
                    final Cell first = cell(s, round, tool, port);
                    // One more attempt for a failed cell (on 2 shared CPUs a control timeout is common); the
                    // first attempt stays in the results with all its outputs, and the report lists it.
                    final Cell cell = first.failed() && !stopped
                            ? cell(s, round, tool, port + 1000).after(first)
                            : first;
                    synchronized (this) {
                        cells.add(cell);
                    }
                    final long elapsed = (System.nanoTime() - t0) / 1_000_000_000L;
                    progress.accept(String.format(
                            "[%d/%d] round %d %-22s %-6s %s (%.1f s; %d s elapsed)",
                            index,
                            total,
                            round,
                            s.name(),
                            tool.id(),
                            cell.failed() ? "FAILED: " + cell.firstError() : "ok",
                            (System.nanoTime() - c0) / 1e9,
                            elapsed));
                }
            }
        }
        return cells();
    }

    /**
     * One cell: start the server, run the standard run and the sweep, stop the server.
     *
     * @param s the scenario
     * @param round the round
     * @param tool the tool (server and client alike)
     * @param port the control port
     * @return the cell, failed or not
     */
    Cell cell(final Scenario s, final int round, final Tool tool, final int proposedPort) {
        placement.beginCell(s, tool);
        final int port = placement.controlPort(s, proposedPort);
        final Server server;
        try {
            server = placement.startServer(s.server(), tool, port, serverTimeout);
        } catch (ServerStartException e) {
            return new Cell(
                    s.name(),
                    round,
                    tool.id(),
                    List.of(),
                    e.log(),
                    "server did not start: " + e.getMessage(),
                    List.of(),
                    null);
        } catch (RuntimeException e) {
            return new Cell(s.name(), round, tool.id(), List.of(), "", "server did not start: " + e, List.of(), null);
        }
        final List<Run> runs = new ArrayList<>();
        try {
            final String target = placement.target(s, server);
            runs.add(
                    client(s, tool, Run.STANDARD, clientArgs(tool, Run.STANDARD, target, port, seconds, sweepLoop), 1));
            if (sweepLoop != null) {
                runs.add(client(
                        s,
                        tool,
                        Run.SWEEP,
                        clientArgs(tool, Run.SWEEP, target, port, seconds, sweepLoop),
                        RunCheck.loopPoints(sweepLoop)));
            }
        } finally {
            placement.stopServer(server);
        }
        return new Cell(s.name(), round, tool.id(), server.command(), server.log(), null, runs, null);
    }

    /**
     * A client's command line (without the program name): the one place both the runner and the Kubernetes dry-run
     * take it from.
     *
     * @param tool which implementation (jqperf's standard run adds {@link #JQPERF_STANDARD_FLAGS})
     * @param kind {@link Run#STANDARD} or {@link Run#SWEEP}
     * @param target the server's address
     * @param port its control port
     * @param seconds {@code -t}
     * @param sweepLoop the sweep's {@code -oo} loop (used by {@link Run#SWEEP} only)
     * @return the arguments
     */
    public static List<String> clientArgs(
            final Tool tool,
            final String kind,
            final String target,
            final int port,
            final int seconds,
            final String sweepLoop) {
        final List<String> args =
                new ArrayList<>(List.of(target, "-lp", Integer.toString(port), "-t", Integer.toString(seconds), "-v"));
        if (Run.SWEEP.equals(kind)) {
            args.addAll(List.of("-oo", sweepLoop));
            args.addAll(SWEEP_TESTS);
        } else {
            if (tool == Tool.JQPERF) {
                args.addAll(JQPERF_STANDARD_FLAGS);
            }
            args.addAll(STANDARD_TESTS);
        }
        return List.copyOf(args);
    }

    private Run client(
            final Scenario s, final Tool tool, final String kind, final List<String> args, final int points) {
        final List<String> tests = Run.SWEEP.equals(kind) ? SWEEP_TESTS : STANDARD_TESTS;
        final int runTests = (int) tests.stream().filter(t -> !"conf".equals(t)).count() * points;
        final Duration timeout = Duration.ofSeconds(60 + (long) runTests * (2L * seconds + 5));
        final Outcome o = placement.runClient(s.client(), tool, args, timeout);
        final List<TestBlock> blocks = QperfOutputParser.parse(o.stdout());
        final Optional<String> error = RunCheck.check(o, blocks, tests, points, seconds);
        final List<String> command = o.command().isEmpty() ? args : o.command();
        return new Run(kind, command, o.exitCode(), o.millis(), o.stdout(), o.stderr(), blocks, error.orElse(null));
    }
}
