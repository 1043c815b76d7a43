package dev.logship.diff;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Flattens a normalised document into {@code path -> value}, so a diff is a comparison of two
 * maps and each difference has a path a person can read. A list of objects that all carry a
 * distinct name (or key, containerName, namespace) is addressed by it:
 * {@code containerDefinitions[logspout].privileged}; a name/value pair (environment, tags,
 * secrets) is shown as {@code environment[NAME]}. Any other list is one value.
 */
final class DocumentPaths {
    private static final List<String> IDENTITY = List.of("name", "key", "containerName", "namespace");
    private static final Set<String> PAIR_VALUE = Set.of("value", "valueFrom");

    private DocumentPaths() {}

    static SortedMap<String, String> of(Map<String, Object> normalised, String prefix) {
        SortedMap<String, String> out = new TreeMap<>();
        normalised.forEach((key, value) -> flatten(value, prefix + key, out));
        return out;
    }

    private static void flatten(Object value, String path, SortedMap<String, String> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> flatten(child, path + "." + key, out));
        } else if (value instanceof List<?> list) {
            Optional<String> identity = identity(list);
            if (identity.isEmpty()) {
                out.put(path, list.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]")));
                return;
            }
            for (Object element : list) {
                Map<String, Object> rest = new TreeMap<>();
                ((Map<?, ?>) element).forEach((k, v) -> rest.put(String.valueOf(k), v));
                String elementPath = path + "[" + rest.remove(identity.get()) + "]";
                if (rest.isEmpty()) {
                    out.put(elementPath, "");
                } else if (rest.size() == 1 && PAIR_VALUE.containsAll(rest.keySet()) && isPlain(rest.values())) {
                    out.put(elementPath, String.valueOf(rest.values().iterator().next()));
                } else {
                    flatten(rest, elementPath, out);
                }
            }
        } else {
            out.put(path, String.valueOf(value));
        }
    }

    /** The field that tells the elements of a list of objects apart, if there is one. */
    private static Optional<String> identity(List<?> list) {
        if (list.isEmpty() || !list.stream().allMatch(e -> e instanceof Map)) {
            return Optional.empty();
        }
        for (String candidate : IDENTITY) {
            Set<Object> seen = new HashSet<>();
            boolean distinct = list.stream().map(e -> ((Map<?, ?>) e).get(candidate))
                    .allMatch(v -> v != null && !(v instanceof Map) && !(v instanceof List) && seen.add(v));
            if (distinct) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean isPlain(Collection<Object> values) {
        return values.stream().noneMatch(v -> v instanceof Map || v instanceof List);
    }
}
