package io.github.jqperf.scenarios.placement;

import java.util.List;

/**
 * How a bounded process ended.
 *
 * @param command the command run
 * @param exitCode its exit code, {@code -1} when it was killed on the timeout or never started
 * @param millis wall time
 * @param stdout what it printed on stdout
 * @param stderr what it printed on stderr
 * @param timedOut whether it was killed on the timeout
 * @param startError why it could not be started, or {@code null}
 */
public record Outcome(
        List<String> command,
        int exitCode,
        long millis,
        String stdout,
        String stderr,
        boolean timedOut,
        String startError) {

    /** {@return whether it ran and exited with 0} */
    public boolean ok() {
        return startError == null && !timedOut && exitCode == 0;
    }
}
