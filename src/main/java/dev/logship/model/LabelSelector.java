package dev.logship.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * A Kubernetes label selector: every {@code matchLabels} pair and every requirement must hold
 * (an empty selector matches every set of labels). Used for a forwarder's
 * {@code spec.clusterSelector} (over Cluster labels) and a ClusterSet's {@code tagSelector}
 * (over ECS cluster tags).
 */
public record LabelSelector(SortedMap<String, String> matchLabels, List<Requirement> matchExpressions) {

    public enum Operator {
        IN("In"), NOT_IN("NotIn"), EXISTS("Exists"), DOES_NOT_EXIST("DoesNotExist");

        private final String yaml;

        Operator(String yaml) {
            this.yaml = yaml;
        }

        public String yaml() {
            return yaml;
        }

        /** The operator of this YAML spelling, or null. */
        public static Operator fromYaml(String text) {
            for (Operator o : values()) {
                if (o.yaml.equals(text)) {
                    return o;
                }
            }
            return null;
        }

        /** In and NotIn take a non-empty value list; Exists and DoesNotExist take none (Kubernetes' rule). */
        public boolean takesValues() {
            return this == IN || this == NOT_IN;
        }
    }

    /** One {@code matchExpressions} item. */
    public record Requirement(String key, Operator operator, List<String> values) {
        public Requirement {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(operator, "operator");
            values = Immutable.list(values);
        }

        public boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case IN -> value != null && values.contains(value);
                case NOT_IN -> value == null || !values.contains(value); // absent keys satisfy NotIn, as in Kubernetes
                case EXISTS -> labels.containsKey(key);
                case DOES_NOT_EXIST -> !labels.containsKey(key);
            };
        }

        @Override
        public String toString() {
            return switch (operator) {
                case IN -> key + " in (" + String.join(",", values) + ")";
                case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
                case EXISTS -> key;
                case DOES_NOT_EXIST -> "!" + key;
            };
        }
    }

    public LabelSelector {
        matchLabels = Immutable.sortedMap(matchLabels);
        matchExpressions = Immutable.list(matchExpressions);
    }

    public static LabelSelector of(Map<String, String> matchLabels) {
        return new LabelSelector(Immutable.sortedMap(matchLabels), List.of());
    }

    public boolean matches(Map<String, String> labels) {
        Map<String, String> have = labels == null ? Map.of() : labels;
        return matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())))
                && matchExpressions.stream().allMatch(r -> r.matches(have));
    }

    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    /** kubectl's spelling: {@code env=prod,tier in (a,b),!legacy}; {@code (everything)} when empty. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        matchLabels.forEach((k, v) -> parts.add(k + "=" + v));
        matchExpressions.forEach(r -> parts.add(r.toString()));
        return parts.isEmpty() ? "(everything)" : String.join(",", parts);
    }
}
