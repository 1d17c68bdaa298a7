package io.github.jqperf.scenarios.placement;

import io.github.jqperf.scenarios.Role;
import io.github.jqperf.scenarios.Tool;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local testbed (container/testbed/testbed.sh) as a {@link Placement}: every role is a network namespace
 * {@code PREFIX-ROLE}. Stock qperf runs as a process in the role's namespace ({@code ip netns exec}), pods
 * included. jqperf runs as the CLI jar process (the {@code ./jqperf} launcher) in a node's namespace
 * (hostNetwork), and as the project's image through podman ({@code --network ns:/run/netns/...}, read-only,
 * non-root, no capabilities, the manifests' CPU and memory limits) in a pod, or as the CLI jar process in the
 * pod's namespace when there is no image tar or podman is not wanted. Servers are pinned to the last CPU and
 * clients to CPU 0 (both tools alike) when there are two CPUs or more.
 */
public final class LocalTestbedPlacement implements Placement {

    private static final Pattern LOADED = Pattern.compile("(?m)^Loaded image(?:\\(s\\))?: *(\\S+)");
    /** The lines of {@code testbed.sh status} that the report shows. */
    private static final List<String> STATUS_KEYS =
            List.of("MODE", "PREFIX", "CLUSTER_CIDR", "VXLAN_ID", "VXLAN_PORT", "POD_MTU", "UNDERLAY_MTU", "NFT_TABLE");

    private static final Pattern MTU = Pattern.compile(" mtu ([0-9]+) ");

    private final Path home;
    private final String prefix;
    private final String mode;
    private final boolean podmanWanted;
    private final Path imageTar;
    private final boolean pin;
    private final Path work;
    private final Consumer<String> log;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final Set<String> containers = new LinkedHashSet<>();
    private final List<LocalServer> live = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger serial = new AtomicInteger();
    private final int cpus = Runtime.getRuntime().availableProcessors();

    private volatile boolean testbedMine;
    private String image;
    private String loaded;
    private boolean imagePreexisting;
    private String inPods = "jar";
    private String inPodsWhy = "";
    private String qperf = "qperf";

    /**
     * Creates the placement (nothing happens before {@link #open()}).
     *
     * @param home the repository (holds {@code jqperf} and {@code container/testbed/testbed.sh})
     * @param prefix the testbed's name prefix (1-5 characters [a-z0-9])
     * @param mode {@code vxlan} or {@code host-gw}
     * @param podmanWanted whether jqperf may run in pods as the image through podman
     * @param imageTar the image tar ({@code mvn -B package -Pimage -DskipTests})
     * @param pin whether to pin servers and clients to CPUs
     * @param work a directory for logs and podman's configuration
     * @param log progress lines
     */
    public LocalTestbedPlacement(
            final Path home,
            final String prefix,
            final String mode,
            final boolean podmanWanted,
            final Path imageTar,
            final boolean pin,
            final Path work,
            final Consumer<String> log) {
        this.home = home;
        this.prefix = prefix;
        this.mode = mode;
        this.podmanWanted = podmanWanted;
        this.imageTar = imageTar;
        this.pin = pin && cpus >= 2;
        this.work = work;
        this.log = log;
    }

    private Path testbed() {
        return home.resolve("container/testbed/testbed.sh");
    }

    private Path launcher() {
        return home.resolve("jqperf");
    }

    private String ns(final Role role) {
        return prefix + "-" + role.id();
    }

    @Override
    public void open() throws IOException {
        Files.createDirectories(work);
        final Outcome id = Processes.run(List.of("id", "-u"), env, Duration.ofSeconds(5), work);
        if (!"0".equals(id.stdout().trim())) {
            throw new IOException("the scenarios need root (network namespaces): run as root");
        }
        for (final String tool : List.of("ip", "ss", "taskset", "nft", "qperf")) {
            if (which(tool).isEmpty()) {
                throw new IOException(
                        "missing " + tool + ": apt-get install -y iproute2 nftables qperf util-linux (see README.md)");
            }
        }
        qperf = which("qperf").orElseThrow().toString();
        if (!Files.isExecutable(launcher())) {
            throw new IOException("no launcher at " + launcher());
        }
        final String jar = System.getenv().getOrDefault("JQPERF_JAR", home + "/cli/target/jqperf-all.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IOException("no CLI jar at " + jar + ": build it with mvn -B -q package -DskipTests");
        }
        log.accept("testbed: up --mode " + mode + " --prefix " + prefix);
        testbedMine = true;
        final Outcome up = Processes.run(
                List.of(testbed().toString(), "up", "--mode", mode, "--prefix", prefix),
                env,
                Duration.ofSeconds(120),
                work);
        if (!up.ok()) {
            if (up.exitCode() == 2) {
                testbedMine = false; // somebody else's live testbed (or one a killed run left): leave it alone
            }
            throw new IOException("testbed up failed (exit " + up.exitCode() + "): " + lastLine(up.stderr())
                    + (up.exitCode() == 2
                            ? "; if a killed run left it, remove it: container/testbed/testbed.sh down --prefix "
                                    + prefix
                            : ""));
        }
        preparePods();
        collectFacts();
    }

