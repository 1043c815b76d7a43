package dev.logship.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Fluent Bit pipeline as data: service flags, then inputs, filters and outputs with their
 * properties in order. {@link #commandLine()} is the one place it becomes arguments
 * ({@code -i tail -p k=v ... -F ... -o ...}); tests read the data, or run the arguments.
 */
record FluentBitPipeline(List<String> serviceFlags, List<Plugin> plugins) {

    enum Kind {
        INPUT("-i"), FILTER("-F"), OUTPUT("-o");

        final String flag;

        Kind(String flag) {
            this.flag = flag;
        }
    }

    /** One plugin instance; a property may repeat (the ecs filter's {@code add}), so pairs, not a map. */
    record Plugin(Kind kind, String name, List<Map.Entry<String, String>> properties) {
        Plugin {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            properties = List.copyOf(properties);
        }

        /** The last value of a property, or null. */
        String property(String key) {
            String value = null;
            for (Map.Entry<String, String> p : properties) {
                if (p.getKey().equals(key)) {
                    value = p.getValue();
                }
            }
            return value;
        }
    }

    FluentBitPipeline {
        serviceFlags = List.copyOf(serviceFlags);
        plugins = List.copyOf(plugins);
    }

    List<String> commandLine() {
        List<String> args = new ArrayList<>(serviceFlags);
        for (Plugin plugin : plugins) {
            args.add(plugin.kind().flag);
            args.add(plugin.name());
            for (Map.Entry<String, String> p : plugin.properties()) {
                args.add("-p");
                args.add(p.getKey() + "=" + p.getValue());
            }
        }
        return args;
    }

    List<Plugin> of(Kind kind) {
        return plugins.stream().filter(p -> p.kind() == kind).toList();
    }

    /** Builds a plugin's properties in order. */
    static final class Builder {
        private final Kind kind;
        private final String name;
        private final List<Map.Entry<String, String>> properties = new ArrayList<>();

        Builder(Kind kind, String name) {
            this.kind = kind;
            this.name = name;
        }

        Builder p(String key, String value) {
            properties.add(Map.entry(key, value));
            return this;
        }

        Builder all(Map<String, String> values) {
            new LinkedHashMap<>(values).forEach(this::p);
            return this;
        }

        Plugin build() {
            return new Plugin(kind, name, properties);
        }
    }
}
