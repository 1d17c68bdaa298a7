package io.github.jqperf.scenarios.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * What a kubelet would do to the pods in the mock API server, which runs none: a bounded background loop (at most
 * 120 s, every 20 ms) that gives each new pod the status its {@link Act} says, and registers its log with the mock
 * server (the CRUD mode serves no logs).
 */
final class FakeKubelet implements AutoCloseable {

    /** What happens to a pod. */
    enum Kind {
        /** Running and Ready, with an IP. */
        READY,
        /** Ran to its end with the exit code and log. */
        EXIT,
        /** Running, never Ready, never ends. */
        RUNNING,
        /** Waiting on ErrImagePull. */
        PULL_ERROR,
        /** PodScheduled=False, Unschedulable. */
        UNSCHEDULABLE
    }

    /**
     * The status to give a pod.
     *
     * @param kind what happens
     * @param exitCode for {@link Kind#EXIT}
     * @param log the pod's log
     */
    record Act(Kind kind, int exitCode, String log) {
        static Act of(final Kind k) {
            return new Act(k, 0, "");
        }
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final String namespace;
    private final Function<Pod, Act> acts;
    private final Map<String, String> ips = new ConcurrentHashMap<>();
    /** Every pod seen, as created by the runner (before any status). */
    final List<Pod> seen = new CopyOnWriteArrayList<>();

    private final Thread thread;
    private volatile boolean closed;

    FakeKubelet(
            final KubernetesMockServer server,
            final KubernetesClient client,
            final String namespace,
            final Function<Pod, Act> acts) {
        this.server = server;
        this.client = client;
        this.namespace = namespace;
        this.acts = acts;
        this.thread = new Thread(this::loop, "fake-kubelet");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@return the IP it gave a pod} */
    String ip(final String pod) {
        return ips.get(pod);
    }

    private void loop() {
        final long end = System.nanoTime() + 120_000_000_000L;
        while (!closed && System.nanoTime() < end) {
            try {
                for (final Pod p : client.pods().inNamespace(namespace).list().getItems()) {
                    final String name = p.getMetadata().getName();
                    if (ips.containsKey(name)) {
                        continue;
                    }
                    seen.add(p);
                    final String ip = Boolean.TRUE.equals(p.getSpec().getHostNetwork())
                            ? "192.0.2."
                                    + (p.getSpec()
                                                    .getNodeSelector()
                                                    .get(PodFactory.HOSTNAME)
                                                    .equals("n1")
                                            ? 1
                                            : 2)
                            : "10.0.0." + (ips.size() + 10);
                    ips.put(name, ip);
                    apply(p, acts.apply(p), ip);
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a pod deleted between list and update: the next pass sees the rest
            }
        }
    }

    private void apply(final Pod p, final Act act, final String ip) {
        final String name = p.getMetadata().getName();
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/" + namespace + "/pods/" + name + "/log?pretty=false")
                .andReturn(200, act.log())
                .always();
        final PodStatus status = switch (act.kind()) {
            case READY ->
                new PodStatusBuilder()
                        .withPhase("Running")
                        .withPodIP(ip)
                        .addToConditions(new PodConditionBuilder()
                                .withType("Ready")
                                .withStatus("True")
                                .build())
                        .build();
            case RUNNING ->
                new PodStatusBuilder()
                        .withPhase("Running")
                        .withPodIP(ip)
                        .addToConditions(new PodConditionBuilder()
                                .withType("Ready")
                                .withStatus("False")
                                .build())
                        .build();
            case EXIT ->
                new PodStatusBuilder()
                        .withPhase(act.exitCode() == 0 ? "Succeeded" : "Failed")
                        .withPodIP(ip)
                        .addToContainerStatuses(new ContainerStatusBuilder()
                                .withName("jqperf")
                                .withNewState()
                                .withNewTerminated()
                                .withExitCode(act.exitCode())
                                .endTerminated()
                                .endState()
                                .build())
                        .build();
            case PULL_ERROR ->
                new PodStatusBuilder()
                        .withPhase("Pending")
                        .addToContainerStatuses(new ContainerStatusBuilder()
                                .withName("jqperf")
                                .withImage(p.getSpec().getContainers().get(0).getImage())
                                .withNewState()
                                .withNewWaiting()
                                .withReason("ErrImagePull")
                                .withMessage("pull access denied")
                                .endWaiting()
                                .endState()
                                .build())
                        .build();
            case UNSCHEDULABLE ->
                new PodStatusBuilder()
                        .withPhase("Pending")
                        .addToConditions(new PodConditionBuilder()
                                .withType("PodScheduled")
                                .withStatus("False")
                                .withReason("Unschedulable")
                                .withMessage("0/3 nodes are available: 1 node(s) didn't have free ports")
                                .build())
                        .build();
        };
        final Pod withStatus =
                client.pods().inNamespace(namespace).withName(name).get();
        if (withStatus != null) {
            withStatus.setStatus(status);
            client.pods().inNamespace(namespace).resource(withStatus).updateStatus();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join(10_000);
    }
}
