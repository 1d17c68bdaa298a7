package io.github.jqperf.scenarios.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.jqperf.scenarios.kubernetes.FakeKubelet.Act;
import io.github.jqperf.scenarios.kubernetes.FakeKubelet.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C for real: {@code jqperf --scenarios --kubernetes} as its own process against the CRUD mock server (through a
 * kubeconfig), stopped by a signal while a client pod runs; its shutdown hook must delete the run's pods and the
 * namespace it created, and save what it measured. And a {@code --context} the kubeconfig lacks.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesInterruptTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void aSignalMidRunRemovesThePodsAndTheNamespaceAndSavesTheResults(@TempDir final Path tmp) throws Exception {
        for (final String n : List.of("n1", "n2")) {
            client.nodes()
                    .resource(KubernetesPlacementTest.node(n, false, null))
                    .create();
        }
        final Path kubeconfig = tmp.resolve("kubeconfig");
        Files.writeString(
                kubeconfig,
                String.join(
                        "\n",
                        "apiVersion: v1",
                        "kind: Config",
                        "clusters:",
                        "- name: mock",
                        "  cluster:",
                        "    server: " + client.getMasterUrl(),
                        "    insecure-skip-tls-verify: true",
                        "users:",
                        "- name: u",
                        "  user:",
                        "    token: t",
                        "contexts:",
                        "- name: mock",
                        "  context: {cluster: mock, user: u}",
                        "current-context: mock",
                        ""));
        final Path out = tmp.resolve("out");
        final ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Djqperf.home=" + KustomizeDriftTest.K8S.getParent().getParent(),
                        "io.github.jqperf.scenarios.ScenariosMain",
                        "--scenarios",
                        "--kubernetes",
                        "--quick",
                        "--ready-timeout",
                        "30",
                        "--out",
                        out.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("log").toFile());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().remove("KUBERNETES_SERVICE_HOST");
        try (FakeKubelet kubelet = new FakeKubelet(
                server,
                client,
                "jqperf",
                p -> KubernetesPlacementTest.isServer(p) ? Act.of(Kind.READY) : Act.of(Kind.RUNNING))) {
            final Process proc = pb.start();
            try {
                final long end = System.nanoTime() + 90_000_000_000L;
                while (kubelet.seen.stream().noneMatch(p -> !KubernetesPlacementTest.isServer(p))
                        && proc.isAlive()
                        && System.nanoTime() < end) {
                    Thread.sleep(50);
                }
                assertThat(kubelet.seen)
                        .as(Files.readString(tmp.resolve("log")))
                        .anyMatch(p -> !KubernetesPlacementTest.isServer(p));
                assertThat(client.pods().inNamespace("jqperf").list().getItems())
                        .hasSize(2);
                proc.destroy(); // SIGTERM: the same shutdown hook as Ctrl-C's SIGINT
                assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                proc.destroyForcibly();
            }
        }
        final String log = Files.readString(tmp.resolve("log"), StandardCharsets.UTF_8);
        assertThat(log).contains("created namespace jqperf").contains("interrupted: removing");
        assertThat(client.pods().inNamespace("jqperf").list().getItems())
                .as(log)
                .isEmpty();
        assertThat(client.namespaces().withName("jqperf").get()).as(log).isNull();
        assertThat(Files.readString(out.resolve("results.json"))).contains("interrupted");
    }

    @Test
    void aQuickRunOnTheMockClusterWritesTheSameResultsAndReportAndLeavesNothing(@TempDir final Path tmp)
            throws Exception {
        for (final String n : List.of("n1", "n2")) {
            client.nodes()
                    .resource(KubernetesPlacementTest.node(n, false, null))
                    .create();
        }
        final Path kubeconfig = tmp.resolve("kubeconfig");
        Files.writeString(
                kubeconfig,
                String.join(
                        "\n",
                        "apiVersion: v1",
                        "kind: Config",
                        "clusters: [{name: mock, cluster: {server: '" + client.getMasterUrl()
                                + "', insecure-skip-tls-verify: true}}]",
                        "users: [{name: u, user: {token: t}}]",
                        "contexts: [{name: mock, context: {cluster: mock, user: u}}]",
                        "current-context: mock",
                        ""));
        final Path out = tmp.resolve("out");
        final ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djava.awt.headless=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Djqperf.home=" + KustomizeDriftTest.K8S.getParent().getParent(),
                        "io.github.jqperf.scenarios.ScenariosMain",
                        "--scenarios",
                        "--kubernetes",
                        "--context",
                        "mock",
                        "--quick",
                        "--qperf-image",
                        "reg/qperf:1",
                        "--out",
                        out.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("log").toFile());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        final int rc;
        try (FakeKubelet kubelet = new FakeKubelet(server, client, "jqperf", KubernetesPlacementTest::normal)) {
            final Process proc = pb.start();
            try {
                assertThat(proc.waitFor(120, TimeUnit.SECONDS)).isTrue();
            } finally {
                proc.destroyForcibly();
            }
            rc = proc.exitValue();
        }
        final String log = Files.readString(tmp.resolve("log"), StandardCharsets.UTF_8);
        assertThat(rc).as(log).isZero();
        assertThat(log).contains("nodes: A=n1").contains("10 cells, 0 failed");
        final String results = Files.readString(out.resolve("results.json"));
        assertThat(results).contains("Kubernetes cluster").contains("pod-to-other-node");
        assertThat(out.resolve("report.md")).exists();
        assertThat(out.resolve("report.html")).exists();
        assertThat(Files.readString(out.resolve("report.md"))).contains("node-to-node");
        assertThat(client.pods().inNamespace("jqperf").list().getItems()).isEmpty();
        assertThat(client.namespaces().withName("jqperf").get()).isNull();
    }

    @Test
    void anUnknownContextIsOneLineAndExitCodeTwo(@TempDir final Path tmp) throws Exception {
        final Path kubeconfig = tmp.resolve("kubeconfig");
        Files.writeString(
                kubeconfig,
                String.join(
                        "\n",
                        "apiVersion: v1",
                        "kind: Config",
                        "clusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]",
                        "users: [{name: u, user: {token: t}}]",
                        "contexts: [{name: mine, context: {cluster: c, user: u}}]",
                        "current-context: mine",
                        ""));
        final ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.github.jqperf.scenarios.ScenariosMain",
                        "--scenarios",
                        "--kubernetes",
                        "--context",
                        "nope",
                        "--cleanup")
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("log").toFile());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        final Process proc = pb.start();
        try {
            assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            proc.destroyForcibly();
        }
        assertThat(proc.exitValue()).isEqualTo(2);
        assertThat(Files.readString(tmp.resolve("log")).strip())
                .isEqualTo("jqperf --scenarios: --context nope: no such context in the kubeconfig (it has [mine];"
                        + " kubectl config get-contexts lists them)");
    }
}
