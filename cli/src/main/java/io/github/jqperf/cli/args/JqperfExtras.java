package io.github.jqperf.cli.args;

import io.github.jqperf.engine.spec.PacingRate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Values of the options jqperf has and qperf 0.4.11 does not. They are all long options starting with
 * {@code --} and a name qperf does not use, so they never change what a qperf command line means.
 *
 * <p>Each option is a constant of {@link Option}; the value typed for it (or {@code ""} for a flag) is kept as text,
 * checked when the command line is read (a bad value is a one-line error then, never later), and read through the
 * typed accessors below. Like qperf's own options, an extra option applies to the tests named after it.
 *
 * <p><b>Adding an extra option</b>: add a constant to {@link Option} (name, whether a server may take it, whether it
 * takes a value, a check of the value, a one-line summary) and a typed accessor here. The parser, the help texts
 * ({@code jqperf --help extras}) and the tests of the option table pick it up from the enum.
 */
public final class JqperfExtras {
    /** No extra option given. */
    public static final JqperfExtras DEFAULT = new JqperfExtras(new EnumMap<>(Option.class));

    private final Map<Option, String> values;

    private JqperfExtras(final EnumMap<Option, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** With {@code option} set to {@code value} ({@code ""} for a flag); the value must have passed its check. */
    public JqperfExtras with(final Option option, final String value) {
        final EnumMap<Option, String> copy = values.isEmpty() ? new EnumMap<>(Option.class) : new EnumMap<>(values);
        copy.put(option, value);
        return new JqperfExtras(copy);
    }

    /** Whether {@code option} was given. */
    public boolean has(final Option option) {
        return values.containsKey(option);
    }

    /** The text given for {@code option}, if it was given. */
    public Optional<String> value(final Option option) {
        return Optional.ofNullable(values.get(option));
    }

    /** The options given, with their values (an unmodifiable view). */
    public Map<Option, String> given() {
        return values;
    }

    /** With {@code --loopback}. */
    public JqperfExtras withLoopback(final boolean on) {
        return on ? with(Option.LOOPBACK, "") : without(Option.LOOPBACK);
    }

    /** With {@code --busy-poll}. */
    public JqperfExtras withBusyPoll(final boolean on) {
        return on ? with(Option.BUSY_POLL, "") : without(Option.BUSY_POLL);
    }

    private JqperfExtras without(final Option option) {
        final EnumMap<Option, String> copy = values.isEmpty() ? new EnumMap<>(Option.class) : new EnumMap<>(values);
        copy.remove(option);
        return new JqperfExtras(copy);
    }

    /** {@code --loopback}. */
    public boolean loopback() {
        return has(Option.LOOPBACK);
    }

    /** {@code --busy-poll}. */
    public boolean busyPoll() {
        return has(Option.BUSY_POLL);
    }

    /** {@code --percentiles}. */
    public boolean percentiles() {
        return has(Option.PERCENTILES);
    }

    /** {@code --hdr-log FILE}. */
    public Optional<String> hdrLog() {
        return value(Option.HDR_LOG);
    }

    /** {@code --cpu-scope}: system (qperf's, the default), process, cgroup or all. */
    public CpuScope cpuScope() {
        return value(Option.CPU_SCOPE).map(CpuScope::parse).orElse(CpuScope.SYSTEM);
    }

    /** {@code --rate RATE} in bits per second. */
    public OptionalLong rateBitsPerSec() {
        return value(Option.RATE)
                .map(v -> OptionalLong.of(PacingRate.parseBitsPerSec(v)))
                .orElse(OptionalLong.empty());
    }

    /** {@code --loss}. */
    public boolean loss() {
        return has(Option.LOSS);
    }

    /** {@code --find-rate}. */
    public boolean findRate() {
        return has(Option.FIND_RATE);
    }

    /** {@code --max-loss PERCENT} (default 0.1): the loss {@code --find-rate} accepts. */
    public double maxLossPercent() {
        return value(Option.MAX_LOSS).map(Double::parseDouble).orElse(0.1);
    }

    /** {@code --find-time SECONDS} (default 30): the time budget of {@code --find-rate}. */
    public int findTimeSeconds() {
        return value(Option.FIND_TIME).map(Integer::parseInt).orElse(30);
    }

    /** {@code --json}. */
    public boolean json() {
        return has(Option.JSON);
    }

    /** {@code --csv}. */
    public boolean csv() {
        return has(Option.CSV);
    }

    /** {@code --interval SECONDS}. */
    public OptionalDouble intervalSeconds() {
        return value(Option.INTERVAL)
                .map(v -> OptionalDouble.of(Double.parseDouble(v)))
                .orElse(OptionalDouble.empty());
    }

    /** {@code --no-progress}. */
    public boolean noProgress() {
        return has(Option.NO_PROGRESS);
    }

    /** {@code --max-time SECONDS}: the longest test a server runs. */
    public OptionalLong maxTimeSeconds() {
        return value(Option.MAX_TIME)
                .map(v -> OptionalLong.of(Long.parseLong(v)))
                .orElse(OptionalLong.empty());
    }

    /** {@code --max-msg-size BYTES}: the largest message a server accepts. */
    public OptionalLong maxMsgSize() {
        return value(Option.MAX_MSG_SIZE)
                .map(v -> OptionalLong.of(Long.parseLong(v)))
                .orElse(OptionalLong.empty());
    }

    /** {@code --allow CIDR,...}: the sources a server serves (as typed; every entry checked at parse time). */
    public Optional<String> allow() {
        return value(Option.ALLOW);
    }

    /** {@code --queue N}: how many clients a server keeps waiting while a test runs. */
    public OptionalInt queue() {
        return value(Option.QUEUE).map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty());
    }

