package io.github.jqperf.scenarios.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.jqperf.scenarios.Runner;
import io.github.jqperf.scenarios.Scenario;
import io.github.jqperf.scenarios.kubernetes.FakeKubelet.Act;
import io.github.jqperf.scenarios.kubernetes.FakeKubelet.Kind;
import io.github.jqperf.scenarios.results.Cell;
import io.github.jqperf.scenarios.results.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole cluster choreography against fabric8's mock API server in CRUD mode, with {@link FakeKubelet} playing
 * the kubelet: node choice, the five pod pairs and their placement, readiness timeout, logs as results, cleanup after
 * success, failure and interrupt, Pod Security admission, image pull and unschedulable errors, and {@code --cleanup}.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesPlacementTest {

    static final String NS = "jqperf";
    static final String STANDARD = resource("/outputs/jqperf-client-standard.txt");
    static final String SWEEP = resource("/outputs/jqperf-client-sweep.txt");

    KubernetesMockServer server;
    KubernetesClient client;
    final List<String> lines = new CopyOnWriteArrayList<>();
    final PodFactory factory = new PodFactory(Overlays.fromDirectory(KustomizeDriftTest.K8S));

    @BeforeEach
    void start() {
        client.nodes().resource(node("n1", false, null)).create();
        client.nodes().resource(node("n2", false, null)).create();
        client.nodes()
                .resource(node("cp", false, "node-role.kubernetes.io/control-plane"))
                .create();
    }

    static Node node(final String name, final boolean cordoned, final String taint) {
        final NodeBuilder b = new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("kubernetes.io/os", "linux")
                .addToLabels(PodFactory.HOSTNAME, name)
                .endMetadata()
                .withNewSpec()
                .withUnschedulable(cordoned)
                .endSpec()
                .withNewStatus()
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .endStatus();
        if (taint != null) {
            b.editSpec()
                    .addNewTaint()
                    .withKey(taint)
                    .withEffect("NoSchedule")
                    .endTaint()
                    .endSpec();
        }
        return b.build();
    }

    KubernetesPlacement placement(final String qperfImage, final Duration ready) {
        return new KubernetesPlacement(
                client, factory, NS, List.of(), "reg/jqperf:1", qperfImage, ready, "t1", lines::add);
    }

    static boolean isServer(final Pod p) {
        return "server".equals(p.getMetadata().getLabels().get("app.kubernetes.io/component"));
    }

    /** Servers get Ready, clients end with 0 and the fixture's output. */
    static Act normal(final Pod p) {
        if (isServer(p)) {
            return Act.of(Kind.READY);
        }
        final boolean sweep = p.getSpec().getContainers().get(0).getArgs().contains("-oo");
        return new Act(Kind.EXIT, 0, sweep ? SWEEP : STANDARD);
    }

    List<Pod> pods() {
        return client.pods().inNamespace(NS).list().getItems();
    }

    @Test
    void allFiveScenariosPlacedOnThePickedNodesResultsFromLogsAndEverythingRemoved() throws Exception {
        final KubernetesPlacement p = placement("reg/qperf:1", Duration.ofSeconds(20));
        final List<Cell> cells;
        try (FakeKubelet kubelet = new FakeKubelet(server, client, NS, KubernetesPlacementTest::normal)) {
            p.open();
            assertThat(p.createdNamespace()).isTrue();
            // hostNetwork (scenarios 3-5) needs Pod Security's privileged level in a namespace the runner makes
            assertThat(client.namespaces().withName(NS).get().getMetadata().getLabels())
                    .containsEntry("pod-security.kubernetes.io/enforce", "privileged");
            assertThat(p.nodes().a().name()).isEqualTo("n1");
            assertThat(p.nodes().b().name()).isEqualTo("n2");
            assertThat(lines).anyMatch(l -> l.startsWith("nodes: A=n1") && l.contains("skipped: cp (taint"));
            final Runner r = new Runner(p, 1, 1, Runner.DEFAULT_LOOP, Duration.ofSeconds(20), 24800, lines::add);
            cells = r.run(Scenario.ALL);
            p.close();
            // servers and clients of every scenario, both tools, on the scenario's nodes and networks
            for (final Scenario s : Scenario.ALL) {
                for (final String tool : List.of("qperf", "jqperf")) {
                    final List<Pod> mine = kubelet.seen.stream()
                            .filter(x ->
                                    s.name().equals(x.getMetadata().getLabels().get(PodFactory.SCENARIO)))
                            .filter(x -> tool.equals(x.getMetadata().getLabels().get(PodFactory.TOOL)))
                            .toList();
                    assertThat(mine).as(s.name() + " " + tool).hasSize(3); // server, standard, sweep
                    final Pod srv = mine.stream()
                            .filter(KubernetesPlacementTest::isServer)
                            .findFirst()
                            .orElseThrow();
                    assertThat(srv.getSpec().getNodeSelector().get(PodFactory.HOSTNAME))
                            .isEqualTo(PodFactory.onNodeA(s.server()) ? "n1" : "n2");
                    assertThat(Boolean.TRUE.equals(srv.getSpec().getHostNetwork()))
                            .isEqualTo(!s.server().pod());
                    assertThat(srv.getSpec().getContainers().get(0).getArgs()).containsExactly("-lp", "19765");
                    assertThat(srv.getSpec().getContainers().get(0).getImage())
                            .isEqualTo(tool.equals("qperf") ? "reg/qperf:1" : "reg/jqperf:1");
                    for (final Pod c : mine) {
                        if (c == srv) {
                            continue;
                        }
                        assertThat(c.getSpec().getNodeSelector().get(PodFactory.HOSTNAME))
                                .isEqualTo("n1");
                        assertThat(Boolean.TRUE.equals(c.getSpec().getHostNetwork()))
                                .isEqualTo(!s.client().pod());
                        // the client connects to the server pod's IP (the node's for hostNetwork)
                        assertThat(c.getSpec().getContainers().get(0).getArgs().get(0))
                                .isEqualTo(kubelet.ip(srv.getMetadata().getName()));
                        // the overlay client's fixed data port, as kubectl apply -k would run it
                        assertThat(c.getSpec().getContainers().get(0).getArgs().subList(1, 3))
                                .containsExactly("-ip", "19766");
                        assertThat(c.getMetadata().getLabels()).containsEntry(PodFactory.RUN, "t1");
                    }
                }
            }
        }
        assertThat(cells).hasSize(10);
        assertThat(cells)
                .allSatisfy(c -> assertThat(c.failed()).as(c.firstError()).isFalse());
        final Run standard = cells.get(0).runs().get(0);
        assertThat(standard.stdout()).isEqualTo(STANDARD);
        assertThat(standard.parsed()).isNotEmpty();
        assertThat(cells.get(0).runs().get(1).stdout()).isEqualTo(SWEEP);
        assertThat(pods()).isEmpty();
        assertThat(client.namespaces().withName(NS).get()).isNull();
    }

    @Test
    void aServerNeverReadyFailsItsCellAtTheDeadlineAndItsPodIsDeleted() throws Exception {
        final KubernetesPlacement p = placement(null, Duration.ofSeconds(1));
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NS)
                        .endMetadata()
                        .build())
                .create();
        final Function<Pod, Act> acts = x -> isServer(x) ? Act.of(Kind.RUNNING) : normal(x);
        try (FakeKubelet kubelet = new FakeKubelet(server, client, NS, acts)) {
            p.open();
            assertThat(p.createdNamespace()).isFalse();
            final Runner r = new Runner(p, 1, 1, null, Duration.ofSeconds(1), 24800, lines::add);
            final List<Cell> cells =
                    r.run(List.of(Scenario.named("node-to-node").orElseThrow()));
            assertThat(cells).hasSize(1); // no --qperf-image: jqperf only
            assertThat(cells.get(0).failed()).isTrue();
            assertThat(cells.get(0).firstError()).contains("not ready after 1 s");
            assertThat(pods()).isEmpty();
            p.close();
        }
        // a namespace the run did not create stays
        assertThat(client.namespaces().withName(NS).get()).isNotNull();
    }

    @Test
    void aFailingClientFailsItsCellKeepsItsLogAndTheOthersGoOn() throws Exception {
        final KubernetesPlacement p = placement(null, Duration.ofSeconds(20));
        final Function<Pod, Act> acts = x -> !isServer(x)
                        && "pod-to-own-node".equals(x.getMetadata().getLabels().get(PodFactory.SCENARIO))
                ? new Act(Kind.EXIT, 1, "jqperf: connection refused\n")
                : normal(x);
        try (FakeKubelet kubelet = new FakeKubelet(server, client, NS, acts)) {
            p.open();
            final List<Cell> cells =
                    new Runner(p, 1, 1, null, Duration.ofSeconds(20), 24800, lines::add).run(Scenario.ALL);
            p.close();
            assertThat(cells).hasSize(5);
            final Cell own = cells.stream()
                    .filter(c -> c.scenario().equals("pod-to-own-node"))
                    .findFirst()
                    .orElseThrow();
            assertThat(own.failed()).isTrue();
            assertThat(own.runs().get(0).stdout()).contains("connection refused");
            assertThat(own.runs().get(0).exitCode()).isEqualTo(1);
            assertThat(cells.stream().filter(Cell::failed)).hasSize(1);
        }
        assertThat(pods()).isEmpty();
        assertThat(client.namespaces().withName(NS).get()).isNull();
    }

    @Test
    void podSecurityRefusalIsOneLineForItsScenarioAndTheOthersGoOn() throws Exception {
        final KubernetesPlacement p = placement(null, Duration.ofSeconds(20));
        // the first pod created is node-to-node's hostNetwork server: refused as Pod Security admission does
        server.expect()
                .post()
                .withPath("/api/v1/namespaces/" + NS + "/pods")
                .andReturn(
                        403,
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\","
                                + "\"code\":403,\"message\":\"pods \\\"x\\\" is forbidden: violates PodSecurity"
                                + " \\\"baseline:latest\\\": host namespaces (hostNetwork=true)\"}")
                .once();
        try (FakeKubelet kubelet = new FakeKubelet(server, client, NS, KubernetesPlacementTest::normal)) {
            p.open();
            final List<Cell> cells = new Runner(p, 2, 1, null, Duration.ofSeconds(20), 24800, lines::add)
                    .run(List.of(
                            Scenario.named("node-to-node").orElseThrow(),
                            Scenario.named("pod-to-pod-same-node").orElseThrow()));
            p.close();
            assertThat(cells).hasSize(4);
            assertThat(cells.stream().filter(c -> c.scenario().equals("node-to-node")))
                    .allSatisfy(c -> assertThat(c.firstError()).contains("Pod Security admission refused"));
            assertThat(cells.stream().filter(c -> c.scenario().equals("pod-to-pod-same-node")))
                    .allSatisfy(c -> assertThat(c.failed()).isFalse());
            // the placement's own line (the runner's progress lines, "[i/n] ...", repeat it per cell)
            assertThat(lines.stream().filter(l -> !l.startsWith("[") && l.contains("PodSecurity")))
                    .hasSize(1)
                    .allSatisfy(l -> assertThat(l)
                            .isEqualTo(
                                    "node-to-node (jqperf): Pod Security admission refused pod jqperf-server-t1-1 (hostNetwork):"
                                            + " pods \"x\" is forbidden: violates PodSecurity \"baseline:latest\": host"
                                            + " namespaces (hostNetwork=true); label namespace jqperf"
                                            + " pod-security.kubernetes.io/enforce=privileged or use --namespace with such a"
                                            + " label - its further cells are skipped, the other scenarios go on")
                            .contains("hostNetwork")
                            .contains("pod-security.kubernetes.io/enforce=privileged"));
        }
        assertThat(pods()).isEmpty();
    }

    @Test
    void imagePullAndUnschedulableAreOneLineEachAndTheOthersGoOn() throws Exception {
        // 5 s: long enough for the working pods on a loaded machine; the unschedulable one waits it out once
        final KubernetesPlacement p = placement("reg/qperf:missing", Duration.ofSeconds(5));
        final Function<Pod, Act> acts = x -> {
            final String img = x.getSpec().getContainers().get(0).getImage();
            if (img.equals("reg/qperf:missing")) {
                return Act.of(Kind.PULL_ERROR);
            }
            if ("node-to-node".equals(x.getMetadata().getLabels().get(PodFactory.SCENARIO))) {
                return Act.of(Kind.UNSCHEDULABLE);
            }
            return normal(x);
        };
        try (FakeKubelet kubelet = new FakeKubelet(server, client, NS, acts)) {
            p.open();
            final List<Cell> cells = new Runner(p, 1, 1, null, Duration.ofSeconds(5), 24800, lines::add)
                    .run(List.of(
                            Scenario.named("node-to-node").orElseThrow(),
                            Scenario.named("pod-to-pod-cross-node").orElseThrow()));
            p.close();
            final Map<String, Cell> byKey = new java.util.HashMap<>();
            cells.forEach(c -> byKey.put(c.scenario() + "/" + c.tool(), c));
            assertThat(byKey.get("node-to-node/qperf").firstError()).contains("image pull failed");
            assertThat(byKey.get("pod-to-pod-cross-node/qperf").firstError()).contains("ErrImagePull");
            assertThat(byKey.get("node-to-node/jqperf").firstError()).contains("unschedulable");
            assertThat(byKey.get("pod-to-pod-cross-node/jqperf").failed()).isFalse();
            assertThat(lines.stream().filter(l -> !l.startsWith("[") && l.contains("image pull failed")))
                    .hasSize(2);
            assertThat(lines.stream().filter(l -> l.startsWith("node-to-node (jqperf): unschedulable")))
                    .hasSize(1);
        }
        assertThat(pods()).isEmpty();
    }

    @Test
    void closeDuringACellEndsItsWaitAndRemovesEverything() throws Exception {
        final KubernetesPlacement p = placement(null, Duration.ofSeconds(20));
        final Function<Pod, Act> acts = x -> isServer(x) ? Act.of(Kind.READY) : Act.of(Kind.RUNNING);
        try (FakeKubelet kubelet = new FakeKubelet(server, client, NS, acts)) {
            p.open();
            final Runner r = new Runner(p, 3, 1, null, Duration.ofSeconds(20), 24800, lines::add);
            final Thread t = new Thread(() -> r.run(Scenario.ALL));
            t.start();
            final long end = System.nanoTime() + 20_000_000_000L;
            while (kubelet.seen.size() < 2 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(kubelet.seen).hasSizeGreaterThanOrEqualTo(2); // a server and a client running
            // what the shutdown hook does on Ctrl-C
            r.stop();
            p.close();
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
            assertThat(r.cells()).hasSizeLessThanOrEqualTo(1);
        }
        assertThat(pods()).isEmpty();
        assertThat(client.namespaces().withName(NS).get()).isNull();
    }

    @Test
    void cleanupRemovesWhatAKilledRunLeftAndNothingElse() {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NS)
                        .addToLabels(PodFactory.MANAGED_BY, PodFactory.MANAGED_BY_VALUE)
                        .addToLabels(PodFactory.RUN, "old")
                        .endMetadata()
                        .build())
                .create();
        for (final String name : List.of("jqperf-server-old-1", "jqperf-client-old-2")) {
            client.pods()
                    .inNamespace(NS)
                    .resource(new PodBuilder()
                            .withNewMetadata()
                            .withName(name)
                            .addToLabels(PodFactory.MANAGED_BY, PodFactory.MANAGED_BY_VALUE)
                            .addToLabels(PodFactory.RUN, "old")
                            .endMetadata()
                            .build())
                    .create();
        }
        client.pods()
                .inNamespace(NS)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("someone-else")
                        .endMetadata()
                        .build())
                .create();
        final int n = KubernetesPlacement.cleanup(client, NS, lines::add);
        assertThat(n).isEqualTo(3);
        assertThat(pods()).extracting(x -> x.getMetadata().getName()).containsExactly("someone-else");
        assertThat(client.namespaces().withName(NS).get()).isNull();
        assertThat(lines).contains("deleted pod jqperf/jqperf-server-old-1 (run old)");
    }

    /** The in-cluster runner's base RBAC cannot list namespaces: its pods still go, and it says what may be left. */
    @Test
    void cleanupWithoutTheRightToListNamespacesRemovesThePodsAndSaysSo() {
        client.pods()
                .inNamespace(NS)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("jqperf-client-old-2")
                        .addToLabels(PodFactory.MANAGED_BY, PodFactory.MANAGED_BY_VALUE)
                        .addToLabels(PodFactory.RUN, "old")
                        .endMetadata()
                        .build())
                .create();
        server.expect()
                .get()
                .withPath("/api/v1/namespaces?labelSelector=app.kubernetes.io%2Fmanaged-by%3Djqperf-scenarios")
                .andReturn(
                        403,
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\","
                                + "\"code\":403,\"message\":\"namespaces is forbidden: User"
                                + " \\\"system:serviceaccount:jqperf:jqperf-runner\\\" cannot list resource"
                                + " \\\"namespaces\\\"\"}")
                .always();
        final int n = KubernetesPlacement.cleanup(client, NS, lines::add);
        assertThat(n).isEqualTo(1);
        assertThat(pods()).isEmpty();
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("cannot list namespaces (")
                        .contains("forbidden")
                        .endsWith("kubectl get namespaces -l app.kubernetes.io/managed-by=jqperf-scenarios"));
    }

    static String resource(final String name) {
        try (InputStream in = KubernetesPlacementTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
