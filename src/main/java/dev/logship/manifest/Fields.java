package dev.logship.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The fields of one YAML mapping against the names a kind allows: reports duplicate keys and
 * unknown fields (with the closest known name), then hands out values with their positions.
 */
final class Fields {
    private final Context context;
    private final String path;
    private final Node node;
    private final Map<String, Node> values = new LinkedHashMap<>();

    private Fields(Context context, String path, Node node) {
        this.context = context;
        this.path = path;
        this.node = node;
    }

    /** The fields of {@code node}, or empty (with a problem) when it is not a mapping. */
    static Optional<Fields> of(Context context, Node node, String path, List<String> known) {
        if (!(node instanceof MappingNode mapping)) {
            if (Tags.isStandard(node)) {
                context.report(node, path.isEmpty() ? "(document)" : path,
                        "expected a mapping with fields " + known + ", got " + Tags.describe(node));
            }
            return Optional.empty();
        }
        Fields fields = new Fields(context, path, node);
        for (NodeTuple tuple : mapping.getValue()) {
            fields.add(tuple, known);
        }
        return Optional.of(fields);
    }

    private void add(NodeTuple tuple, List<String> known) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode scalar)) {
            context.report(keyNode, path.isEmpty() ? "(document)" : path, "expected a field name, got " + Tags.describe(keyNode));
            return;
        }
        String key = scalar.getValue();
        String field = child(key);
        if (values.containsKey(key)) {
            context.report(keyNode, field, "duplicate field (first at line " + context.at(values.get(key)).line() + ")");
        } else if (!known.contains(key)) {
            String hint = Suggestions.closest(key, known).map(s -> "; did you mean " + s + "?")
                    .orElse("; known fields: " + String.join(", ", known));
            context.report(keyNode, field, "unknown field" + hint);
        } else {
            values.put(key, tuple.getValueNode());
        }
    }

    String child(String key) {
        // An empty or blank key ("": x, or a stray ':') would leave the problem without a field name.
        String shown = key.isBlank() ? "\"" + key + "\"" : key;
        return path.isEmpty() ? shown : path + "." + shown;
    }

    Node node() {
        return node;
    }

    Optional<Node> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** The value of a field that must be present; reports it missing at the mapping's start. */
    Optional<Node> required(String key, String expected) {
        Node value = values.get(key);
        if (value == null) {
            context.report(node, child(key), "required field is missing: expected " + expected);
        }
        return Optional.ofNullable(value);
    }

    Optional<String> string(String key) {
        return get(key).flatMap(v -> Values.string(context, v, child(key)));
    }

    Optional<String> requiredString(String key, String expected) {
        return required(key, expected).flatMap(v -> Values.string(context, v, child(key)));
    }

    Optional<Integer> integer(String key, int min, int max) {
        return get(key).flatMap(v -> Values.integer(context, v, child(key), min, max));
    }

    Optional<Boolean> bool(String key) {
        return get(key).flatMap(v -> Values.bool(context, v, child(key)));
    }

    /** Reports a rule's complaint about a field's value at that value; true when there is none. */
    boolean check(String key, Optional<String> complaint) {
        complaint.ifPresent(message -> context.report(positionOf(key), child(key), message));
        return complaint.isEmpty();
    }

    Position position() {
        return context.at(node);
    }

    Position positionOf(String key) {
        Node value = values.get(key);
        return value == null ? position() : context.at(value);
    }
}
