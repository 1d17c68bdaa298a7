package io.github.jqperf.scenarios.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the two nodes of a cluster run (pure: from the node list). A node qualifies when it is Linux
 * ({@code kubernetes.io/os=linux}), not cordoned, {@code Ready} and has no {@code NoSchedule}/{@code NoExecute}
 * taint; nodes labelled {@code jqperf.io/benchmark=true} (which the overlays prefer) come first, then by name.
 * {@code --nodes A,B} takes two named nodes instead (they must exist; what would disqualify them is told).
 *
 * @param a node A (the client's node in every scenario)
 * @param b node B
 * @param why which it picked and why, in one line
 */
public record NodeChoice(Picked a, Picked b, String why) {

    /** The label the overlays prefer. */
    public static final String BENCHMARK_LABEL = "jqperf.io/benchmark";

    /**
     * A picked node.
     *
     * @param name the node's name
     * @param hostname its {@code kubernetes.io/hostname} label (the name when it has none): what pods are pinned to
     */
    public record Picked(String name, String hostname) {}

    /**
     * Chooses.
     *
     * @param nodes the cluster's nodes
     * @param requested {@code --nodes} (two names), or an empty list to pick
     * @return the choice
     * @throws IllegalArgumentException with one line saying why none can be made
     */
    public static NodeChoice choose(final List<Node> nodes, final List<String> requested) {
        if (!requested.isEmpty()) {
            final List<Picked> picked = new ArrayList<>();
            final List<String> notes = new ArrayList<>();
            for (final String name : requested) {
                final Node n = nodes.stream()
                        .filter(x -> name.equals(x.getMetadata().getName()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(
                                "--nodes: no node named " + name + " (kubectl get nodes lists " + names(nodes) + ")"));
                picked.add(picked(n));
                problem(n).ifPresent(p -> notes.add(name + ": " + p));
            }
            return new NodeChoice(
                    picked.get(0),
                    picked.get(1),
                    "given by --nodes" + (notes.isEmpty() ? "" : "; note: " + String.join("; ", notes)));
        }
        final List<Node> ok = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        for (final Node n : nodes) {
            final Optional<String> p = problem(n);
            if (p.isPresent()) {
                skipped.add(n.getMetadata().getName() + " (" + p.get() + ")");
            } else {
                ok.add(n);
            }
        }
        ok.sort(Comparator.comparing((Node n) -> !benchmark(n))
                .thenComparing(n -> n.getMetadata().getName()));
        if (ok.size() < 2) {
            throw new IllegalArgumentException("the cluster has " + ok.size()
                    + " schedulable Linux node(s), two are needed"
                    + (skipped.isEmpty() ? "" : "; skipped: " + String.join(", ", skipped))
                    + "; name two with --nodes A,B or add a node");
        }
        final long labelled = ok.stream().filter(NodeChoice::benchmark).count();
        final String why = "schedulable Linux nodes (Ready, not cordoned, no NoSchedule/NoExecute taint)"
                + (labelled >= 2
                        ? ", both labelled " + BENCHMARK_LABEL + "=true"
                        : labelled == 1
                                ? ", one labelled " + BENCHMARK_LABEL + "=true"
                                : ", none labelled " + BENCHMARK_LABEL + "=true: the first two by name")
                + (skipped.isEmpty() ? "" : "; skipped: " + String.join(", ", skipped));
        return new NodeChoice(picked(ok.get(0)), picked(ok.get(1)), why);
    }

    /**
     * What keeps a node from taking the benchmark's pods.
     *
     * @param n the node
     * @return the reason, or empty when it qualifies
     */
    static Optional<String> problem(final Node n) {
        final Map<String, String> labels =
                n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
        final String os = labels.get("kubernetes.io/os");
        if (os != null && !os.equals("linux")) {
            return Optional.of("kubernetes.io/os=" + os);
        }
        if (n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable())) {
            return Optional.of("cordoned");
        }
        if (n.getSpec() != null && n.getSpec().getTaints() != null) {
            for (final Taint t : n.getSpec().getTaints()) {
                if ("NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect())) {
                    return Optional.of("taint " + t.getKey() + ":" + t.getEffect());
                }
            }
        }
        final boolean ready = n.getStatus() != null
                && n.getStatus().getConditions() != null
                && n.getStatus().getConditions().stream()
                        .anyMatch((NodeCondition c) -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return ready ? Optional.empty() : Optional.of("not Ready");
    }

    private static boolean benchmark(final Node n) {
        return n.getMetadata().getLabels() != null
                && "true".equals(n.getMetadata().getLabels().get(BENCHMARK_LABEL));
    }

    private static Picked picked(final Node n) {
        final Map<String, String> labels = n.getMetadata().getLabels();
        final String host = labels == null ? null : labels.get(PodFactory.HOSTNAME);
        return new Picked(
                n.getMetadata().getName(), host != null ? host : n.getMetadata().getName());
    }

    private static String names(final List<Node> nodes) {
        return nodes.stream().map(n -> n.getMetadata().getName()).toList().toString();
    }
}
