package io.github.jqperf.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Parses a multi-document Kubernetes YAML stream into fabric8's typed model classes, strictly.
 *
 * <p>fabric8's model classes keep any field they do not know in an {@code additionalProperties} map (a Jackson
 * any-setter), so a plain parse accepts a misspelt field silently. Here the any-setter is removed from every bean
 * deserializer and unknown properties fail, scalars are not coerced ({@code replicas: "1"} fails, as it does on the
 * API server), duplicate keys fail, and each object must serialize back to exactly the tree it was read from, so
 * nothing was dropped or reinterpreted on the way. Only the kinds jqperf's manifests use are known; any other kind
 * or apiVersion fails.
 */
final class StrictManifests {

    /** The kinds jqperf's manifests (overlays, runner, the runner's --dry-run stream) may contain. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Stream.of(
                    Namespace.class,
                    ServiceAccount.class,
                    Service.class,
                    Pod.class,
                    Deployment.class,
                    Job.class,
                    Role.class,
                    RoleBinding.class,
                    ClusterRole.class,
                    ClusterRoleBinding.class)
            .collect(Collectors.toMap(
                    c -> HasMetadata.getApiVersion(c) + "/" + HasMetadata.getKind(c), Function.identity()));

    private static final YAMLMapper STRICT = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .changeDefaultPropertyInclusion(
                    v -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .addModule(new SimpleModule("jqperf-strict").setDeserializerModifier(new ValueDeserializerModifier() {
                private static final long serialVersionUID = 1L;

                @Override
                public BeanDeserializerBuilder updateBuilder(
                        final DeserializationConfig config,
                        final BeanDescription.Supplier description,
                        final BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null); // additionalProperties: unknown fields would land there silently
                    builder.setIgnoreUnknownProperties(false);
                    return builder;
                }
            }))
            .build();

    private StrictManifests() {}

    /** One parsed document: the typed object and the tree it came from. */
    record Doc(HasMetadata object, JsonNode tree) {
        String id() {
            return object.getKind() + "/" + object.getMetadata().getName();
        }
    }

    /**
     * Parses every document of {@code yaml}.
     *
     * @param where what the stream is (an overlay's name, "--dry-run"), for the messages
     * @throws IllegalArgumentException naming the document and the problem, on the first that is not strictly valid
     */
    static List<Doc> parse(final String yaml, final String where) {
        final List<Doc> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = STRICT.readerFor(JsonNode.class).readValues(yaml)) {
            int index = 0;
            while (it.hasNextValue()) {
                final JsonNode tree = it.nextValue();
                index++;
                if (tree == null || tree.isNull() || tree.isMissingNode()) {
                    continue;
                }
                docs.add(parseOne(tree, where + " document " + index));
            }
        } catch (final tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(where + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        return docs;
    }

    private static Doc parseOne(final JsonNode tree, final String where) {
        final String type =
                tree.path("apiVersion").asString("") + "/" + tree.path("kind").asString("");
        final Class<? extends HasMetadata> cls = KINDS.get(type);
        if (cls == null) {
            throw new IllegalArgumentException(where + ": unknown apiVersion/kind " + type + "; known: "
                    + KINDS.keySet().stream().sorted().toList());
        }
        final HasMetadata object;
        try {
            object = STRICT.treeToValue(tree, cls);
        } catch (final tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(
                    where + " (" + type + " "
                            + tree.path("metadata").path("name").asString("?") + "): " + e.getOriginalMessage() + " at "
                            + e.getPathReference(),
                    e);
        }
        final String difference = difference("", tree, STRICT.valueToTree(object));
        if (difference != null) {
            throw new IllegalArgumentException(where + " (" + type + "): does not read back as written: " + difference);
        }
        return new Doc(object, tree);
    }

    /**
     * The first path where {@code a} and {@code b} differ, with both values, or null when they are equal. Numbers
     * compare by value (an int read back from a long field is the same number).
     */
    private static String difference(final String path, final JsonNode a, final JsonNode b) {
        if (a.isObject() && b.isObject()) {
            final java.util.Set<String> names = new java.util.TreeSet<>(a.propertyNames());
            names.addAll(b.propertyNames());
            for (final String n : names) {
                final JsonNode x = a.get(n);
                final JsonNode y = b.get(n);
                if (x == null || y == null) {
                    return path + "/" + n + ": " + x + " became " + y;
                }
                final String d = difference(path + "/" + n, x, y);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                final String d = difference(path + "/" + i, a.get(i), b.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0 ? null : path + ": " + a + " became " + b;
        }
        return a.equals(b) ? null : path + ": " + a + " became " + b;
    }
}
