package io.github.jqperf.scenarios.placement;

import io.github.jqperf.scenarios.Role;
import io.github.jqperf.scenarios.Scenario;
import io.github.jqperf.scenarios.Tool;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where a scenario's roles run: the one thing that differs between the local testbed (the first implementation,
 * {@link LocalTestbedPlacement}) and a real cluster. The runner only starts servers, runs clients and stops
 * servers through it; every call is bounded in time.
 */
public interface Placement extends AutoCloseable {

    /**
     * Makes the roles ready (e.g. brings the testbed up, loads the image).
     *
     * @throws IOException when it cannot; the message says what to do
     */
    void open() throws IOException;

    /** {@return where the roles run, in words, for the report} */
    String describe();

    /** {@return how jqperf runs in pod roles: {@code image} (the project's image) or {@code jar} (the CLI jar)} */
    String jqperfInPods();

    /** {@return facts about the place for the report's environment section (versions, MTUs, status)} */
    Map<String, String> environment();

    /** {@return CPU pinning in words, for the saved settings} */
    default String pinning() {
        return "none";
    }

    /**
     * Whether this placement runs a tool at all (a cluster runs stock qperf only from a given image).
     *
     * @param tool the tool
     * @return {@code true} when the runner should run its cells
     */
    default boolean runs(final Tool tool) {
        return true;
    }

    /**
     * Called before each cell's server starts, so a placement that builds per-scenario objects knows the scenario.
     *
     * @param scenario the cell's scenario
     * @param tool the cell's tool
     */
    default void beginCell(final Scenario scenario, final Tool tool) {}

    /**
     * The control port of a cell (a cluster's pods keep the overlays' port and readiness probe).
     *
     * @param scenario the scenario
     * @param proposed the runner's port
     * @return the port to use
     */
    default int controlPort(final Scenario scenario, final int proposed) {
        return proposed;
    }

    /**
     * The address the client connects to (a cluster knows it only once the server pod runs).
     *
     * @param scenario the scenario
     * @param server the running server
     * @return the address
     */
    default String target(final Scenario scenario, final Server server) {
        return scenario.target();
    }

    /**
     * Starts a server and waits until it listens.
     *
     * @param role where it runs
     * @param tool which implementation
     * @param port its control port
     * @param timeout how long to wait for it to listen
     * @return the running server
     * @throws ServerStartException when it exits or does not listen in time
     */
    Server startServer(Role role, Tool tool, int port, Duration timeout) throws ServerStartException;

    /**
     * Runs a client to its end, or kills it on the timeout.
     *
     * @param role where it runs
     * @param tool which implementation
     * @param args qperf's command line without the program name
     * @param timeout the longest it may run
     * @return how it ended (never throws for a failed client)
     */
    Outcome runClient(Role role, Tool tool, List<String> args, Duration timeout);

    /**
     * Stops a server (bounded; a no-op for one already stopped).
     *
     * @param server what {@link #startServer} returned
     */
    void stopServer(Server server);

    /** Removes everything this placement made; idempotent, safe from a shutdown hook. */
    @Override
    void close();
}