    /** {@code --idle-limit SECONDS}: a server run with nothing from its client for this long ends. */
    public OptionalLong idleLimitSeconds() {
        return value(Option.IDLE_LIMIT)
                .map(v -> OptionalLong.of(Long.parseLong(v)))
                .orElse(OptionalLong.empty());
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof JqperfExtras other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "JqperfExtras" + values;
    }

    /** What {@code --cpu-scope} shows. */
    public enum CpuScope {
        /** qperf's system-wide figures only (the default). */
        SYSTEM,
        /** The jqperf process's own CPU time and memory. */
        PROCESS,
        /** The cgroup the process lives in. */
        CGROUP,
        /** All three. */
        ALL;

        /** As typed after {@code --cpu-scope}. */
        public static CpuScope parse(final String text) {
            return switch (text) {
                case "system" -> SYSTEM;
                case "process" -> PROCESS;
                case "cgroup" -> CGROUP;
                case "all" -> ALL;
                default ->
                    throw new IllegalArgumentException(
                            "--cpu-scope: '" + text + "' is not a scope; use system, process, cgroup or all");
            };
        }
    }

    /** The jqperf-only options. */
    public enum Option {
        /** Client: run against an in-process server on 127.0.0.1. */
        LOOPBACK("--loopback", false, null, "", "Run an in-process server on 127.0.0.1 and test against it"),
        /** Client and server: latency tests busy-poll the data sockets. */
        BUSY_POLL(
                "--busy-poll", true, null, "", "Latency tests busy-poll the data sockets (lower latency, a full CPU)"),
        /** Client: latency percentile lines. */
        PERCENTILES("--percentiles", false, null, "", "Latency tests also print latency_p50 ... latency_max"),
        /** Client: the latency histogram to a file. */
        HDR_LOG(
                "--hdr-log",
                false,
                v -> nonEmpty("--hdr-log", v),
                "FILE",
                "Write the latency histogram (HdrHistogram log)"),
        /** Client: which CPU and memory figures to show. */
        CPU_SCOPE("--cpu-scope", false, CpuScope::parse, "SCOPE", "CPU/memory shown: system, process, cgroup or all"),
        /** Client: pace udp_bw. */
        RATE("--rate", false, PacingRate::parseBitsPerSec, "RATE", "Pace udp_bw's sender to RATE bits/s (K, M, G)"),
        /** Client: udp_bw's loss line. */
        LOSS("--loss", false, null, "", "udp_bw also prints loss (% of datagrams lost)"),
        /** Client: search the highest rate with loss below --max-loss. */
        FIND_RATE("--find-rate", false, null, "", "udp_bw: find the highest rate with loss <= --max-loss"),
        /** Client: the loss --find-rate accepts. */
        MAX_LOSS(
                "--max-loss",
                false,
                v -> range("--max-loss", Double.parseDouble(v), 0, 100),
                "PERCENT",
                "Loss --find-rate accepts (default 0.1)"),
        /** Client: the time budget of --find-rate. */
        FIND_TIME(
                "--find-time",
                false,
                v -> range("--find-time", Integer.parseInt(v), 1, 3600),
                "SECONDS",
                "Time budget of --find-rate (default 30)"),
        /** Client: JSON output. */
        JSON("--json", false, null, "", "Print one JSON document per run instead of text"),
        /** Client: CSV output. */
        CSV("--csv", false, null, "", "Print one CSV row per test, with a header"),
        /** Client: a sample per interval. */
        INTERVAL(
                "--interval",
                false,
                v -> range("--interval", Double.parseDouble(v), 0.1, 3600),
                "SECONDS",
                "Print a sample every SECONDS while a test runs"),
        /** Client: no progress on the terminal. */
        NO_PROGRESS("--no-progress", false, null, "", "Never show progress on a terminal"),
        /** Server: the longest test it runs. */
        MAX_TIME(
                "--max-time",
                true,
                v -> range("--max-time", Long.parseLong(v), 1, 86_400),
                "SECONDS",
                "Server: refuse tests longer than SECONDS"),
        /** Server: the largest message it accepts. */
        MAX_MSG_SIZE(
                "--max-msg-size",
                true,
                v -> range("--max-msg-size", Long.parseLong(v), 1, 1L << 30),
                "BYTES",
                "Server: refuse messages larger than BYTES"),
        /** Server: the sources it serves. */
        ALLOW("--allow", true, v -> nonEmpty("--allow", v), "CIDR,...", "Server: serve only these source networks"),
        /** Server: how many clients wait while a test runs. */
        QUEUE(
                "--queue",
                true,
                v -> range("--queue", Integer.parseInt(v), 0, 10_000),
                "N",
                "Server: clients kept waiting while a test runs"),
        /** Server: how long a run may go on with nothing from its client. */
        IDLE_LIMIT(
                "--idle-limit",
                true,
                v -> range("--idle-limit", Long.parseLong(v), 1, 86_400),
                "SECONDS",
                "Server: end a test when its client sent nothing for SECONDS (default 30)");

        private final String optionName;
        private final boolean server;
        private final Consumer<String> check;
        private final String valueName;
        private final String summary;

        Option(
                final String optionName,
                final boolean server,
                final Consumer<String> check,
                final String valueName,
                final String summary) {
            this.optionName = optionName;
            this.server = server;
            this.check = check;
            this.valueName = valueName;
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

        /** Whether it takes a value (the next word). */
        public boolean takesValue() {
            return check != null;
        }

        /** The value's name in the help texts ({@code ""} for a flag). */
        public String valueName() {
            return valueName;
        }

        /** One-line description for the help texts. */
        public String summary() {
            return summary;
        }

        /**
         * Checks a value typed for this option.
         *
         * @throws IllegalArgumentException with a one-line message saying what is wrong and what to type
         */
        public void check(final String value) {
            if (check == null) {
                return;
            }
            try {
                check.accept(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(optionName + ": '" + value + "' is not a number", e);
            }
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

    private static void nonEmpty(final String option, final String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(option + ": needs a value");
        }
    }

    private static void range(final String option, final double v, final double min, final double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT, "%s: %s is out of range; use %s to %s", option, fmt(v), fmt(min), fmt(max)));
        }
    }

    private static String fmt(final double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
