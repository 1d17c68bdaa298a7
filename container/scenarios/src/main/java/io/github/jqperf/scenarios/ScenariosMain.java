package io.github.jqperf.scenarios;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.jqperf.scenarios.kubernetes.DryRun;
import io.github.jqperf.scenarios.kubernetes.KubernetesPlacement;
import io.github.jqperf.scenarios.kubernetes.Overlays;
import io.github.jqperf.scenarios.kubernetes.PodFactory;
import io.github.jqperf.scenarios.placement.LocalTestbedPlacement;
import io.github.jqperf.scenarios.placement.Placement;
import io.github.jqperf.scenarios.report.ReportWriter;
import io.github.jqperf.scenarios.results.Cell;
import io.github.jqperf.scenarios.results.Results;
import io.github.jqperf.scenarios.results.ResultsStore;
import io.github.jqperf.scenarios.results.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./jqperf --scenarios ...}: brings the testbed up, runs the cells, removes the testbed (also on SIGINT and
 * SIGTERM), saves {@code results.json}, then draws the report from it. {@code --report-only DIR} only draws.
 */
public final class ScenariosMain {

    private static final String PROG = "jqperf --scenarios";

    private ScenariosMain() {}

    /**
     * Entry point.
     *
     * @param args the arguments (a leading {@code --scenarios} is ignored)
     */
    public static void main(final String[] args) {
        System.exit(run(args));
    }

