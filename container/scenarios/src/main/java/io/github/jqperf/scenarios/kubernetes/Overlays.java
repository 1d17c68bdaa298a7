package io.github.jqperf.scenarios.kubernetes;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the kustomize overlays of {@code container/k8s} in Java, so the cluster runner and {@code kubectl apply -k}
 * use one source. It understands what those overlays use and nothing more, and says so for anything else:
 * {@code resources} (files and directories with a {@code kustomization.yaml}), {@code patches} with a {@code path}
 * (applied as a strategic merge: maps merge key by key, lists of named items such as {@code containers} merge by
 * {@code name}, other lists and values are replaced, a {@code null} removes the key), {@code images}
 * ({@code name}, {@code newName}, {@code newTag}) and {@code commonAnnotations} (on every object's metadata and on
 * the pod templates). The result equals {@code kubectl kustomize DIR} object for object (KustomizeDriftTest).
 */
public final class Overlays {

    private static final Set<String> KNOWN =
            Set.of("apiVersion", "kind", "resources", "patches", "images", "commonAnnotations");
    private static final Set<String> NAMED_LISTS =
            Set.of("containers", "initContainers", "volumes", "volumeMounts", "env", "ports");

    private final Function<String, String> files;
    private final KubernetesSerialization yaml = new KubernetesSerialization();

    /**
     * Reads overlays through a file reader.
     *
     * @param files gives a file's text by its path relative to the {@code k8s} directory (e.g.
     *     {@code base/server.yaml}), or {@code null} when there is no such file
     */
    public Overlays(final Function<String, String> files) {
        this.files = files;
    }

