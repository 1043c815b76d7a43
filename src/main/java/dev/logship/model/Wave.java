package dev.logship.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** One wave of a rollout: the clusters whose labels carry every key/value of {@code selector} (empty: all). */
public record Wave(String name, Map<String, String> selector, MaxConcurrent maxConcurrent) {
    public Wave {
        Objects.requireNonNull(name, "name");
        selector = java.util.Collections.unmodifiableMap(new TreeMap<>(selector));
        maxConcurrent = maxConcurrent == null ? MaxConcurrent.UNLIMITED : maxConcurrent;
    }

    public boolean matches(Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
