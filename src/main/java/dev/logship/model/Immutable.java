package dev.logship.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Defensive copies for record components: null becomes empty, maps keep a stable (sorted) order. */
public final class Immutable {
    private Immutable() {}

    public static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    public static SortedMap<String, String> sortedMap(Map<String, String> values) {
        return values == null
                ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }
}
