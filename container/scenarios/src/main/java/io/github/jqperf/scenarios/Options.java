package io.github.jqperf.scenarios;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runner's command line: {@code ./jqperf --scenarios [--quick] [--out DIR] [--rounds R] [-t N]
 * [--mode vxlan|host-gw] [--no-podman] [--no-pin] [--scenario NAME]... [--prefix P] [--report-only DIR]}.
 *
 * @param quick one round, {@code -t 1}, no sweep
 * @param out the output directory, or {@code null} for the default
 * @param rounds rounds per scenario and tool
 * @param seconds {@code -t}
 * @param mode the testbed mode
 * @param podman whether jqperf may run in pods as the image
 * @param pin whether to pin processes to CPUs
 * @param scenarios the scenarios to run
 * @param prefix the testbed prefix
 * @param reportOnly a saved results directory to draw the report from, or {@code null}
 * @param home the repository
 * @param help whether help was asked for
 */
public record Options(
        boolean quick,
        Path out,
        int rounds,
        int seconds,
        String mode,
        boolean podman,
        boolean pin,
        List<Scenario> scenarios,
        String prefix,
        Path reportOnly,
        Path home,
        boolean help) {

    /** The usage text. */
    public static final String USAGE = String.join(
            "\n",
            "usage: jqperf --scenarios [--quick] [--out DIR] [--rounds R] [-t N] [--mode vxlan|host-gw]",
            "                          [--no-podman] [--no-pin] [--scenario NAME]... [--prefix P]",
            "       jqperf --scenarios --report-only DIR [--out DIR]",
            "Runs the five scenarios (pod-to-pod-same-node, pod-to-pod-cross-node, node-to-node, pod-to-own-node,",
            "pod-to-other-node) on the local testbed (container/testbed) with stock qperf and jqperf in the same",
            "places, saves DIR/results.json and draws DIR/report.md, DIR/report.html and the charts (docs/scenarios.md).",
            "  --quick          one round, -t 1, no message-size sweep (what CI runs)",
            "  --out DIR        output directory (default: scenarios-YYYYMMDD-HHMMSS)",
            "  --rounds R       rounds per scenario and tool (default 3)",
            "  -t N             seconds per test (default 2, qperf's default)",
            "  --mode M         testbed mode: vxlan (default) or host-gw",
            "  --no-podman      jqperf in pods as the CLI jar process, not the image",
            "  --no-pin         no CPU pinning (default: servers on the last CPU, clients on CPU 0)",
            "  --scenario NAME  run only this scenario (repeatable)",
            "  --prefix P       testbed name prefix (default jqsc)",
            "  --report-only DIR  redraw the report from DIR/results.json without measuring");

    /**
     * Parses the command line.
     *
     * @param args the arguments after {@code --scenarios}
     * @param home the repository
     * @return the options
     * @throws IllegalArgumentException with one line saying what is wrong
     */
    public static Options parse(final List<String> args, final Path home) {
        boolean quick = false;
        Path out = null;
        Integer rounds = null;
        Integer seconds = null;
        String mode = "vxlan";
        boolean podman = true;
        boolean pin = true;
        final List<Scenario> scenarios = new ArrayList<>();
        String prefix = "jqsc";
        Path reportOnly = null;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            final String a = args.get(i);
            switch (a) {
                case "--scenarios" -> {}
                case "--quick" -> quick = true;
                case "--no-podman" -> podman = false;
                case "--no-pin" -> pin = false;
                case "-h", "--help" -> help = true;
                case "--out" -> out = Path.of(value(args, i++, a));
                case "--report-only" -> reportOnly = Path.of(value(args, i++, a));
                case "--rounds" -> rounds = number(value(args, i++, a), a, 1, 100);
                case "-t", "--time" -> seconds = number(value(args, i++, a), a, 1, 600);
                case "--mode" -> {
                    mode = value(args, i++, a);
                    if (!mode.equals("vxlan") && !mode.equals("host-gw")) {
                        throw new IllegalArgumentException("--mode " + mode + ": use vxlan or host-gw");
                    }
                }
                case "--prefix" -> {
                    prefix = value(args, i++, a);
                    if (!prefix.matches("[a-z0-9]{1,5}")) {
                        throw new IllegalArgumentException("--prefix " + prefix + ": 1-5 characters [a-z0-9]");
                    }
                }
                case "--scenario" -> {
                    final String name = value(args, i++, a);
                    scenarios.add(Scenario.named(name)
                            .orElseThrow(() -> new IllegalArgumentException("--scenario " + name + ": unknown; one of "
                                    + Scenario.ALL.stream().map(Scenario::name).toList())));
                }
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument " + a + " (jqperf --scenarios --help lists the options)");
            }
        }
        if (quick && rounds != null && rounds != 1) {
            throw new IllegalArgumentException("--quick runs one round: drop --rounds " + rounds);
        }
        return new Options(
                quick,
                out,
                quick ? 1 : rounds == null ? 3 : rounds,
                seconds != null ? seconds : quick ? 1 : 2,
                mode,
                podman,
                pin,
                scenarios.isEmpty() ? Scenario.ALL : List.copyOf(scenarios),
                prefix,
                reportOnly,
                home,
                help);
    }

    /** {@return whether the message-size sweep runs} */
    public boolean sweep() {
        return !quick;
    }

    private static String value(final List<String> args, final int i, final String name) {
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args.get(i + 1);
    }

    private static int number(final String v, final String name, final int min, final int max) {
        try {
            final int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " " + v + ": a whole number from " + min + " to " + max);
        }
    }
}
