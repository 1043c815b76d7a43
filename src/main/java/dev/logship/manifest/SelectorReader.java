package dev.logship.manifest;

import dev.logship.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a Kubernetes label selector, {@code {matchLabels: {...}, matchExpressions: [{key,
 * operator, values}]}}, with Kubernetes' rules: label keys and values as in metadata.labels,
 * In/NotIn with at least one value, Exists/DoesNotExist with none.
 */
final class SelectorReader {
    private static final List<String> FIELDS = List.of("matchLabels", "matchExpressions");
    private static final List<String> EXPRESSION = List.of("key", "operator", "values");
    private static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist");

    private SelectorReader() {}

    /** The selector at {@code node}; empty after reporting when it is not a mapping. */
    static Optional<LabelSelector> read(Context context, Node node, String field) {
        Optional<Fields> maybe = Fields.of(context, node, field, FIELDS);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get();
        Map<String, String> labels = fields.get("matchLabels")
                .map(n -> LabelsReader.read(context, n, field + ".matchLabels")).orElse(Map.of());
        List<LabelSelector.Requirement> requirements = new ArrayList<>();
        fields.get("matchExpressions").flatMap(n -> Values.list(context, n, field + ".matchExpressions", "{key, operator, values}"))
                .ifPresent(items -> {
                    for (int i = 0; i < items.size(); i++) {
                        requirement(context, items.get(i), field + ".matchExpressions[" + i + "]").ifPresent(requirements::add);
                    }
                });
        return Optional.of(new LabelSelector(new java.util.TreeMap<>(labels), requirements));
    }

    private static Optional<LabelSelector.Requirement> requirement(Context context, Node node, String field) {
        Optional<Fields> maybe = Fields.of(context, node, field, EXPRESSION);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get();
        String key = fields.requiredString("key", "a label key").orElse(null);
        if (key != null && !LabelsReader.valid(key, "x")) {
            context.report(fields.positionOf("key"), field + ".key", "label key \"" + key + "\" is not valid: expected at most"
                    + " 63 letters, numbers, - _ or . starting and ending with a letter or number, after an optional DNS prefix and /");
            key = null;
        }
        String spelled = fields.requiredString("operator", "one of " + OPERATORS).orElse(null);
        LabelSelector.Operator operator = spelled == null ? null : LabelSelector.Operator.fromYaml(spelled);
        if (spelled != null && operator == null) {
            String hint = Suggestions.closest(spelled, OPERATORS).map(s -> "; did you mean " + s + "?").orElse("");
            context.report(fields.positionOf("operator"), field + ".operator",
                    "unknown operator \"" + spelled + "\": expected one of " + OPERATORS + hint);
        }
        List<String> values = fields.get("values").flatMap(n -> Values.stringList(context, n, field + ".values")).orElse(List.of());
        if (operator != null && operator.takesValues() && values.isEmpty()) {
            context.report(fields.positionOf("values"), field + ".values", "operator " + spelled + " needs at least one value");
            return Optional.empty();
        }
        if (operator != null && !operator.takesValues() && fields.has("values")) {
            context.report(fields.positionOf("values"), field + ".values", "operator " + spelled + " takes no values");
            return Optional.empty();
        }
        for (String value : values) {
            if (!LabelsReader.valid("x", value)) {
                context.report(fields.positionOf("values"), field + ".values", "label value \"" + value + "\" is not valid:"
                        + " expected at most 63 letters, numbers, - _ or . starting and ending with a letter or number");
                return Optional.empty();
            }
        }
        return key == null || operator == null ? Optional.empty() : Optional.of(new LabelSelector.Requirement(key, operator, values));
    }
}
