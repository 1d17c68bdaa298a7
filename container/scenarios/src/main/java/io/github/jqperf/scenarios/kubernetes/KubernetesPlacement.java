package io.github.jqperf.scenarios.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.jqperf.scenarios.Role;
import io.github.jqperf.scenarios.Scenario;
import io.github.jqperf.scenarios.Tool;
import io.github.jqperf.scenarios.placement.Outcome;
import io.github.jqperf.scenarios.placement.Placement;
import io.github.jqperf.scenarios.placement.Server;
import io.github.jqperf.scenarios.placement.ServerStartException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The scenarios on a Kubernetes cluster (the second {@link Placement}): per cell a server pod and, per measurement,
 * a client pod, built by {@link PodFactory} from the overlays and pinned to the two picked nodes ({@link
 * NodeChoice}). The server must be Ready (the overlay's readiness probe) within the deadline; the client runs to its
 * end and its log is its output. A pod that cannot start for a reason that will not pass (Pod Security admission,
 * an image that cannot be pulled, no node that can take it) is told in one line per scenario and tool, and the
 * scenario's later cells fail at once with the same reason while the other scenarios go on. Everything it creates
 * carries {@link PodFactory#MANAGED_BY} and {@link PodFactory#RUN}; {@link #close()} deletes it (and the namespace
 * when the run created it), and {@link #cleanup} removes what a killed run left.
 */
public final class KubernetesPlacement implements Placement {

    /** How long a stopped server's pod may take to go (its grace period is 10 s). */
    static final Duration GONE = Duration.ofSeconds(30);

    /** How often the pods' status is read while waiting. */
    static final Duration POLL = Duration.ofMillis(250);

    private static final Set<String> PULL_ERRORS =
            Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull");
    private static final Set<String> CONFIG_ERRORS =
            Set.of("CreateContainerConfigError", "CreateContainerError", "RunContainerError");

    private final KubernetesClient client;
    private final PodFactory factory;
    private final String namespace;
    private final List<String> requestedNodes;
    private final String image;
    private final String qperfImage;
    private final Duration readyTimeout;
    private final String runId;
    private final Consumer<String> say;
    private final AtomicInteger seq = new AtomicInteger();
    private final Map<String, String> failedForGood = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile boolean createdNamespace;

    /** Pod Security admission's enforce label on a namespace. */
    static final String POD_SECURITY_ENFORCE = "pod-security.kubernetes.io/enforce";

    private volatile NodeChoice nodes;
    private volatile Scenario scenario;

    /**
     * Creates the placement (nothing happens on the cluster before {@link #open()}).
     *
     * @param client the client (its kubeconfig and context already chosen)
     * @param factory builds the pods from the overlays
     * @param namespace the namespace
     * @param requestedNodes {@code --nodes}, or empty to pick two
     * @param image jqperf's image, or {@code null} for the overlays'
     * @param qperfImage stock qperf's image, or {@code null} not to run stock qperf
     * @param readyTimeout how long a pod may take to start (and, for a server, to be Ready)
     * @param runId the run's id (a label on everything; lower-case letters and digits)
     * @param say progress and error lines
     */
    public KubernetesPlacement(
            final KubernetesClient client,
            final PodFactory factory,
            final String namespace,
            final List<String> requestedNodes,
            final String image,
            final String qperfImage,
            final Duration readyTimeout,
            final String runId,
            final Consumer<String> say) {
        this.client = client;
        this.factory = factory;
        this.namespace = namespace;
        this.requestedNodes = List.copyOf(requestedNodes);
        this.image = image;
        this.qperfImage = qperfImage;
        this.readyTimeout = readyTimeout;
        this.runId = runId;
        this.say = say;
    }

    @Override
    public void open() throws IOException {
        try {
            final io.fabric8.kubernetes.api.model.Namespace existing =
                    client.namespaces().withName(namespace).get();
            if (existing != null
                    && existing.getStatus() != null
                    && "Terminating".equals(existing.getStatus().getPhase())) {
                throw new IOException("namespace " + namespace + " is being deleted (by an earlier run?): wait until"
                        + " kubectl get namespace " + namespace + " finds none, or use another --namespace");
            }
            if (existing == null) {
                client.namespaces()
                        .resource(new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(namespace)
                                .addToLabels(PodFactory.MANAGED_BY, PodFactory.MANAGED_BY_VALUE)
                                .addToLabels(PodFactory.RUN, runId)
                                // scenarios 3-5 put pods on the host network: Pod Security's baseline and
                                // restricted levels refuse that, so a namespace the runner makes allows it
                                .addToLabels(POD_SECURITY_ENFORCE, "privileged")
                                .endMetadata()
                                .build())
                        .create();
                createdNamespace = true;
                say.accept("created namespace " + namespace + " with " + POD_SECURITY_ENFORCE
                        + "=privileged (hostNetwork in scenarios 3-5; removed at the end)");
            }
            nodes = NodeChoice.choose(client.nodes().list().getItems(), requestedNodes);
        } catch (KubernetesClientException e) {
            throw new IOException("cannot use the cluster at " + client.getMasterUrl() + " (namespace " + namespace
                    + "): " + oneLine(e) + "; check the kubeconfig, --context and the permissions"
                    + " (docs/kubernetes.md)");
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
        say.accept("nodes: A=" + nodes.a().name() + " (clients; pod-a1, pod-a2, node-a), B="
                + nodes.b().name() + " (pod-b1, node-b): " + nodes.why());
    }

    /** {@return the chosen nodes, once {@link #open()} ran} */
    public NodeChoice nodes() {
        return nodes;
    }

    /** {@return whether {@link #open()} created the namespace (so {@link #close()} removes it)} */
    public boolean createdNamespace() {
        return createdNamespace;
    }

    @Override
    public String describe() {
        final NodeChoice n = nodes;
        return "Kubernetes cluster " + client.getMasterUrl() + ", namespace " + namespace
                + (n == null ? "" : ", node A " + n.a().name() + ", node B " + n.b().name());
    }

    @Override
    public String jqperfInPods() {
        return "image";
    }

    @Override
    public String pinning() {
        return "none (pods have the overlays' requests = limits of 1 CPU: Guaranteed QoS)";
    }

    @Override
    public Map<String, String> environment() {
        final Map<String, String> m = new LinkedHashMap<>();
        m.put("testbed", "Kubernetes (" + client.getMasterUrl() + ")");
        try {
            m.put("kubernetes", String.valueOf(client.getKubernetesVersion().getGitVersion()));
        } catch (RuntimeException e) {
            m.put("kubernetes", "? (" + oneLine(e) + ")");
        }
        final NodeChoice n = nodes;
        if (n != null) {
            m.put("nodes", n.a().name() + " (A), " + n.b().name() + " (B): " + n.why());
            for (final NodeChoice.Picked p : List.of(n.a(), n.b())) {
                try {
                    final Node node = client.nodes().withName(p.name()).get();
                    final NodeSystemInfo info = node == null || node.getStatus() == null
                            ? null
                            : node.getStatus().getNodeInfo();
                    if (info != null) {
                        m.put(
                                "node " + p.name(),
                                info.getOsImage() + ", kernel " + info.getKernelVersion() + ", "
                                        + info.getContainerRuntimeVersion() + ", kubelet " + info.getKubeletVersion());
                    }
                } catch (RuntimeException e) {
                    m.put("node " + p.name(), "? (" + oneLine(e) + ")");
                }
            }
        }
        m.put("jqperf image", image != null ? image : "the overlays' image");
        m.put("qperf image", qperfImage != null ? qperfImage : "none (stock qperf not run: no --qperf-image)");
        m.put("jqperf.in.pods", "image");
        // the report takes every value as text: an API field the server left out is "?", never null
        m.replaceAll((k, v) -> v == null || v.isBlank() ? "?" : v);
        return m;
    }

    @Override
    public boolean runs(final Tool tool) {
        return tool == Tool.JQPERF || qperfImage != null;
    }

    @Override
    public void beginCell(final Scenario s, final Tool tool) {
        this.scenario = s;
    }

    @Override
    public int controlPort(final Scenario s, final int proposed) {
        return factory.controlPort(s);
    }

    @Override
    public String target(final Scenario s, final Server server) {
        return server instanceof PodServer p && p.ip != null ? p.ip : s.target();
    }

    @Override
    public Server startServer(final Role role, final Tool tool, final int port, final Duration timeout)
            throws ServerStartException {
        final Scenario s = current();
        final String key = s.name() + "/" + tool.id();
        final String known = failedForGood.get(key);
        if (known != null) {
            throw new ServerStartException(known, "");
        }
        final Pod pod = build(s, true, tool, role, List.of("-lp", Integer.toString(port)));
        final String name = pod.getMetadata().getName();
        final List<String> command = command(pod);
        final Optional<String> refused = create(pod);
        if (refused.isPresent()) {
            throw new ServerStartException(failForGood(key, s, tool, refused.get()), "");
        }
        final long deadline = System.nanoTime() + readyTimeout.toNanos();
        String last = "not scheduled yet";
        while (!closed && !Thread.currentThread().isInterrupted()) {
            final Pod p = client.pods().inNamespace(namespace).withName(name).get();
            if (p == null) {
                throw new ServerStartException("server pod " + name + " disappeared", "");
            }
            final Optional<String> stuck = stuck(p);
            if (stuck.isPresent()) {
                final String log = log(name);
                delete(name);
                throw new ServerStartException(failForGood(key, s, tool, stuck.get()), log);
            }
            final String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
            if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
                final String log = log(name);
                delete(name);
                throw new ServerStartException(
                        "server pod " + name + " exited (" + phase + ", exit code " + exitCode(p)
                                + ") before it was ready",
                        log);
            }
            if (ready(p)) {
                return new PodServer(name, command, p.getStatus().getPodIP());
            }
            last = waitingReason(p).orElse(last);
            if (System.nanoTime() > deadline) {
                final String log = log(name);
                delete(name);
                final Optional<String> unschedulable = unschedulable(p);
                if (unschedulable.isPresent()) {
                    throw new ServerStartException(failForGood(key, s, tool, unschedulable.get()), log);
                }
                throw new ServerStartException(
                        "server pod " + name + " not ready after " + readyTimeout.toSeconds() + " s (" + last
                                + "); raise --ready-timeout or see kubectl -n " + namespace + " describe pod",
                        log);
            }
            sleep();
        }
        delete(name);
        throw new ServerStartException("the run was stopped", "");
    }

    @Override
    public Outcome runClient(final Role role, final Tool tool, final List<String> args, final Duration timeout) {
        final Scenario s = current();
        final String key = s.name() + "/" + tool.id();
        final long t0 = System.nanoTime();
        final String known = failedForGood.get(key);
        final List<String> fallback = new ArrayList<>(args);
        if (known != null) {
            return new Outcome(fallback, -1, 0, "", "", false, known);
        }
        final Pod pod = build(s, false, tool, role, args);
        final String name = pod.getMetadata().getName();
        final List<String> command = command(pod);
        final Optional<String> refused = create(pod);
        if (refused.isPresent()) {
            return new Outcome(command, -1, millis(t0), "", "", false, failForGood(key, s, tool, refused.get()));
        }
        final long startDeadline = System.nanoTime() + readyTimeout.toNanos();
        final long deadline = System.nanoTime() + readyTimeout.toNanos() + timeout.toNanos();
        try {
            while (!closed && !Thread.currentThread().isInterrupted()) {
                final Pod p =
                        client.pods().inNamespace(namespace).withName(name).get();
                if (p == null) {
                    return new Outcome(command, -1, millis(t0), "", "", false, "client pod " + name + " disappeared");
                }
                final Optional<String> stuck = stuck(p);
                if (stuck.isPresent()) {
                    return new Outcome(
                            command, -1, millis(t0), log(name), "", false, failForGood(key, s, tool, stuck.get()));
                }
                final String phase =
                        p.getStatus() == null ? null : p.getStatus().getPhase();
                if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
                    return new Outcome(command, exitCode(p), millis(t0), log(name), "", false, null);
                }
                final boolean started = phase != null && !"Pending".equals(phase);
                if (!started && System.nanoTime() > startDeadline) {
                    final Optional<String> unschedulable = unschedulable(p);
                    return new Outcome(
                            command,
                            -1,
                            millis(t0),
                            log(name),
                            "",
                            false,
                            unschedulable.isPresent()
                                    ? failForGood(key, s, tool, unschedulable.get())
                                    : "client pod " + name + " did not start within " + readyTimeout.toSeconds()
                                            + " s (" + waitingReason(p).orElse("Pending") + ")");
                }
                if (System.nanoTime() > deadline) {
                    return new Outcome(command, -1, millis(t0), log(name), "", true, null);
                }
                sleep();
            }
            return new Outcome(command, -1, millis(t0), "", "", false, "the run was stopped");
        } finally {
            delete(name);
        }
    }

    @Override
    public void stopServer(final Server server) {
        if (server instanceof PodServer p) {
            p.log = log(p.name);
            delete(p.name);
            // a hostNetwork server holds the node's ports until its pod is gone: the next cell's server needs them
            final long deadline = System.nanoTime() + GONE.toNanos();
            while (!closed
                    && !Thread.currentThread().isInterrupted()
                    && System.nanoTime() < deadline
                    && client.pods().inNamespace(namespace).withName(p.name).get() != null) {
                sleep();
            }
        }
    }

    /**
     * Deletes every pod of this run, then the namespace if {@link #open()} created it; idempotent, safe from a
     * shutdown hook, and it ends the waits of a running cell.
     */
    @Override
    public void close() {
        closed = true;
        if (nodes == null && !createdNamespace) {
            return; // open() did not get as far as creating anything
        }
        try {
            client.pods()
                    .inNamespace(namespace)
                    .withLabel(PodFactory.RUN, runId)
                    .delete();
        } catch (RuntimeException e) {
            say.accept("cannot delete the pods of run " + runId + ": " + oneLine(e)
                    + "; remove them with jqperf --scenarios --kubernetes --cleanup");
        }
        if (createdNamespace) {
            try {
                client.namespaces().withName(namespace).delete();
                createdNamespace = false;
            } catch (RuntimeException e) {
                say.accept("cannot delete namespace " + namespace + ": " + oneLine(e));
            }
        }
    }

    /**
     * {@code --cleanup}: deletes the pods a run left in a namespace (label {@link PodFactory#MANAGED_BY}) and the
     * namespaces a run created (the same label on the namespace).
     *
     * @param client the client
     * @param namespace the namespace to clean
     * @param say one line per thing removed
     * @return how many objects it deleted
     */
    public static int cleanup(final KubernetesClient client, final String namespace, final Consumer<String> say) {
        int n = 0;
        for (final Pod p : client.pods()
                .inNamespace(namespace)
                .withLabel(PodFactory.MANAGED_BY, PodFactory.MANAGED_BY_VALUE)
                .list()
                .getItems()) {
            client.pods()
                    .inNamespace(namespace)
                    .withName(p.getMetadata().getName())
                    .delete();
            say.accept("deleted pod " + namespace + "/" + p.getMetadata().getName() + " (run "
                    + p.getMetadata().getLabels().get(PodFactory.RUN) + ")");
            n++;
        }
        final List<io.fabric8.kubernetes.api.model.Namespace> created;
        try {
            created = client.namespaces()
                    .withLabel(PodFactory.MANAGED_BY, PodFactory.MANAGED_BY_VALUE)
                    .list()
                    .getItems();
        } catch (KubernetesClientException e) {
            // the in-cluster runner's base RBAC has no namespaces list: its pods are gone, say what is left to check
            say.accept("cannot list namespaces (" + oneLine(e) + "): a namespace a killed run created, if any, is"
                    + " left; list them with kubectl get namespaces -l " + PodFactory.MANAGED_BY + "="
                    + PodFactory.MANAGED_BY_VALUE);
            return n;
        }
        for (final io.fabric8.kubernetes.api.model.Namespace ns : created) {
            client.namespaces().withName(ns.getMetadata().getName()).delete();
            say.accept("deleted namespace " + ns.getMetadata().getName() + " (created by run "
                    + ns.getMetadata().getLabels().get(PodFactory.RUN) + ")");
            n++;
        }
        return n;
    }

    private Scenario current() {
        final Scenario s = scenario;
        if (s == null) {
            throw new IllegalStateException("beginCell was not called");
        }
        return s;
    }

    private Pod build(final Scenario s, final boolean server, final Tool tool, final Role role, final List<String> a) {
        final NodeChoice n = nodes;
        final NodeChoice.Picked node = PodFactory.onNodeA(role) ? n.a() : n.b();
        final String name = factory.workloadName(s, server) + "-" + runId + "-" + seq.incrementAndGet();
        return factory.pod(new PodFactory.Spec(
                s, server, tool, tool == Tool.QPERF ? qperfImage : image, a, node.hostname(), runId, name, namespace));
    }

    private Optional<String> create(final Pod pod) {
        try {
            client.pods().inNamespace(namespace).resource(pod).create();
            return Optional.empty();
        } catch (KubernetesClientException e) {
            final String msg = oneLine(e);
            if (e.getCode() == 403 && msg.contains("PodSecurity")) {
                return Optional.of("Pod Security admission refused pod "
                        + pod.getMetadata().getName() + " ("
                        + (Boolean.TRUE.equals(pod.getSpec().getHostNetwork()) ? "hostNetwork" : "pod") + "): "
                        + msg + "; label namespace " + namespace
                        + " pod-security.kubernetes.io/enforce=privileged or use --namespace with such a label");
            }
            return Optional.of("cannot create pod " + pod.getMetadata().getName() + ": " + msg);
        }
    }

    private String failForGood(final String key, final Scenario s, final Tool tool, final String reason) {
        if (failedForGood.putIfAbsent(key, reason) == null) {
            say.accept(s.name() + " (" + tool.id() + "): " + reason
                    + " - its further cells are skipped, the other scenarios go on");
        }
        return reason;
    }

    /** A reason the pod will not start that waiting does not cure: an image or configuration error. */
    private static Optional<String> stuck(final Pod p) {
        for (final ContainerStatus cs : statuses(p)) {
            final ContainerStateWaiting w =
                    cs.getState() == null ? null : cs.getState().getWaiting();
            if (w != null && PULL_ERRORS.contains(w.getReason())) {
                return Optional.of("image pull failed for " + cs.getImage() + " (" + w.getReason() + ": "
                        + nz(w.getMessage()) + "); push the image where the nodes can pull it, or pass --image");
            }
            if (w != null && CONFIG_ERRORS.contains(w.getReason())) {
                return Optional.of("container cannot start (" + w.getReason() + ": " + nz(w.getMessage()) + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> unschedulable(final Pod p) {
        for (final PodCondition c : conditions(p)) {
            if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
                return Optional.of("unschedulable (" + nz(c.getReason()) + ": " + nz(c.getMessage())
                        + "); free the nodes or pick others with --nodes");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> waitingReason(final Pod p) {
        for (final ContainerStatus cs : statuses(p)) {
            final ContainerStateWaiting w =
                    cs.getState() == null ? null : cs.getState().getWaiting();
            if (w != null && w.getReason() != null) {
                return Optional.of(w.getReason());
            }
        }
        return unschedulable(p);
    }

    private static boolean ready(final Pod p) {
        return conditions(p).stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static int exitCode(final Pod p) {
        for (final ContainerStatus cs : statuses(p)) {
            final ContainerStateTerminated t =
                    cs.getState() == null ? null : cs.getState().getTerminated();
            if (t != null && t.getExitCode() != null) {
                return t.getExitCode();
            }
        }
        return -1;
    }

    private static List<ContainerStatus> statuses(final Pod p) {
        return p.getStatus() == null || p.getStatus().getContainerStatuses() == null
                ? List.of()
                : p.getStatus().getContainerStatuses();
    }

    private static List<PodCondition> conditions(final Pod p) {
        return p.getStatus() == null || p.getStatus().getConditions() == null
                ? List.of()
                : p.getStatus().getConditions();
    }

    private String log(final String name) {
        try {
            final String log =
                    client.pods().inNamespace(namespace).withName(name).getLog();
            return log == null ? "" : log;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private void delete(final String name) {
        try {
            client.pods().inNamespace(namespace).withName(name).delete();
        } catch (RuntimeException e) {
            say.accept(
                    "cannot delete pod " + name + ": " + oneLine(e) + " (jqperf --scenarios --kubernetes --cleanup)");
        }
    }

    private static List<String> command(final Pod pod) {
        final List<String> c = new ArrayList<>();
        final var container = pod.getSpec().getContainers().get(0);
        c.add(container.getImage());
        if (container.getCommand() != null) {
            c.addAll(container.getCommand());
        }
        c.addAll(container.getArgs());
        return c;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long millis(final long t0) {
        return (System.nanoTime() - t0) / 1_000_000L;
    }

    private static String nz(final String s) {
        return s == null ? "" : s;
    }

    /**
     * An API error in one line: the API server's status message, or the client's message, with the root cause.
     *
     * @param e the error
     * @return the line
     */
    public static String oneLine(final Throwable e) {
        final String raw = e instanceof KubernetesClientException k
                        && k.getStatus() != null
                        && k.getStatus().getMessage() != null
                ? k.getStatus().getMessage()
                : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        final boolean fromServer = e instanceof KubernetesClientException k && k.getStatus() != null;
        final String cause = root == e || fromServer ? "" : " (" + root + ")";
        final String m =
                raw == null ? "" : (raw + cause).replaceAll("\\s+", " ").trim();
        return m.isEmpty() ? e.toString() : m;
    }

    /** A running server pod. */
    static final class PodServer implements Server {
        private final String name;
        private final List<String> command;
        private final String ip;
        private volatile String log = "";

        PodServer(final String name, final List<String> command, final String ip) {
            this.name = name;
            this.command = command;
            this.ip = ip;
        }

        @Override
        public List<String> command() {
            return command;
        }

        @Override
        public String log() {
            return log;
        }

        /** {@return the pod's name} */
        String name() {
            return name;
        }
    }
}