    private static void say(final String line) {
        System.err.println(PROG + ": " + line);
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     * @return the exit code: 0 all cells passed, 1 a failed cell or error, 2 a bad command line
     */
    static int run(final String[] args) {
        final Path home =
                Path.of(System.getProperty("jqperf.home", ".")).toAbsolutePath().normalize();
        final Options o;
        try {
            o = Options.parse(Arrays.asList(args), home);
        } catch (IllegalArgumentException e) {
            say(e.getMessage());
            return 2;
        }
        if (o.help()) {
            System.out.println(Options.USAGE);
            return 0;
        }
        final String commandLine = "./jqperf --scenarios"
                + Arrays.stream(args)
                        .filter(a -> !a.equals("--scenarios"))
                        .map(a -> " " + a)
                        .reduce("", String::concat);
        final Options.Kubernetes k = o.kubernetes();
        if (k != null && k.dryRun()) {
            try {
                System.out.print(DryRun.stream(
                        new PodFactory(overlays(home)),
                        o.scenarios(),
                        k.namespace(),
                        k.image(),
                        k.qperfImage(),
                        k.nodes().isEmpty() ? "node-a" : k.nodes().get(0),
                        k.nodes().isEmpty() ? "node-b" : k.nodes().get(1),
                        o.seconds(),
                        o.sweep() ? Runner.DEFAULT_LOOP : null));
                System.out.flush();
                return 0;
            } catch (RuntimeException e) {
                say("cannot build the objects: " + e.getMessage());
                return 1;
            }
        }
        if (k != null && k.cleanup()) {
            try (KubernetesClient client = client(k)) {
                final int n = KubernetesPlacement.cleanup(client, k.namespace(), ScenariosMain::say);
                say("cleanup: " + n + (n == 1 ? " object" : " objects") + " deleted");
                return 0;
            } catch (IllegalArgumentException e) {
                say(e.getMessage());
                return 2;
            } catch (RuntimeException e) {
                say("cleanup failed: " + KubernetesPlacement.oneLine(e)
                        + "; check the kubeconfig, --context and the permissions (docs/kubernetes.md)");
                return 1;
            }
        }
        if (o.reportOnly() != null) {
            try {
                final Results r = ResultsStore.read(o.reportOnly());
                final Path out = o.out() != null
                        ? o.out()
                        : Files.isDirectory(o.reportOnly())
                                ? o.reportOnly()
                                : o.reportOnly().getParent();
                for (final Path p : ReportWriter.write(r, out)) {
                    say("wrote " + p);
                }
                return 0;
            } catch (IOException | RuntimeException e) {
                say("cannot draw the report from " + o.reportOnly() + ": " + e.getMessage());
                return 1;
            }
        }
        final Path out = o.out() != null
                ? o.out()
                : Path.of("scenarios-"
                        + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                                .withZone(ZoneOffset.UTC)
                                .format(Instant.now()));
        final Path work;
        try {
            Files.createDirectories(out);
            work = Files.createTempDirectory("jqperf-scenarios");
        } catch (IOException e) {
            say("cannot create " + out + ": " + e.getMessage());
            return 1;
        }
        final Path tar =
                Path.of(System.getenv().getOrDefault("JQPERF_IMAGE_TAR", home + "/container/target/jqperf-image.tar"));
        final KubernetesClient kubeClient;
        try {
            kubeClient = k == null ? null : client(k);
        } catch (IllegalArgumentException e) {
            say(e.getMessage());
            return 2;
        }
        final Placement placement = k == null
                ? new LocalTestbedPlacement(
                        home, o.prefix(), o.mode(), o.podman(), tar, o.pin(), work, ScenariosMain::say)
                : new KubernetesPlacement(
                        kubeClient,
                        new PodFactory(overlays(home)),
                        k.namespace(),
                        k.nodes(),
                        k.image(),
                        k.qperfImage(),
                        Duration.ofSeconds(k.readyTimeout()),
                        Long.toString(System.currentTimeMillis() / 1000 % 1_000_000_000L, 36),
                        ScenariosMain::say);
        final Runner runner = new Runner(
                placement,
                o.rounds(),
                o.seconds(),
                o.sweep() ? Runner.DEFAULT_LOOP : null,
                Duration.ofSeconds(k == null ? 60 : k.readyTimeout()),
                24800,
                ScenariosMain::say);
        final String started = now();
        final Map<String, String> env = new LinkedHashMap<>(hostFacts());
        final Object lock = new Object();
        final boolean[] saved = {false};
        final Thread hook = new Thread(() -> {
            synchronized (lock) {
                if (saved[0]) {
                    return;
                }
                say("interrupted: removing the testbed and containers, saving what was measured");
                runner.stop();
                placement.close();
                try {
                    ResultsStore.write(
                            out,
                            results(o, commandLine, started, "interrupted " + now(), env, placement, runner.cells()));
                } catch (IOException e) {
                    say("cannot save results: " + e.getMessage());
                }
                saved[0] = true;
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        final List<Cell> cells;
        try {
            say("estimated time: about " + (runner.estimateSeconds(o.scenarios().size()) + 59) / 60 + " min ("
                    + o.scenarios().size() + " scenarios x "
                    + (k != null && k.qperfImage() == null ? "1 tool (jqperf; no --qperf-image)" : "2 tools") + " x "
                    + o.rounds()
                    + (o.rounds() == 1 ? " round" : " rounds") + ", -t " + o.seconds()
                    + (o.sweep() ? ", with the message-size sweep)" : ", no sweep)"));
            try {
                placement.open();
            } catch (IOException e) {
                say(e.getMessage());
                synchronized (lock) {
                    placement.close();
                    saved[0] = true;
                }
                return 1;
            }
            env.putAll(placement.environment());
            say("jqperf in pods: " + env.getOrDefault("jqperf.in.pods", placement.jqperfInPods()));
            cells = runner.run(o.scenarios());
        } finally {
            synchronized (lock) {
                if (!saved[0]) {
                    placement.close();
                }
            }
        }
        final Results results;
        synchronized (lock) {
            if (saved[0]) {
                return 1;
            }
            results = results(o, commandLine, started, now(), env, placement, cells);
            try {
                say("saved " + ResultsStore.write(out, results));
            } catch (IOException e) {
                say("cannot save results: " + e.getMessage());
                return 1;
            }
            saved[0] = true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already
        }
        deleteTree(work);
        if (kubeClient != null) {
            kubeClient.close();
        }
        try {
            for (final Path p : ReportWriter.write(results, out)) {
                say("wrote " + p);
            }
        } catch (IOException e) {
            say("cannot write the report: " + e.getMessage());
            return 1;
        }
        final long failed = cells.stream().filter(Cell::failed).count();
        say(cells.size() + " cells, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private static Results results(
            final Options o,
            final String commandLine,
            final String started,
            final String finished,
            final Map<String, String> env,
            final Placement placement,
            final List<Cell> cells) {
        final Settings settings = new Settings(
                o.rounds(),
                o.seconds(),
                o.quick(),
                Runner.STANDARD_TESTS,
                o.sweep() ? Runner.DEFAULT_LOOP : null,
                Runner.SWEEP_TESTS,
                placement.describe(),
                placement.jqperfInPods(),
                placement.pinning(),
                o.scenarios().stream().map(Scenario::name).toList());
        return new Results(Results.SCHEMA, commandLine, started, finished, env, settings, cells);
    }

    /**
     * The kubeconfig's client: {@code KUBECONFIG}, {@code ~/.kube/config} or the in-cluster service account, with
     * {@code --context}.
     */
    private static KubernetesClient client(final Options.Kubernetes k) {
        final String kubeconfig = System.getenv("KUBECONFIG");
        final boolean anyFile = kubeconfig != null
                ? Arrays.stream(kubeconfig.split(java.io.File.pathSeparator))
                        .anyMatch(f -> !f.isEmpty() && Files.isRegularFile(Path.of(f)))
                : Files.isRegularFile(Path.of(System.getProperty("user.home"), ".kube", "config"));
        if (!anyFile && System.getenv("KUBERNETES_SERVICE_HOST") == null) {
            say("no kubeconfig found (" + (kubeconfig != null ? "KUBECONFIG=" + kubeconfig : "~/.kube/config")
                    + ") and not in a pod: trying the in-cluster address; set KUBECONFIG or use kubectl config");
        }
        final Config config = Config.autoConfigure(k.context());
        if (k.context() != null
                && (config.getCurrentContext() == null
                        || !k.context().equals(config.getCurrentContext().getName()))) {
            throw new IllegalArgumentException("--context " + k.context() + ": no such context in the kubeconfig"
                    + " (it has "
                    + (config.getContexts() == null
                            ? "none"
                            : config.getContexts().stream()
                                    .map(c -> c.getName())
                                    .toList()
                                    .toString())
                    + "; kubectl config get-contexts lists them)");
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** The overlays: the repository's container/k8s when there is one, else the copy in the runner's jar. */
    private static Overlays overlays(final Path home) {
        final Path dir = home.resolve("container/k8s");
        return Files.isDirectory(dir.resolve("overlays")) ? Overlays.fromDirectory(dir) : Overlays.fromClasspath();
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Map<String, String> hostFacts() {
        final Map<String, String> m = new LinkedHashMap<>();
        m.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("os", osRelease());
        m.put("cpu", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        m.put("java (runner)", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return m;
    }

    private static String osRelease() {
        try (Stream<String> lines = Files.lines(Path.of("/etc/os-release"))) {
            return lines.filter(l -> l.startsWith("PRETTY_NAME="))
                    .map(l -> l.substring(12).replace("\"", ""))
                    .findFirst()
                    .orElse("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static void deleteTree(final Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: best effort
        }
    }
}
