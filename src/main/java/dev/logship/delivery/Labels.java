package dev.logship.delivery;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance of each label (cluster, forwarder, node, route names) and of each route
 * layout (a forwarder's sorted route names), so 10,000 nodes pushing every 30 s keep one copy of
 * "syslog.0" and of each cluster name instead of one per push. Bounded: past {@code max} distinct
 * values (a flood of invented names) a value is used as it comes, never stored.
 */
final class Labels {
    private final Map<String, String> strings = new ConcurrentHashMap<>();
    private final Map<List<String>, String[]> layouts = new ConcurrentHashMap<>();
    private final int max;

    Labels(int max) {
        this.max = max;
    }

    String of(String value) {
        String shared = strings.get(value);
        if (shared != null) {
            return shared;
        }
        if (strings.size() >= max) {
            return value;
        }
        shared = strings.putIfAbsent(value, value);
        return shared == null ? value : shared;
    }

    /** The shared array of these route names (sorted, as a sample's routes are). */
    String[] layout(java.util.Collection<String> names) {
        String[] wanted = names.stream().map(this::of).toArray(String[]::new);
        List<String> key = Arrays.asList(wanted);
        String[] shared = layouts.get(key);
        if (shared != null) {
            return shared;
        }
        if (layouts.size() >= max) {
            return wanted;
        }
        shared = layouts.putIfAbsent(key, wanted);
        return shared == null ? wanted : shared;
    }
}