    private void preparePods() throws IOException {
        if (!podmanWanted) {
            inPodsWhy = "--no-podman given";
            return;
        }
        if (!Files.isRegularFile(imageTar)) {
            inPodsWhy = "no image tar at " + imageTar + " (mvn -B package -Pimage -DskipTests)";
            return;
        }
        if (which("podman").isEmpty() || which("runc").isEmpty()) {
            inPodsWhy = "podman or runc missing (apt-get install -y podman runc)";
            return;
        }
        final Path conf = work.resolve("containers.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "[containers]",
                        "default_ulimits = [\"nofile=20000:20000\", \"nproc=32768:32768\"]",
                        "[engine]",
                        "runtime = \"runc\"",
                        "cgroup_manager = \"cgroupfs\"",
                        "events_logger = \"file\"",
                        ""),
                StandardCharsets.UTF_8);
        env.put("CONTAINERS_CONF", conf.toString());
        final Outcome before = Processes.run(
                List.of("podman", "images", "--format", "{{.Repository}}:{{.Tag}}"), env, Duration.ofSeconds(60), work);
        log.accept("podman: load " + imageTar);
        final Outcome load = Processes.run(
                List.of("podman", "load", "-q", "-i", imageTar.toString()), env, Duration.ofSeconds(180), work);
        final Matcher m = LOADED.matcher(load.stdout() + "\n" + load.stderr());
        if (!load.ok() || !m.find()) {
            inPodsWhy = "podman load failed: " + lastLine(load.stderr());
            return;
        }
        loaded = m.group(1);
        imagePreexisting = Arrays.asList(before.stdout().split("\n")).contains(loaded);
        // A tag of this run's own: another user of the machine may remove or reload the shared tag meanwhile.
        final String own =
                "localhost/jqperf:" + prefix + "-" + ProcessHandle.current().pid();
        final Outcome tag = Processes.run(List.of("podman", "tag", loaded, own), env, Duration.ofSeconds(60), work);
        image = tag.ok() ? own : loaded;
        inPods = "image";
        inPodsWhy = "";
    }

    private void collectFacts() {
        final Outcome status = Processes.run(
                List.of(testbed().toString(), "status", "--prefix", prefix), env, Duration.ofSeconds(30), work);
        for (final String line : status.stdout().split("\n")) {
            final int eq = line.indexOf('=');
            final String key = eq > 0 ? line.substring(0, eq).trim() : "";
            if (STATUS_KEYS.contains(key)) {
                facts.put("testbed." + key, line.substring(eq + 1).trim());
            }
        }
        mtu(Role.POD_A1, prefix + "-eth0").ifPresent(v -> facts.put("mtu.pod", v));
        mtu(Role.NODE_A, prefix + "-underlay").ifPresent(v -> facts.put("mtu.underlay", v));
        mtu(Role.NODE_A, prefix + "-flannel.1").ifPresent(v -> facts.put("mtu.vxlan", v));
        facts.put("qperf.version", firstLine(run(List.of(qperf, "--version"))));
        facts.put("jqperf.version", firstLine(run(List.of(launcher().toString(), "--version"))));
        facts.put("java.launcher", firstLine(run(List.of("java", "-version"))));
        if ("image".equals(inPods)) {
            facts.put("podman.version", firstLine(run(List.of("podman", "--version"))));
            facts.put("image", loaded);
            final String id = firstLine(run(List.of("podman", "image", "inspect", "--format", "{{.Id}}", image)));
            facts.put("image.id", id.length() > 12 ? id.substring(0, 12) : id);
        }
        facts.put("jqperf.in.pods", describePods());
    }

    private String describePods() {
        return "image".equals(inPods)
                ? "the project's image " + loaded + " through podman (--network ns:..., read-only, non-root,"
                        + " --cap-drop=all, --cpus=1, --memory=512m, as in container/k8s)"
                : "the CLI jar as a process in the pod's namespace (" + inPodsWhy + ")";
    }

    private String run(final List<String> cmd) {
        final Outcome o = Processes.run(cmd, env, Duration.ofSeconds(60), work);
        return o.stdout().isBlank() ? o.stderr() : o.stdout();
    }

    private Optional<String> mtu(final Role role, final String dev) {
        final Outcome o = Processes.run(
                List.of("ip", "-n", ns(role), "-o", "link", "show", dev), env, Duration.ofSeconds(10), work);
        final Matcher m = MTU.matcher(o.stdout());
        return o.ok() && m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    public String describe() {
        return "local testbed (container/testbed, mode " + mode + ", prefix " + prefix + "); jqperf in pods: "
                + describePods() + "; stock qperf and jqperf on nodes: processes in the node's namespace";
    }

    @Override
    public String jqperfInPods() {
        return inPods;
    }

    @Override
    public Map<String, String> environment() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** {@return CPU pinning in words} */
    @Override
    public String pinning() {
        return pin
                ? "servers on CPU " + (cpus - 1)
                        + ", clients on CPU 0 (taskset" + ("image".equals(inPods) ? "; podman --cpuset-cpus" : "")
                        + "), both tools alike"
                : "none (fewer than 2 CPUs, or --no-pin)";
    }

    private List<String> command(
            final Role role, final Tool tool, final int cpu, final String name, final List<String> args) {
        final List<String> cmd = new ArrayList<>();
        if (tool == Tool.JQPERF && role.pod() && "image".equals(inPods)) {
            cmd.addAll(List.of(
                    "podman",
                    "run",
                    "--rm",
                    "--name",
                    name,
                    "--pull=never",
                    "--read-only",
                    "--cap-drop=all",
                    "--security-opt=no-new-privileges",
                    "--user=10001:10001",
                    "--cpus=1",
                    "--memory=512m"));
            if (pin) {
                cmd.add("--cpuset-cpus=" + cpu);
            }
            cmd.add("--network=ns:/run/netns/" + ns(role));
            cmd.add(image);
            cmd.addAll(args);
            return cmd;
        }
        cmd.addAll(List.of("ip", "netns", "exec", ns(role)));
        if (pin) {
            cmd.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
        }
        cmd.add(tool == Tool.QPERF ? qperf : launcher().toString());
        cmd.addAll(args);
        return cmd;
    }

    private boolean inContainer(final Role role, final Tool tool) {
        return tool == Tool.JQPERF && role.pod() && "image".equals(inPods);
    }

    @Override
    public Server startServer(final Role role, final Tool tool, final int port, final Duration timeout)
            throws ServerStartException {
        final int n = serial.incrementAndGet();
        final String name = prefix + "-srv-" + n + "-" + ProcessHandle.current().pid();
        final List<String> cmd = command(role, tool, cpus - 1, name, List.of("-lp", Integer.toString(port)));
        final Path logFile = work.resolve("server-" + n + "-" + role.id() + "-" + tool.id() + ".log");
        final LocalServer server;
        synchronized (this) {
            if (closed.get()) {
                throw new ServerStartException("placement closed (interrupted)", "");
            }
            try {
                final ProcessBuilder pb = new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(logFile.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.environment().putAll(env);
                server = new LocalServer(cmd, pb.start(), logFile, inContainer(role, tool) ? name : null);
            } catch (IOException e) {
                throw new ServerStartException("cannot start " + cmd.get(0) + ": " + e.getMessage(), "");
            }
            if (server.container != null) {
                containers.add(name);
            }
            live.add(server);
        }
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.process.isAlive()) {
                stopServer(server);
                throw new ServerStartException(
                        "server exited with code " + server.process.exitValue() + " before listening on port " + port
                                + ": " + lastLine(server.log()),
                        server.log());
            }
            if (listening(role, port)) {
                return server;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stopServer(server);
        throw new ServerStartException(
                "server did not listen on port " + port + " within " + timeout.toSeconds() + " s: "
                        + lastLine(server.log()),
                server.log());
    }

    private boolean listening(final Role role, final int port) {
        final Outcome o = Processes.run(
                List.of("ip", "netns", "exec", ns(role), "ss", "-Hltn", "sport = :" + port),
                env,
                Duration.ofSeconds(10),
                work);
        return o.ok() && !o.stdout().isBlank();
    }

    @Override
    public Outcome runClient(final Role role, final Tool tool, final List<String> args, final Duration timeout) {
        final String name = prefix + "-cli-" + serial.incrementAndGet() + "-"
                + ProcessHandle.current().pid();
        final boolean ctr = inContainer(role, tool);
        synchronized (this) {
            if (closed.get()) {
                return new Outcome(List.of(), -1, 0, "", "", false, "placement closed (interrupted)");
            }
            if (ctr) {
                containers.add(name);
            }
        }
        final Outcome o = Processes.run(command(role, tool, 0, name, args), env, timeout, work);
        if (ctr && o.timedOut()) {
            Processes.run(
                    List.of("podman", "rm", "-f", "-t", "0", "--ignore", name), env, Duration.ofSeconds(30), work);
        }
        return o;
    }

    @Override
    public void stopServer(final Server s) {
        final LocalServer server = (LocalServer) s;
        if (server.container != null) {
            Processes.run(
                    List.of("podman", "rm", "-f", "-t", "2", "--ignore", server.container),
                    env,
                    Duration.ofSeconds(30),
                    work);
        }
        server.process.destroy();
        try {
            if (!server.process.waitFor(5, TimeUnit.SECONDS)) {
                server.process.destroyForcibly();
                server.process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            live.remove(server);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        final List<LocalServer> left;
        synchronized (this) {
            left = new ArrayList<>(live);
        }
        for (final LocalServer s : left) {
            stopServer(s);
        }
        if (env.containsKey("CONTAINERS_CONF")) {
            final List<String> rm = new ArrayList<>(List.of("podman", "rm", "-f", "-t", "0", "--ignore"));
            final Outcome ps = Processes.run(
                    List.of("podman", "ps", "-a", "--format", "{{.Names}}", "--filter", "name=^" + prefix + "-"),
                    env,
                    Duration.ofSeconds(30),
                    work);
            final Set<String> names = new LinkedHashSet<>(containers);
            for (final String line : ps.stdout().split("\n")) {
                if (line.startsWith(prefix + "-")) {
                    names.add(line.trim());
                }
            }
            if (!names.isEmpty()) {
                rm.addAll(names);
                Processes.run(rm, env, Duration.ofSeconds(60), work);
            }
            // Untag only (never -f: that would remove somebody else's containers of the same image).
            if (image != null && !image.equals(loaded)) {
                Processes.run(List.of("podman", "rmi", image), env, Duration.ofSeconds(60), work);
            }
            if (loaded != null && !imagePreexisting) {
                Processes.run(List.of("podman", "rmi", loaded), env, Duration.ofSeconds(60), work);
            }
        }
        if (testbedMine) {
            final Outcome down = Processes.run(
                    List.of(testbed().toString(), "down", "--prefix", prefix), env, Duration.ofSeconds(60), work);
            log.accept("testbed: " + lastLine(down.stdout() + down.stderr()));
        }
    }

    private static Optional<Path> which(final String tool) {
        for (final String dir :
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            final Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        for (final String dir : List.of("/usr/sbin", "/sbin")) {
            final Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The last non-blank line of a text.
     *
     * @param text any text
     * @return its last non-blank line, trimmed, or {@code "(no output)"}
     */
    public static String lastLine(final String text) {
        final String[] lines = text.strip().split("\n");
        final String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? "(no output)" : last;
    }

    private static String firstLine(final String text) {
        final String s = text.strip();
        final int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static final class LocalServer implements Server {
        private final List<String> command;
        private final Process process;
        private final Path logFile;
        private final String container;

        LocalServer(final List<String> command, final Process process, final Path logFile, final String container) {
            this.command = List.copyOf(command);
            this.process = process;
            this.logFile = logFile;
            this.container = container;
        }

        @Override
        public List<String> command() {
            return command;
        }

        @Override
        public String log() {
            return Processes.read(logFile);
        }
    }
}
