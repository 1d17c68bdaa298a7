package io.github.jqperf.scenarios.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The overlay reader on small in-memory kustomizations (no kubectl). */
class OverlaysTest {

    static Overlays of(final Map<String, String> files) {
        return new Overlays(files::get);
    }

    static Map<String, String> base() {
        final Map<String, String> f = new HashMap<>();
        f.put(
                "base/kustomization.yaml",
                "resources: [d.yaml]\nimages:\n- name: app\n  newName: reg/app\n  newTag: '2'\n");
        f.put(
                "base/d.yaml",
                String.join(
                        "\n",
                        "apiVersion: apps/v1",
                        "kind: Deployment",
                        "metadata: {name: d, labels: {a: b}}",
                        "spec:",
                        "  template:",
                        "    metadata: {labels: {a: b}}",
                        "    spec:",
                        "      hostNetwork: false",
                        "      dnsPolicy: ClusterFirst",
                        "      containers:",
                        "      - {name: c, image: app, args: ['-lp', '1'], ports: [{name: p, containerPort: 1}]}",
                        "      - {name: side, image: other:1}",
                        ""));
        return f;
    }

    @Test
    void patchesMergeMapsByKeyNamedListsByNameAndReplaceOtherValues() {
        final Map<String, String> f = base();
        f.put(
                "o/kustomization.yaml",
                "resources: [../base]\ncommonAnnotations: {x/y: '3'}\npatches:\n- path: p.yaml\n");
        f.put(
                "o/p.yaml",
                String.join(
                        "\n",
                        "apiVersion: apps/v1",
                        "kind: Deployment",
                        "metadata: {name: d}",
                        "spec:",
                        "  template:",
                        "    spec:",
                        "      hostNetwork: true",
                        "      dnsPolicy: null",
                        "      containers:",
                        "      - {name: c, args: ['-lp', '2']}",
                        "      - {name: new, image: n}",
                        ""));
        final List<Map<String, Object>> out = of(f).render("o");
        assertThat(out).hasSize(1);
        final Map<String, Object> d = out.get(0);
        assertThat(Overlays.path(d, "spec", "template", "spec", "hostNetwork")).isEqualTo(true);
        assertThat(((Map<?, ?>) Overlays.path(d, "spec", "template", "spec")).containsKey("dnsPolicy"))
                .isFalse();
        final List<?> cs = (List<?>) Overlays.path(d, "spec", "template", "spec", "containers");
        assertThat(cs).hasSize(3);
        assertThat(Overlays.path(cs.get(0), "args")).isEqualTo(List.of("-lp", "2"));
        assertThat(Overlays.path(cs.get(0), "image")).isEqualTo("reg/app:2");
        assertThat(Overlays.path(cs.get(0), "ports")).isEqualTo(List.of(Map.of("name", "p", "containerPort", 1)));
        assertThat(Overlays.path(cs.get(1), "image")).isEqualTo("other:1");
        assertThat(Overlays.path(cs.get(2), "image")).isEqualTo("n");
        assertThat(Overlays.path(d, "metadata", "annotations")).isEqualTo(Map.of("x/y", "3"));
        assertThat(Overlays.path(d, "spec", "template", "metadata", "annotations"))
                .isEqualTo(Map.of("x/y", "3"));
        assertThat(Overlays.path(d, "metadata", "labels")).isEqualTo(Map.of("a", "b"));
    }

    @Test
    void unsupportedFieldsAndMissingTargetsAreOneLineErrorsNamingTheFile() {
        final Map<String, String> f = base();
        f.put("o/kustomization.yaml", "resources: [../base]\nnamePrefix: x-\n");
        assertThatThrownBy(() -> of(f).render("o"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("o/kustomization.yaml: namePrefix is not supported");
        f.put("o/kustomization.yaml", "resources: [../base]\npatches:\n- path: p.yaml\n");
        f.put("o/p.yaml", "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\n");
        assertThatThrownBy(() -> of(f).render("o"))
                .hasMessageContaining("o/p.yaml: no Job named j in the resources of o/kustomization.yaml");
        f.put("o/kustomization.yaml", "resources: [../missing]\n");
        assertThatThrownBy(() -> of(f).render("o")).hasMessageContaining("missing: no such file in the overlays");
    }

    @Test
    void theJarCopyOfTheOverlaysRendersLikeTheRepository() {
        final Overlays dir = Overlays.fromDirectory(KustomizeDriftTest.K8S);
        final Overlays jar = Overlays.fromClasspath();
        for (final var s : io.github.jqperf.scenarios.Scenario.ALL) {
            assertThat(jar.render("overlays/" + s.overlay())).isEqualTo(dir.render("overlays/" + s.overlay()));
        }
    }
}
