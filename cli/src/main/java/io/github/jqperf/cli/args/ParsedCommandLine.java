package io.github.jqperf.cli.args;

import java.util.List;
import java.util.Optional;

/**
 * A parsed qperf command line: the steps to carry out, in order. The last step is a {@link Step.Serve}, a
 * {@link Step.Fail}, a {@link Step.Help} or a {@link Step.Version} when the program ends that way; otherwise the
 * program is a client that ends after its last test with exit code 0.
 *
 * @param steps the steps, in command-line order
 */
public record ParsedCommandLine(List<Step> steps) {
    public ParsedCommandLine {
        steps = List.copyOf(steps);
    }

    /** True when the command line makes a server. */
    public boolean isServer() {
        return !steps.isEmpty() && steps.get(steps.size() - 1) instanceof Step.Serve;
    }

    /** The error that ends the program, if any. */
    public Optional<Step.Fail> failure() {
        return !steps.isEmpty() && steps.get(steps.size() - 1) instanceof Step.Fail f
                ? Optional.of(f)
                : Optional.empty();
    }

    /** The exit code when every step succeeds at run time: the {@link Step.Fail}'s code, else 0. */
    public int exitCode() {
        return failure().map(Step.Fail::exitCode).orElse(0);
    }

    /** The test runs, in order. */
    public List<Step.RunTest> tests() {
        return steps.stream()
                .filter(Step.RunTest.class::isInstance)
                .map(Step.RunTest.class::cast)
                .toList();
    }

    /** The warnings printed while parsing, in order. */
    public List<String> parseWarnings() {
        return steps.stream()
                .filter(Step.Warn.class::isInstance)
                .map(s -> ((Step.Warn) s).text())
                .toList();
    }
}
