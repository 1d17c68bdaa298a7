package io.github.jqperf.scenarios.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.jqperf.scenarios.Scenario;
import io.github.jqperf.scenarios.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runner's objects cannot drift from the overlays: each overlay rendered by {@code kubectl kustomize} equals the
 * runner's own rendering object for object, and the pods it creates equal the rendered pod templates except {@link
 * PodFactory#ADDITIONS}. Skipped without kubectl, except under {@code CI=true}, where it fails.
 */
class KustomizeDriftTest {

    static final Path K8S = Path.of("../k8s").toAbsolutePath().normalize();

    @Test
    void runnerObjectsEqualKustomizeRenderExceptTheDocumentedAdditions() throws Exception {
        final boolean ci = "true".equals(System.getenv("CI"));
        final boolean kubectl = kubectlWorks();
        if (ci) {
            assertThat(kubectl).as("kubectl with kustomize on PATH (CI=true)").isTrue();
        }
        assumeTrue(kubectl, "kubectl not on PATH");
        final Overlays overlays = Overlays.fromDirectory(K8S);
        final PodFactory factory = new PodFactory(overlays);
        for (final Scenario s : Scenario.ALL) {
            final List<Map<String, Object>> rendered = kustomize(K8S.resolve("overlays/" + s.overlay()));
            assertThat(rendered).as(s.overlay()).hasSize(3);
            // the Java reading of the overlay equals kustomize's, object for object
            assertThat(byKindName(overlays.render("overlays/" + s.overlay())))
                    .as(s.overlay())
                    .isEqualTo(byKindName(rendered));
            for (final boolean server : List.of(true, false)) {
                final Map<String, Object> workload = Overlays.ofKind(rendered, server ? "Deployment" : "Job");
                final Map<String, Object> pod = factory.podTree(new PodFactory.Spec(
                        s, server, Tool.JQPERF, "example.org/jqperf:1", List.of("x"), "n1", "r1", "p-1", "ns1"));
                final Map<String, Object> expected = new LinkedHashMap<>();
                expected.put("apiVersion", "v1");
                expected.put("kind", "Pod");
                expected.put("metadata", Overlays.path(workload, "spec", "template", "metadata"));
                expected.put("spec", Overlays.path(workload, "spec", "template", "spec"));
                assertThat(withoutAdditions(pod))
                        .as(s.overlay() + (server ? " server" : " client"))
                        .isEqualTo(withoutImageAndArgs(expected));
                // and the additions are what ADDITIONS says
                assertThat(Overlays.path(pod, "metadata", "labels", PodFactory.SCENARIO))
                        .isEqualTo(s.name());
                assertThat(Overlays.path(pod, "spec", "nodeSelector", PodFactory.HOSTNAME))
                        .isEqualTo("n1");
                assertThat(Overlays.path(pod, "metadata", "namespace")).isEqualTo("ns1");
            }
        }
    }

    /** Removes exactly {@link PodFactory#ADDITIONS} (image, args: the template's are removed on the other side). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutAdditions(final Map<String, Object> pod) {
        final Map<String, Object> p = (Map<String, Object>) Overlays.deepCopy(pod);
        final Map<String, Object> meta = (Map<String, Object>) p.get("metadata");
        meta.remove("name");
        meta.remove("namespace");
        final Map<String, Object> labels = (Map<String, Object>) meta.get("labels");
        labels.remove(PodFactory.MANAGED_BY);
        labels.remove(PodFactory.RUN);
        labels.remove(PodFactory.SCENARIO);
        labels.remove(PodFactory.TOOL);
        final Map<String, Object> spec = (Map<String, Object>) p.get("spec");
        spec.remove("nodeSelector");
        final Map<String, Object> c = PodFactory.container(p);
        c.remove("image");
        c.remove("args");
        c.remove("command");
        return p;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutImageAndArgs(final Map<String, Object> pod) {
        final Map<String, Object> p = (Map<String, Object>) Overlays.deepCopy(pod);
        final Map<String, Object> c = PodFactory.container(p);
        c.remove("image");
        c.remove("args");
        return p;
    }

    static Map<String, Map<String, Object>> byKindName(final List<Map<String, Object>> objects) {
        final Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        for (final Map<String, Object> o : objects) {
            m.put(o.get("kind") + "/" + Overlays.path(o, "metadata", "name"), o);
        }
        return m;
    }

    static boolean kubectlWorks() {
        try {
            final Process p = new ProcessBuilder("kubectl", "version", "--client")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> kustomize(final Path dir) throws IOException, InterruptedException {
        final Path err = Files.createTempFile("kustomize", ".err");
        try {
            final Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectError(err.toFile())
                    .start();
            final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(err)).isZero();
            final KubernetesSerialization yaml = new KubernetesSerialization();
            final List<Map<String, Object>> docs = new ArrayList<>();
            for (final String doc : out.split("(?m)^---$")) {
                if (!doc.isBlank()) {
                    docs.add((Map<String, Object>) Overlays.deepCopy(yaml.unmarshal(doc, Map.class)));
                }
            }
            return docs;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
