package io.redoubt.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Kubernetes objects parsed from YAML (a helm template output or manifest files), with path lookups. */
final class Rendered {
    final List<Map<String, Object>> objects;

    private Rendered(List<Map<String, Object>> objects) {
        this.objects = objects;
    }

    static Rendered parse(String yamlStream) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yamlStream)) {
            if (doc != null) {
                out.add(map(doc));
            }
        }
        return new Rendered(out);
    }

    static Rendered parseFiles(List<Path> files) {
        StringBuilder all = new StringBuilder();
        for (Path f : files) {
            try {
                all.append(Files.readString(f)).append("\n---\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return parse(all.toString());
    }

    Map<String, Object> one(String kind) {
        List<Map<String, Object>> found = all(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size() + " in " + kindsAndNames());
        }
        return found.get(0);
    }

    List<Map<String, Object>> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).collect(Collectors.toList());
    }

    Map<String, Object> named(String kind, String name) {
        return all(kind).stream().filter(o -> name.equals(at(o, "metadata.name"))).findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + kindsAndNames()));
    }

    /** "Kind/name" of every object, sorted. */
    List<String> kindsAndNames() {
        return objects.stream().map(o -> o.get("kind") + "/" + at(o, "metadata.name")).sorted().collect(Collectors.toList());
    }

    /** Value at a dotted path; a numeric segment indexes a list. */
    static Object at(Object root, String path) {
        Object cur = root;
        for (String seg : path.split("\\.")) {
            if (cur instanceof Map<?, ?> m) {
                cur = m.get(seg);
            } else if (cur instanceof List<?> l && seg.chars().allMatch(Character::isDigit)) {
                cur = Integer.parseInt(seg) < l.size() ? l.get(Integer.parseInt(seg)) : null;
            } else {
                return null;
            }
        }
        return cur;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) Objects.requireNonNull(o, "missing map");
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    static Map<String, Object> mapAt(Object root, String path) {
        Object v = at(root, path);
        if (!(v instanceof Map)) {
            throw new AssertionError("no map at " + path);
        }
        return map(v);
    }

    /** The first container of a workload's pod template. */
    static Map<String, Object> container(Map<String, Object> workload) {
        return mapAt(workload, "spec.template.spec.containers.0");
    }

    /** The application.yml held by a ConfigMap, parsed. */
    static Map<String, Object> applicationYml(Map<String, Object> configMap) {
        Object text = mapAt(configMap, "data").get("application.yml");
        return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(String.valueOf(text)));
    }
}
