package io.github.jqperf.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every document the manifests render to (the five scenario overlays, the runner base and its create-namespace
 * overlay) parses strictly into fabric8's model classes ({@link StrictManifests}: unknown fields, unknown kinds and
 * coerced scalars fail), and the runner's RBAC grants exactly what {@code jqperf --scenarios --kubernetes} needs
 * (docs/kubernetes.md, "Permissions"), with no wildcard, to its own service account only.
 *
 * <p>With {@code JQPERF_K8S_DRY_RUN=FILE} (container/k8s/test-k8s.sh sets it when {@code ./jqperf --scenarios
 * --kubernetes --dry-run} works) the runner's dry-run stream is checked as well: strict, every object labelled
 * {@code jqperf.io/scenario} with one of the five scenarios, all five present.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KubernetesManifestsStrictTest {

    private static final List<String> SCENARIOS = List.of(
            "1-pod-to-pod-same-node",
            "2-pod-to-pod-cross-node",
            "3-node-to-node",
            "4-pod-to-own-node",
            "5-pod-to-other-node");

    private static final String SCENARIO_LABEL = "jqperf.io/scenario";
    private static final String SA_NAMESPACE = "jqperf";
    private static final String SA_NAME = "jqperf-runner";
    private static final List<String> POD_VERBS =
            List.of("create", "get", "list", "watch", "delete", "deletecollection");

    private static Path k8sDir;
    private static Kustomize kustomize;

    @BeforeAll
    static void findRenderer() {
        k8sDir = Kustomize.k8sDir();
        kustomize = Kustomize.find();
    }

    static Stream<String> renderedDirs() {
        return Stream.concat(
                SCENARIOS.stream().map(s -> "overlays/" + s), Stream.of("runner/base", "runner/create-namespace"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderedDirs")
    void everyRenderedDocumentShouldParseStrictly(final String dir) throws Exception {
        final List<StrictManifests.Doc> docs = StrictManifests.parse(kustomize.render(k8sDir.resolve(dir)), dir);
        assertThat(docs).as(dir + " documents").isNotEmpty();
        for (final StrictManifests.Doc d : docs) {
            assertThat(d.object().getMetadata().getName())
                    .as(dir + " " + d.id())
                    .isNotBlank();
        }
    }

    @Test
    void runnerBaseShouldGrantExactlyWhatTheRunnerNeeds() throws Exception {
        final List<HasMetadata> objects = objects("runner/base");
        assertThat(ids(objects))
                .containsExactlyInAnyOrder(
                        "Namespace/jqperf",
                        "ServiceAccount/jqperf-runner",
                        "Role/jqperf-runner",
                        "RoleBinding/jqperf-runner",
                        "ClusterRole/jqperf-runner",
                        "ClusterRoleBinding/jqperf-runner",
                        "Job/jqperf-runner");
        assertThat(grants(objects)).containsExactlyInAnyOrderElementsOf(baseGrants());
        assertThat(jobNamespaceArg(objects)).isEqualTo(SA_NAMESPACE);
        // hostNetwork pods (scenarios 3-5) are admitted only at Pod Security level "privileged"
        assertThat(one(objects, "Namespace", "jqperf").getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "privileged");
    }

    @Test
    void createNamespaceOverlayShouldAddOnlyTheNamespaceLifecycle() throws Exception {
        final List<HasMetadata> objects = objects("runner/create-namespace");
        final Set<String> expected = new TreeSet<>(baseGrants());
        expected.add("cluster | namespaces | create");
        expected.add("cluster | namespaces | list");
        expected.add("cluster | namespaces/jqperf-work | delete");
        expected.add("cluster | namespaces/jqperf-work | get");
        POD_VERBS.forEach(v -> expected.add("cluster | pods | " + v));
        expected.add("cluster | pods/log | get");
        assertThat(grants(objects)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(jobNamespaceArg(objects)).isEqualTo("jqperf-work");
    }

    @Test
    void strictParserShouldRejectAMisspeltField() {
        final String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: typo
                spec:
                  template:
                    spec:
                      hostNetwrok: true
                      containers: [{name: c, image: i}]
                """;
        assertThatThrownBy(() -> StrictManifests.parse(yaml, "typo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hostNetwrok");
    }

    @Test
    void strictParserShouldRejectUnknownKindsAndCoercedScalars() {
        assertThatThrownBy(() -> StrictManifests.parse("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n", "k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown apiVersion/kind v1/Secret");
        assertThatThrownBy(() -> StrictManifests.parse(
                        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: \"1\"}\n", "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replicas");
    }

    @Test
    void rbacCheckShouldRejectAWildcard() {
        final String yaml = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: wide, namespace: jqperf}
                rules:
                  - apiGroups: [""]
                    resources: ["pods"]
                    verbs: ["*"]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: wide, namespace: jqperf}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: wide}
                subjects: [{kind: ServiceAccount, name: jqperf-runner, namespace: jqperf}]
                """;
        final List<HasMetadata> objects = StrictManifests.parse(yaml, "wildcard").stream()
                .map(StrictManifests.Doc::object)
                .toList();
        assertThatThrownBy(() -> grants(objects))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("*");
    }

    /**
     * Runs only from container/k8s/test-k8s.sh, which makes the stream first (tag {@code dry-run-stream}, excluded from
     * the plain {@code mvn verify} in container/pom.xml, so it is never counted there as a skip).
     */
    @Test
    @Tag("dry-run-stream")
    void dryRunStreamShouldBeStrictAndLabelledWithAllFiveScenarios() throws Exception {
        final String file = System.getenv("JQPERF_K8S_DRY_RUN");
        Assumptions.assumeTrue(
                file != null && !file.isBlank(),
                "JQPERF_K8S_DRY_RUN is not set (container/k8s/test-k8s.sh sets it when the --dry-run exists)");
        final List<StrictManifests.Doc> docs = StrictManifests.parse(Files.readString(Path.of(file)), "--dry-run");
        assertThat(docs).as("objects in the --dry-run stream").isNotEmpty();
        final Map<String, List<String>> byScenario = new TreeMap<>();
        for (final StrictManifests.Doc d : docs) {
            final Map<String, String> labels = d.object().getMetadata().getLabels();
            assertThat(labels).as(d.id() + " labels").containsKey(SCENARIO_LABEL);
            // the runner labels with the scenario's name (pod-to-pod-same-node), the overlays annotate with the
            // overlay's directory (1-pod-to-pod-same-node): either names one of the five
            final String scenario = labels.get(SCENARIO_LABEL).replaceFirst("^[1-5]-", "");
            assertThat(SCENARIOS.stream().map(n -> n.substring(2)))
                    .as(d.id() + " " + SCENARIO_LABEL)
                    .contains(scenario);
            byScenario.computeIfAbsent(scenario, k -> new ArrayList<>()).add(d.id());
        }
        assertThat(byScenario.keySet())
                .as("scenarios in the --dry-run stream")
                .containsExactlyInAnyOrderElementsOf(
                        SCENARIOS.stream().map(n -> n.substring(2)).toList());
    }

    // ---- RBAC ------------------------------------------------------------------------------------------------

    private static Set<String> baseGrants() {
        final Set<String> g = new TreeSet<>();
        POD_VERBS.forEach(v -> g.add("namespace jqperf | pods | " + v));
        g.add("namespace jqperf | pods/log | get");
        g.add("cluster | nodes | get");
        g.add("cluster | nodes | list");
        g.add("cluster | namespaces/jqperf | get");
        return g;
    }

    /**
     * What the runner's service account may do, one "scope | resource[/name] | verb" per grant, following the
     * bindings; fails on a wildcard, a non-resource URL, an API group other than the core group, an aggregated
     * role, a role bound to another subject, a role not bound at all, or a binding to a role outside the render.
     */
    private static Set<String> grants(final List<HasMetadata> objects) {
        final Map<String, List<PolicyRule>> roles = new TreeMap<>();
        for (final HasMetadata o : objects) {
            if (o instanceof Role r) {
                roles.put(
                        "Role " + r.getMetadata().getNamespace() + "/"
                                + r.getMetadata().getName(),
                        r.getRules());
            } else if (o instanceof ClusterRole r) {
                assertThat(r.getAggregationRule())
                        .as("ClusterRole " + r.getMetadata().getName())
                        .isNull();
                roles.put("ClusterRole " + r.getMetadata().getName(), r.getRules());
            }
        }
        final Set<String> bound = new TreeSet<>();
        final Set<String> out = new TreeSet<>();
        for (final HasMetadata o : objects) {
            final RoleRef ref;
            final List<Subject> subjects;
            final String scope;
            if (o instanceof RoleBinding b) {
                ref = b.getRoleRef();
                subjects = b.getSubjects();
                scope = "namespace " + b.getMetadata().getNamespace();
            } else if (o instanceof ClusterRoleBinding b) {
                ref = b.getRoleRef();
                subjects = b.getSubjects();
                scope = "cluster";
            } else {
                continue;
            }
            final String where = o.getKind() + " " + o.getMetadata().getName();
            assertThat(subjects).as(where + " subjects").hasSize(1);
            assertThat(subjects.get(0).getKind()).as(where).isEqualTo("ServiceAccount");
            assertThat(subjects.get(0).getNamespace() + "/" + subjects.get(0).getName())
                    .as(where)
                    .isEqualTo(SA_NAMESPACE + "/" + SA_NAME);
            assertThat(ref.getApiGroup()).as(where).isEqualTo("rbac.authorization.k8s.io");
            final String key = "Role".equals(ref.getKind())
                    ? "Role " + o.getMetadata().getNamespace() + "/" + ref.getName()
                    : "ClusterRole " + ref.getName();
            assertThat(roles)
                    .as(where + " binds a role of the render (never a built-in one)")
                    .containsKey(key);
            bound.add(key);
            for (final PolicyRule rule : roles.get(key)) {
                final String r = key + " rule " + rule;
                assertThat(rule.getNonResourceURLs()).as(r).isNullOrEmpty();
                assertThat(rule.getApiGroups()).as(r).containsExactly("");
                final List<String> names = rule.getResourceNames() == null
                                || rule.getResourceNames().isEmpty()
                        ? List.of("")
                        : rule.getResourceNames();
                for (final String s : Stream.of(rule.getResources(), rule.getVerbs(), names)
                        .flatMap(List::stream)
                        .toList()) {
                    assertThat(s).as(r + ": no wildcard").doesNotContain("*");
                }
                for (final String res : rule.getResources()) {
                    for (final String name : names) {
                        for (final String verb : rule.getVerbs()) {
                            out.add(scope + " | " + res + (name.isEmpty() ? "" : "/" + name) + " | " + verb);
                        }
                    }
                }
            }
        }
        assertThat(bound).as("every role is bound to the runner").containsExactlyInAnyOrderElementsOf(roles.keySet());
        return out;
    }

    /** The Job runs as the runner's service account, in its namespace, and returns its --namespace argument. */
    private static String jobNamespaceArg(final List<HasMetadata> objects) {
        final Job job = (Job) one(objects, "Job", "jqperf-runner");
        final ServiceAccount sa = (ServiceAccount) one(objects, "ServiceAccount", SA_NAME);
        assertThat(job.getMetadata().getNamespace()).isEqualTo(SA_NAMESPACE);
        assertThat(sa.getMetadata().getNamespace()).isEqualTo(SA_NAMESPACE);
        assertThat(job.getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(SA_NAME);
        final List<String> args =
                job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertThat(args).startsWith("--scenarios", "--kubernetes");
        final int i = args.indexOf("--namespace");
        assertThat(i).as("--namespace in " + args).isPositive().isLessThan(args.size() - 1);
        return args.get(i + 1);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static List<HasMetadata> objects(final String dir) throws Exception {
        return StrictManifests.parse(kustomize.render(k8sDir.resolve(dir)), dir).stream()
                .map(StrictManifests.Doc::object)
                .toList();
    }

    private static List<String> ids(final List<HasMetadata> objects) {
        return objects.stream()
                .map(o -> o.getKind() + "/" + o.getMetadata().getName())
                .collect(Collectors.toList());
    }

    private static HasMetadata one(final List<HasMetadata> objects, final String kind, final String name) {
        final List<HasMetadata> found = objects.stream()
                .filter(o ->
                        kind.equals(o.getKind()) && name.equals(o.getMetadata().getName()))
                .toList();
        assertThat(found).as(kind + "/" + name).hasSize(1);
        return found.get(0);
    }
}
