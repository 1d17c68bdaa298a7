package io.github.jqperf.scenarios.placement;

import java.util.List;

/** A server that a {@link Placement} started and will stop. */
public interface Server {

    /** {@return the command that started it} */
    List<String> command();

    /** {@return what it printed so far (at most the last 64 KiB)} */
    String log();
}
