package io.github.jqperf.scenarios.results;

import java.util.List;

/**
 * How the run was made.
 *
 * @param rounds rounds per scenario and tool
 * @param seconds each test's duration ({@code -t})
 * @param quick whether {@code --quick} was given
 * @param standardTests the standard run's tests
 * @param sweepLoop the sweep's {@code -oo} loop, or {@code null} when there was no sweep
 * @param sweepTests the sweep's tests
 * @param placement where the roles ran, in words
 * @param jqperfInPods how jqperf ran in pods: {@code image} (podman) or {@code jar} (CLI jar process)
 * @param pinning CPU pinning, in words
 * @param scenarios the scenarios run
 */
public record Settings(
        int rounds,
        int seconds,
        boolean quick,
        List<String> standardTests,
        String sweepLoop,
        List<String> sweepTests,
        String placement,
        String jqperfInPods,
        String pinning,
        List<String> scenarios) {}
