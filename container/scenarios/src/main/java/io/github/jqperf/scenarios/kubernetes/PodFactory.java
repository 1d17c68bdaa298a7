package io.github.jqperf.scenarios.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.jqperf.scenarios.Role;
import io.github.jqperf.scenarios.Scenario;
import io.github.jqperf.scenarios.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the pods the cluster runner creates from the rendered overlays (pure: no API call). A server pod is the
 * overlay's Deployment pod template and a client pod the overlay's Job pod template, as a {@code v1/Pod} (the
 * template's {@code metadata} and {@code spec} unchanged); the runner then adds only {@link #ADDITIONS}.
 */
public final class PodFactory {

    /** The label every object the runner makes carries, with {@link #MANAGED_BY_VALUE}. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** The value of {@link #MANAGED_BY}. */
    public static final String MANAGED_BY_VALUE = "jqperf-scenarios";
    /** The label naming the run (its id). */
    public static final String RUN = "jqperf.io/run";
    /** The label naming the scenario, e.g. {@code pod-to-pod-same-node}. */
    public static final String SCENARIO = "jqperf.io/scenario";
    /** The label naming the tool: {@code jqperf} or {@code qperf}. */
    public static final String TOOL = "jqperf.io/tool";
    /** The node label the runner pins pods with. */
    public static final String HOSTNAME = "kubernetes.io/hostname";

    /** What the runner adds to the overlay's pod template, in words (the drift test removes exactly these). */
    public static final List<String> ADDITIONS = List.of(
            "metadata.name: the template's workload name, the run id and a sequence number",
            "metadata.namespace: --namespace",
            "metadata.labels: " + MANAGED_BY + "=" + MANAGED_BY_VALUE + ", " + RUN + "=ID, " + SCENARIO + "=NAME, "
                    + TOOL + "=jqperf|qperf",
            "spec.containers[0].image: --image (if given), or --qperf-image for stock qperf",
            "spec.containers[0].command: [qperf] for stock qperf only (jqperf keeps the image's entrypoint)",
            "spec.containers[0].args: the server's control port, or the client's measurement or sweep with the"
                    + " overlay client's fixed data port (-ip, so firewalls and NetworkPolicies see the overlays' ports)",
            "spec.nodeSelector: " + HOSTNAME + "=the picked node A or B (by the scenario's role)");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final Overlays overlays;
    private final Map<String, List<Map<String, Object>>> rendered = new LinkedHashMap<>();

    /**
     * Creates a factory.
     *
     * @param overlays where the overlays are read from
     */
    public PodFactory(final Overlays overlays) {
        this.overlays = overlays;
    }

    /**
     * What to create.
     *
     * @param scenario the scenario
     * @param server whether this is the server pod (else the client pod)
     * @param tool the tool
     * @param image the image, or {@code null} for the overlay's own
     * @param args the container's arguments
     * @param node the value of {@link #HOSTNAME} to pin to
     * @param runId the run's id
     * @param name the pod's name
     * @param namespace the namespace
     */
    public record Spec(
            Scenario scenario,
            boolean server,
            Tool tool,
            String image,
            List<String> args,
            String node,
            String runId,
            String name,
            String namespace) {}

    /**
     * The overlay's rendered objects for a scenario (read once).
     *
     * @param scenario the scenario
     * @return the objects
     */
    public synchronized List<Map<String, Object>> rendered(final Scenario scenario) {
        return rendered.computeIfAbsent(scenario.overlay(), o -> overlays.render("overlays/" + o));
    }

    /**
     * The overlay's pod template for a role of a scenario, as a Pod tree without any addition.
     *
     * @param scenario the scenario
     * @param server the server's template (the Deployment's) or the client's (the Job's)
     * @return a {@code v1/Pod} tree: the template's metadata and spec
     */
    public Map<String, Object> template(final Scenario scenario, final boolean server) {
        final Map<String, Object> workload = Overlays.ofKind(rendered(scenario), server ? "Deployment" : "Job");
        final Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        pod.put("metadata", Overlays.deepCopy(Overlays.path(workload, "spec", "template", "metadata")));
        pod.put("spec", Overlays.deepCopy(Overlays.path(workload, "spec", "template", "spec")));
        return pod;
    }

    /**
     * The workload name of a role's template ({@code jqperf-server}, {@code jqperf-client}).
     *
     * @param scenario the scenario
     * @param server which role
     * @return the Deployment's or Job's name
     */
    public String workloadName(final Scenario scenario, final boolean server) {
        return String.valueOf(
                Overlays.path(Overlays.ofKind(rendered(scenario), server ? "Deployment" : "Job"), "metadata", "name"));
    }

    /**
     * The control port the overlay's server uses: the value after {@code -lp} in its args.
     *
     * @param scenario the scenario
     * @return the port
     */
    public int controlPort(final Scenario scenario) {
        final List<?> args = (List<?>) Overlays.path(container(template(scenario, true)), "args");
        for (int i = 0; args != null && i + 1 < args.size(); i++) {
            if ("-lp".equals(String.valueOf(args.get(i)))) {
                return Integer.parseInt(String.valueOf(args.get(i + 1)));
            }
        }
        return 19765;
    }

    /**
     * The pod to create, as a tree: the template plus {@link #ADDITIONS}.
     *
     * @param spec what to create
     * @return the tree
     */
    public Map<String, Object> podTree(final Spec spec) {
        final Map<String, Object> pod = template(spec.scenario(), spec.server());
        final Map<String, Object> meta = Overlays.cast((Map<?, ?>) pod.get("metadata"));
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", spec.name());
        out.put("namespace", spec.namespace());
        out.putAll(meta);
        final Map<String, Object> labels = new LinkedHashMap<>();
        if (meta.get("labels") instanceof Map<?, ?> l) {
            labels.putAll(Overlays.cast(l));
        }
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        labels.put(RUN, spec.runId());
        labels.put(SCENARIO, spec.scenario().name());
        labels.put(TOOL, spec.tool().id());
        out.put("labels", labels);
        pod.put("metadata", out);
        final Map<String, Object> podSpec = Overlays.cast((Map<?, ?>) pod.get("spec"));
        final Map<String, Object> c = container(pod);
        if (spec.image() != null) {
            c.put("image", spec.image());
        }
        if (spec.tool() == Tool.QPERF) {
            c.put("command", List.of("qperf"));
        }
        final List<String> originalArgs = stringArgs(c.get("args"));
        c.put("args", spec.server() ? List.copyOf(spec.args()) : withDataPort(spec.args(), originalArgs));
        final Map<String, Object> selector = new LinkedHashMap<>();
        selector.put(HOSTNAME, spec.node());
        podSpec.put("nodeSelector", selector);
        return pod;
    }

    /**
     * The pod to create, as a model object.
     *
     * @param spec what to create
     * @return the pod
     */
    public Pod pod(final Spec spec) {
        return SERIALIZATION.convertValue(podTree(spec), Pod.class);
    }

    /**
     * The client's measurement with the overlay client's fixed data port: {@code -ip N} as in the Job's args, inserted
     * after the host, unless the measurement names one itself.
     *
     * @param measurement the runner's client args (host first)
     * @param overlayClientArgs the overlay Job's args
     * @return the args to run
     */
    static List<String> withDataPort(final List<String> measurement, final List<String> overlayClientArgs) {
        final int i = overlayClientArgs.indexOf("-ip");
        if (i < 0 || i + 1 >= overlayClientArgs.size() || measurement.contains("-ip") || measurement.isEmpty()) {
            return List.copyOf(measurement);
        }
        final List<String> out = new ArrayList<>(measurement.size() + 2);
        out.add(measurement.get(0));
        out.add("-ip");
        out.add(overlayClientArgs.get(i + 1));
        out.addAll(measurement.subList(1, measurement.size()));
        return List.copyOf(out);
    }

    private static List<String> stringArgs(final Object args) {
        if (!(args instanceof List<?> l)) {
            return List.of();
        }
        final List<String> out = new ArrayList<>(l.size());
        for (final Object o : l) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    /**
     * Which of the two picked nodes a role runs on.
     *
     * @param role the role
     * @return {@code true} for node A, {@code false} for node B
     */
    public static boolean onNodeA(final Role role) {
        return role == Role.NODE_A || role == Role.POD_A1 || role == Role.POD_A2;
    }

    /**
     * The first container of a pod tree.
     *
     * @param pod the tree
     * @return the container's map
     */
    static Map<String, Object> container(final Map<String, Object> pod) {
        final List<?> cs = (List<?>) Overlays.path(pod, "spec", "containers");
        return Overlays.cast((Map<?, ?>) cs.get(0));
    }
}