    /**
     * Reads the overlays from a directory (the repository's {@code container/k8s}).
     *
     * @param k8s the directory
     * @return the reader
     */
    public static Overlays fromDirectory(final Path k8s) {
        return new Overlays(rel -> {
            final Path p = k8s.resolve(rel);
            try {
                return Files.isRegularFile(p) ? Files.readString(p) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Reads the copy of {@code container/k8s} that the build puts into the runner's jar (under {@code /k8s/}).
     *
     * @return the reader
     */
    public static Overlays fromClasspath() {
        return new Overlays(rel -> {
            try (InputStream in = Overlays.class.getResourceAsStream("/k8s/" + rel)) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Renders a kustomization directory as {@code kubectl kustomize} would.
     *
     * @param dir the directory relative to the {@code k8s} directory, e.g. {@code overlays/3-node-to-node}
     * @return the objects, as YAML trees (maps, lists, strings, numbers, booleans)
     * @throws IllegalArgumentException with one line naming the file and what is wrong
     */
    public List<Map<String, Object>> render(final String dir) {
        final String kfile = join(dir, "kustomization.yaml");
        final Map<String, Object> k = map(parse(kfile), kfile);
        for (final String key : k.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException(kfile + ": " + key + " is not supported by the runner's overlay"
                        + " reader (it knows " + KNOWN + "); render the objects with kubectl kustomize instead");
            }
        }
        final List<Map<String, Object>> objects = new ArrayList<>();
        for (final Object r : list(k.get("resources"), kfile)) {
            final String rel = join(dir, String.valueOf(r));
            if (files.apply(join(rel, "kustomization.yaml")) != null) {
                objects.addAll(render(rel));
            } else {
                objects.add(map(parse(rel), rel));
            }
        }
        for (final Object p : list(k.get("patches"), kfile)) {
            final Map<String, Object> entry = map(p, kfile);
            if (entry.size() != 1 || !(entry.get("path") instanceof String path)) {
                throw new IllegalArgumentException(
                        kfile + ": a patch must be {path: FILE} (strategic merge); got " + entry);
            }
            final String rel = join(dir, path);
            final Map<String, Object> patch = map(parse(rel), rel);
            final Map<String, Object> target = objects.stream()
                    .filter(o -> sameObject(o, patch))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(rel + ": no " + patch.get("kind") + " named "
                            + name(patch) + " in the resources of " + kfile));
            merge(target, patch);
        }
        for (final Object i : list(k.get("images"), kfile)) {
            final Map<String, Object> image = map(i, kfile);
            objects.forEach(o -> setImage(o, image));
        }
        if (k.get("commonAnnotations") != null) {
            final Map<String, Object> ann = map(k.get("commonAnnotations"), kfile);
            for (final Map<String, Object> o : objects) {
                annotate(o, ann);
                final Object template = path(o, "spec", "template");
                if (template instanceof Map<?, ?> t) {
                    annotate(cast(t), ann);
                }
            }
        }
        return objects;
    }

    /**
     * The object of a kind in a rendered list.
     *
     * @param objects what {@link #render} returned
     * @param kind e.g. {@code Deployment}
     * @return the first object of that kind
     * @throws IllegalArgumentException when there is none
     */
    public static Map<String, Object> ofKind(final List<Map<String, Object>> objects, final String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the overlay has no " + kind));
    }

    /**
     * A value at a path of map keys.
     *
     * @param tree the tree
     * @param keys the keys
     * @return the value, or {@code null} when a key is missing
     */
    public static Object path(final Object tree, final String... keys) {
        Object o = tree;
        for (final String k : keys) {
            if (!(o instanceof Map<?, ?> m)) {
                return null;
            }
            o = m.get(k);
        }
        return o;
    }

    /**
     * Merges a strategic-merge patch into a tree, in place (see the class comment for the rules).
     *
     * @param target the tree
     * @param patch the patch
     */
    static void merge(final Map<String, Object> target, final Map<String, Object> patch) {
        for (final Map.Entry<String, Object> e : patch.entrySet()) {
            final String key = e.getKey();
            final Object pv = e.getValue();
            final Object tv = target.get(key);
            if (pv == null) {
                target.remove(key);
            } else if (pv instanceof Map<?, ?> pm && tv instanceof Map<?, ?> tm) {
                merge(cast(tm), cast(pm));
            } else if (pv instanceof List<?> pl && tv instanceof List<?> tl && NAMED_LISTS.contains(key)) {
                final List<Object> merged = new ArrayList<>(tl);
                for (final Object item : pl) {
                    final Object itemName = item instanceof Map<?, ?> im ? im.get("name") : null;
                    final Object existing = itemName == null
                            ? null
                            : merged.stream()
                                    .filter(x -> x instanceof Map<?, ?> xm && itemName.equals(xm.get("name")))
                                    .findFirst()
                                    .orElse(null);
                    if (existing != null) {
                        merge(cast((Map<?, ?>) existing), cast((Map<?, ?>) item));
                    } else {
                        merged.add(deepCopy(item));
                    }
                }
                target.put(key, merged);
            } else {
                target.put(key, deepCopy(pv));
            }
        }
    }

    /**
     * A deep copy of a YAML tree (maps and lists copied, leaves shared).
     *
     * @param o the tree
     * @return the copy
     */
    @SuppressWarnings("unchecked")
    public static Object deepCopy(final Object o) {
        if (o instanceof Map<?, ?> m) {
            final Map<String, Object> c = new LinkedHashMap<>();
            m.forEach((k, v) -> c.put(String.valueOf(k), deepCopy(v)));
            return c;
        }
        if (o instanceof List<?> l) {
            final List<Object> c = new ArrayList<>();
            l.forEach(v -> c.add(deepCopy(v)));
            return c;
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(final Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private Object parse(final String rel) {
        final String text = files.apply(rel);
        if (text == null) {
            throw new IllegalArgumentException(rel + ": no such file in the overlays");
        }
        try {
            return deepCopy(yaml.unmarshal(text, Map.class));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(rel + ": not a YAML object: " + e.getMessage());
        }
    }

    private static void setImage(final Map<String, Object> o, final Map<String, Object> image) {
        final Object spec = o.get("kind").equals("Pod") ? o.get("spec") : path(o, "spec", "template", "spec");
        for (final String list : List.of("containers", "initContainers")) {
            final Object cs = path(spec, list);
            if (!(cs instanceof List<?> l)) {
                continue;
            }
            for (final Object c : l) {
                final Map<String, Object> container = cast((Map<?, ?>) c);
                final String img = String.valueOf(container.get("image"));
                final int at = img.indexOf('@');
                final int colon = img.lastIndexOf(':');
                final int cut = at >= 0 ? at : colon > img.lastIndexOf('/') ? colon : img.length();
                if (!img.substring(0, cut).equals(image.get("name"))) {
                    continue;
                }
                final String newName = image.get("newName") != null ? String.valueOf(image.get("newName")) : null;
                final String newTag = image.get("newTag") != null ? String.valueOf(image.get("newTag")) : null;
                final String nameOut = newName != null ? newName : img.substring(0, cut);
                final String rest = img.substring(cut);
                container.put("image", nameOut + (newTag != null ? ":" + newTag : rest));
            }
        }
    }

    private static void annotate(final Map<String, Object> o, final Map<String, Object> ann) {
        final Map<String, Object> meta = cast((Map<?, ?>) o.computeIfAbsent("metadata", k -> new LinkedHashMap<>()));
        final Map<String, Object> a =
                cast((Map<?, ?>) meta.computeIfAbsent("annotations", k -> new LinkedHashMap<String, Object>()));
        ann.forEach((k, v) -> a.put(k, String.valueOf(v)));
    }

    private static boolean sameObject(final Map<String, Object> o, final Map<String, Object> patch) {
        return Objects.equals(o.get("kind"), patch.get("kind"))
                && Objects.equals(o.get("apiVersion"), patch.get("apiVersion"))
                && Objects.equals(name(o), name(patch));
    }

    private static Object name(final Map<String, Object> o) {
        return path(o, "metadata", "name");
    }

    private static Map<String, Object> map(final Object o, final String where) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + ": expected a YAML object, got " + o);
        }
        return cast(m);
    }

    private static List<?> list(final Object o, final String where) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException(where + ": expected a list, got " + o);
        }
        return l;
    }

    private static String join(final String dir, final String rel) {
        final Path p = Path.of(dir).resolve(rel).normalize();
        return p.toString().replace('\\', '/');
    }
}
