package dev.logship.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of single YAML nodes. Each returns empty after reporting what was expected;
 * nodes with a custom tag return empty silently (the tag itself is already reported).
 */
final class Values {
    private Values() {}

    static Optional<String> string(Context context, Node node, String field) {
        if (node instanceof ScalarNode scalar && Tag.STR.equals(node.getTag())) {
            return Optional.of(scalar.getValue());
        }
        return wrongType(context, node, field, "a string");
    }

    /** Any scalar as text: env values like {@code PORT: 1234} mean the string "1234". */
    static Optional<String> scalarText(Context context, Node node, String field) {
        if (node instanceof ScalarNode scalar && !Tag.NULL.equals(node.getTag())) {
            return Tags.isStandard(node) ? Optional.of(scalar.getValue()) : Optional.empty();
        }
        return wrongType(context, node, field, "a string");
    }

    static Optional<Integer> integer(Context context, Node node, String field, int min, int max) {
        String range = max == Integer.MAX_VALUE ? "an integer of at least " + min : "an integer from " + min + " to " + max;
        if (!(node instanceof ScalarNode scalar) || !Tag.INT.equals(node.getTag())) {
            return wrongType(context, node, field, range);
        }
        String text = scalar.getValue().replace("_", "");
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            value = text.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (value < min || value > max) {
            context.report(node, field, "expected " + range + ", got " + scalar.getValue());
            return Optional.empty();
        }
        return Optional.of((int) value);
    }

    static Optional<Boolean> bool(Context context, Node node, String field) {
        if (node instanceof ScalarNode scalar && Tag.BOOL.equals(node.getTag())) {
            String value = scalar.getValue().toLowerCase(Locale.ROOT);
            return Optional.of(value.equals("true") || value.equals("yes") || value.equals("on") || value.equals("y"));
        }
        return wrongType(context, node, field, "true or false");
    }

    static Optional<List<Node>> list(Context context, Node node, String field, String itemDescription) {
        if (node instanceof SequenceNode sequence) {
            return Optional.of(sequence.getValue());
        }
        return wrongType(context, node, field, "a list of " + itemDescription);
    }

    static Optional<List<String>> stringList(Context context, Node node, String field) {
        return list(context, node, field, "strings").map(items -> {
            List<String> strings = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                string(context, items.get(i), field + "[" + i + "]").ifPresent(strings::add);
            }
            return strings;
        });
    }

    /** A string-to-string mapping whose key nodes are kept, so callers can point at a bad key. */
    static Optional<Map<ScalarNode, String>> stringMap(Context context, Node node, String field) {
        if (!(node instanceof MappingNode mapping)) {
            return wrongType(context, node, field, "a mapping of names to string values");
        }
        Map<ScalarNode, String> entries = new LinkedHashMap<>();
        Map<String, ScalarNode> seen = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || !Tags.isStandard(key)) {
                wrongType(context, tuple.getKeyNode(), field, "a name");
                continue;
            }
            String child = field + "." + key.getValue();
            if (seen.containsKey(key.getValue())) {
                context.report(key, child, "duplicate name (first at line " + context.at(seen.get(key.getValue())).line() + ")");
                continue;
            }
            seen.put(key.getValue(), key);
            scalarText(context, tuple.getValueNode(), child).ifPresent(value -> entries.put(key, value));
        }
        return Optional.of(entries);
    }

    private static <T> Optional<T> wrongType(Context context, Node node, String field, String expected) {
        if (Tags.isStandard(node)) {
            context.report(node, field, "expected " + expected + ", got " + Tags.describe(node));
        }
        return Optional.empty();
    }
}
