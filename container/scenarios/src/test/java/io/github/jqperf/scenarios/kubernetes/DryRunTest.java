package io.github.jqperf.scenarios.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.jqperf.scenarios.Runner;
import io.github.jqperf.scenarios.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code --dry-run}: one YAML stream, every pod of all five scenarios, each labelled with its scenario. */
class DryRunTest {

    static List<Pod> parse(final String stream) {
        final KubernetesSerialization yaml = new KubernetesSerialization();
        final List<Pod> pods = new ArrayList<>();
        for (final String doc : stream.split("(?m)^---$")) {
            final String body = doc.replaceAll("(?m)^#.*$", "").strip();
            if (!body.isEmpty()) {
                pods.add(yaml.unmarshal(body, Pod.class));
            }
        }
        return pods;
    }

    @Test
    void everyScenarioServerAndClientPodsWithTheirPlacement() {
        final PodFactory f = new PodFactory(Overlays.fromDirectory(KustomizeDriftTest.K8S));
        final String stream =
                DryRun.stream(f, Scenario.ALL, "jq", null, "reg/qperf:1", "na", "nb", 2, Runner.DEFAULT_LOOP);
        final List<Pod> pods = parse(stream);
        // per scenario and tool: a server, the standard client and the sweep client
        assertThat(pods).hasSize(5 * 2 * 3);
        final Map<String, Integer> perScenario = new TreeMap<>();
        for (final Pod p : pods) {
            final String s = p.getMetadata().getLabels().get(PodFactory.SCENARIO);
            perScenario.merge(s, 1, Integer::sum);
            final Scenario sc = Scenario.named(s).orElseThrow();
            final boolean server = "server".equals(p.getMetadata().getLabels().get("app.kubernetes.io/component"));
            final var role = server ? sc.server() : sc.client();
            assertThat(p.getSpec().getNodeSelector())
                    .containsEntry(PodFactory.HOSTNAME, PodFactory.onNodeA(role) ? "na" : "nb");
            assertThat(Boolean.TRUE.equals(p.getSpec().getHostNetwork()))
                    .as(p.getMetadata().getName())
                    .isEqualTo(!role.pod());
            assertThat(p.getMetadata().getNamespace()).isEqualTo("jq");
            assertThat(p.getMetadata().getName()).matches("[a-z0-9-]{1,63}");
            // every field is one the Pod model knows (a misspelt field would land in additionalProperties)
            assertThat(p.getAdditionalProperties()).isEmpty();
            assertThat(p.getMetadata().getAdditionalProperties()).isEmpty();
            assertThat(p.getSpec().getAdditionalProperties()).isEmpty();
            assertThat(p.getSpec().getSecurityContext().getAdditionalProperties())
                    .isEmpty();
            assertThat(p.getSpec().getAffinity().getAdditionalProperties()).isEmpty();
            assertThat(p.getSpec().getContainers()).allSatisfy(c -> {
                assertThat(c.getAdditionalProperties()).isEmpty();
                assertThat(c.getSecurityContext().getAdditionalProperties()).isEmpty();
                assertThat(c.getResources().getAdditionalProperties()).isEmpty();
            });
            final String tool = p.getMetadata().getLabels().get(PodFactory.TOOL);
            assertThat(p.getSpec().getContainers().get(0).getImage())
                    .isEqualTo(tool.equals("qperf") ? "reg/qperf:1" : "localhost/jqperf:0.1.0-SNAPSHOT");
            if (tool.equals("qperf")) {
                assertThat(p.getSpec().getContainers().get(0).getCommand()).containsExactly("qperf");
            }
        }
        assertThat(perScenario.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        Scenario.ALL.stream().map(Scenario::name).toList());
        assertThat(perScenario.values()).containsOnly(6);
    }

    @Test
    void withoutQperfImageOnlyJqperfPodsAndNoSweepWhenQuick() {
        final PodFactory f = new PodFactory(Overlays.fromDirectory(KustomizeDriftTest.K8S));
        final List<Pod> pods =
                parse(DryRun.stream(f, Scenario.ALL, "jqperf", "r/j:2", null, "node-a", "node-b", 1, null));
        assertThat(pods).hasSize(5 * 2);
        assertThat(pods).allSatisfy(p -> {
            assertThat(p.getMetadata().getLabels()).containsEntry(PodFactory.TOOL, "jqperf");
            assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("r/j:2");
        });
        assertThat(pods.stream()
                        .filter(p -> p.getMetadata().getName().startsWith("jqperf-client"))
                        .map(p -> p.getSpec().getContainers().get(0).getArgs()))
                .allSatisfy(a -> assertThat(a)
                        .containsExactly(
                                DryRun.TARGET,
                                "-ip",
                                "19766", // the overlay Job's fixed data port
                                "-lp",
                                "19765",
                                "-t",
                                "1",
                                "-v",
                                "--cpu-scope",
                                "all", // the same args as the runner's (Runner.clientArgs)
                                "tcp_bw",
                                "udp_bw",
                                "tcp_lat",
                                "udp_lat",
                                "conf"));
    }

    @Test
    void theOverlayClientsDataPortGoesAfterTheHostUnlessTheMeasurementHasOne() {
        final List<String> overlay = List.of("jqperf-server", "-lp", "19765", "-ip", "19766", "-ws", "30", "-t", "30");
        assertThat(PodFactory.withDataPort(List.of("10.0.0.9", "-lp", "19765", "tcp_bw"), overlay))
                .containsExactly("10.0.0.9", "-ip", "19766", "-lp", "19765", "tcp_bw");
        assertThat(PodFactory.withDataPort(List.of("10.0.0.9", "-ip", "4000", "tcp_bw"), overlay))
                .containsExactly("10.0.0.9", "-ip", "4000", "tcp_bw");
        assertThat(PodFactory.withDataPort(List.of("10.0.0.9", "tcp_bw"), List.of("jqperf-server", "-t", "30")))
                .containsExactly("10.0.0.9", "tcp_bw");
    }
}
