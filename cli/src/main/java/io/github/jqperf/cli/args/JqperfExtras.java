package io.github.jqperf.cli.args;

import java.util.Optional;

/**
 * Values of the options jqperf has and qperf 0.4.11 does not. They are all long options starting with
 * {@code --} and a name qperf does not use, so they never change what a qperf command line means.
 *
 * <p><b>Adding an extra option</b> (e.g. {@code --json}, {@code --percentiles}): add a component here (and to
 * {@link #DEFAULT}), a constant to {@link Option} and its case in {@link QperfCommandLine}'s {@code applyExtra},
 * and a line to the {@code extras} help topic in {@link HelpTexts}.
 *
 * @param loopback {@code --loopback}: start an in-process server on 127.0.0.1 and run the tests against it; no
 *                 server name is expected on the command line then
 * @param busyPoll {@code --busy-poll}: latency tests busy-poll their data sockets instead of blocking (Netty's
 *                 {@code BUSY_WAIT}; a full CPU per side while they run)
 */
public record JqperfExtras(boolean loopback, boolean busyPoll) {
    /** No extra option given. */
    public static final JqperfExtras DEFAULT = new JqperfExtras(false, false);

    /** With {@code --loopback}. */
    public JqperfExtras withLoopback(final boolean on) {
        return new JqperfExtras(on, busyPoll);
    }

    /** With {@code --busy-poll}. */
    public JqperfExtras withBusyPoll(final boolean on) {
        return new JqperfExtras(loopback, on);
    }

    /** The jqperf-only options. */
    public enum Option {
        /** Client: run against an in-process server on 127.0.0.1. */
        LOOPBACK("--loopback", false, "Run an in-process server on 127.0.0.1 and test against it"),
        /** Client and server: latency tests busy-poll the data sockets. */
        BUSY_POLL("--busy-poll", true, "Latency tests busy-poll the data sockets (lower latency, a full CPU)");

        private final String optionName;
        private final boolean server;
        private final String summary;

        Option(final String optionName, final boolean server, final String summary) {
            this.optionName = optionName;
            this.server = server;
            this.summary = summary;
        }

        /** As typed, e.g. {@code --loopback}. */
        public String optionName() {
            return optionName;
        }

        /** Whether a server may be given it (otherwise it makes the process a client, like qperf's options). */
        public boolean server() {
            return server;
        }

        /** One-line description for the help texts. */
        public String summary() {
            return summary;
        }

        /** The extra option with this exact name. */
        public static Optional<Option> byName(final String name) {
            for (final Option o : values()) {
                if (o.optionName.equals(name)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }
    }
}
