package io.github.jqperf.scenarios;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runner's command line: {@code ./jqperf --scenarios [--quick] [--out DIR] [--rounds R] [-t N]
 * [--mode vxlan|host-gw] [--no-podman] [--no-pin] [--scenario NAME]... [--prefix P] [--report-only DIR]}, and on a
 * cluster {@code --kubernetes [--context C] [--namespace N] [--nodes A,B] [--image IMG] [--qperf-image IMG]
 * [--ready-timeout S] [--dry-run] [--cleanup]}.
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
 * @param kubernetes the cluster options with {@code --kubernetes}, or {@code null} for the local testbed
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
        boolean help,
        Kubernetes kubernetes) {

    /**
     * The options of a run on a Kubernetes cluster ({@code --kubernetes}).
     *
     * @param context the kubeconfig context, or {@code null} for the current one
     * @param namespace the namespace (created if missing, removed afterwards if the run created it)
     * @param nodes the two nodes to use ({@code --nodes A,B}), or empty to pick two
     * @param image jqperf's image, or {@code null} for the overlays' own
     * @param qperfImage stock qperf's image (qperf on its PATH), or {@code null}: then stock qperf is not run
     * @param dryRun print the objects as YAML instead of running
     * @param readyTimeout seconds a pod may take to be ready
     * @param cleanup remove what earlier runs left instead of running
     */
    public record Kubernetes(
            String context,
            String namespace,
            List<String> nodes,
            String image,
            String qperfImage,
            boolean dryRun,
            int readyTimeout,
            boolean cleanup) {}

    /** The usage text. */
    public static final String USAGE = String.join(
            "\n",
            "usage: jqperf --scenarios [--quick] [--out DIR] [--rounds R] [-t N] [--mode vxlan|host-gw]",
            "                          [--no-podman] [--no-pin] [--scenario NAME]... [--prefix P]",
            "       jqperf --scenarios --report-only DIR [--out DIR]",
            "       jqperf --scenarios --kubernetes [--context C] [--namespace N] [--nodes A,B] [--image IMG]",
            "                          [--qperf-image IMG] [--ready-timeout S] [--dry-run] [--quick] [--rounds R] ...",
            "       jqperf --scenarios --kubernetes --cleanup [--context C] [--namespace N]",
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
            "  --report-only DIR  redraw the report from DIR/results.json without measuring",
            "On a Kubernetes cluster (kubeconfig: KUBECONFIG, ~/.kube/config or the in-cluster service account):",
            "  --kubernetes     run the scenarios as pods built from container/k8s/overlays (docs/kubernetes.md)",
            "  --context C      the kubeconfig context (default: the current one)",
            "  --namespace N    namespace (default jqperf); created if missing, and then removed at the end",
            "                   only if this run created it",
            "  --nodes A,B      the two nodes (default: two schedulable Linux nodes, said which and why)",
            "  --image IMG      jqperf's image (default: the overlays' image)",
            "  --qperf-image IMG  also run stock qperf from IMG (qperf on its PATH) in the same places",
            "  --ready-timeout S  seconds a pod may take to start and be ready (default 120)",
            "  --dry-run        print the pods of one round of every scenario as one YAML stream on stdout,",
            "                   each labelled jqperf.io/scenario=NAME; touches no cluster",
            "  --cleanup        delete what killed runs left, then exit: the pods labelled",
            "                   app.kubernetes.io/managed-by=jqperf-scenarios in the namespace and the namespaces",
            "                   a run created (any run's: not while another run is going)");

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
        boolean kubernetes = false;
        String context = null;
        String namespace = null;
        List<String> nodes = List.of();
        String image = null;
        String qperfImage = null;
        boolean dryRun = false;
        Integer readyTimeout = null;
        boolean cleanup = false;
        final List<String> clusterOnly = new ArrayList<>();
        final List<String> localOnly = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            final String a = args.get(i);
            switch (a) {
                case "--scenarios" -> {}
                case "--quick" -> quick = true;
                case "--no-podman" -> {
                    podman = false;
                    localOnly.add(a);
                }
                case "--no-pin" -> {
                    pin = false;
                    localOnly.add(a);
                }
                case "-h", "--help" -> help = true;
                case "--out" -> out = Path.of(value(args, i++, a));
                case "--report-only" -> reportOnly = Path.of(value(args, i++, a));
                case "--rounds" -> rounds = number(value(args, i++, a), a, 1, 100);
                case "-t", "--time" -> seconds = number(value(args, i++, a), a, 1, 600);
                case "--mode" -> {
                    mode = value(args, i++, a);
                    localOnly.add(a);
                    if (!mode.equals("vxlan") && !mode.equals("host-gw")) {
                        throw new IllegalArgumentException("--mode " + mode + ": use vxlan or host-gw");
                    }
                }
                case "--kubernetes" -> kubernetes = true;
                case "--dry-run" -> {
                    dryRun = true;
                    clusterOnly.add(a);
                }
                case "--cleanup", "cleanup" -> {
                    cleanup = true;
                    clusterOnly.add(a);
                }
                case "--context" -> {
                    context = value(args, i++, a);
                    clusterOnly.add(a);
                }
                case "--namespace" -> {
                    namespace = value(args, i++, a);
                    clusterOnly.add(a);
                    if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                        throw new IllegalArgumentException("--namespace " + namespace
                                + ": not a namespace name (lower-case letters, digits and '-', at most 63)");
                    }
                }
                case "--nodes" -> {
                    final String v = value(args, i++, a);
                    clusterOnly.add(a);
                    nodes = List.of(v.split(",", -1));
                    if (nodes.size() != 2
                            || nodes.get(0).isBlank()
                            || nodes.get(1).isBlank()
                            || nodes.get(0).equals(nodes.get(1))) {
                        throw new IllegalArgumentException("--nodes " + v + ": two different node names, A,B");
                    }
                }
                case "--image" -> {
                    image = value(args, i++, a);
                    clusterOnly.add(a);
                }
                case "--qperf-image" -> {
                    qperfImage = value(args, i++, a);
                    clusterOnly.add(a);
                }
                case "--ready-timeout" -> {
                    readyTimeout = number(value(args, i++, a), a, 1, 3600);
                    clusterOnly.add(a);
                }
                case "--prefix" -> {
                    prefix = value(args, i++, a);
                    localOnly.add(a);
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
        if (!kubernetes && !clusterOnly.isEmpty()) {
            throw new IllegalArgumentException(clusterOnly.get(0) + " needs --kubernetes (a run on a cluster)");
        }
        if (kubernetes && !localOnly.isEmpty()) {
            throw new IllegalArgumentException(
                    localOnly.get(0) + " is for the local testbed, not --kubernetes (drop one of them)");
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
                help,
                kubernetes
                        ? new Kubernetes(
                                context,
                                namespace == null ? "jqperf" : namespace,
                                nodes,
                                image,
                                qperfImage,
                                dryRun,
                                readyTimeout == null ? 120 : readyTimeout,
                                cleanup)
                        : null);
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
