package io.github.jqperf.scenarios.parse;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One test's block in qperf's text output: the {@code tcp_bw:} line and the indented lines below it.
 *
 * @param test the test name ({@code tcp_bw}, {@code conf}, ...)
 * @param metrics the lines in the order printed
 */
public record TestBlock(String test, List<Metric> metrics) {

    /** Copies the list. */
    public TestBlock {
        metrics = List.copyOf(metrics);
    }

    /** {@return the metric called {@code name}, if printed} */
    public Optional<Metric> metric(final String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** {@return the base-unit value of the numeric metric called {@code name}, if printed} */
    public OptionalDouble base(final String name) {
        return metric(name).filter(Metric::numeric).stream()
                .mapToDouble(Metric::base)
                .findFirst();
    }
}
