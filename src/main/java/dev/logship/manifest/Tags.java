package dev.logship.manifest;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** YAML tags: only the standard ones are allowed, and they name the type in messages. */
final class Tags {
    private static final Set<Tag> STANDARD = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
            Tag.MAP, Tag.SEQ, Tag.TIMESTAMP, Tag.MERGE);

    private Tags() {}

    static boolean isStandard(Node node) {
        return STANDARD.contains(node.getTag());
    }

    /** A phrase for what a node is, for "expected X, got Y" messages. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = node.getTag();
        if (Tag.INT.equals(tag)) {
            return "an integer (" + ((ScalarNode) node).getValue() + ")";
        }
        if (Tag.FLOAT.equals(tag)) {
            return "a number (" + ((ScalarNode) node).getValue() + ")";
        }
        if (Tag.BOOL.equals(tag)) {
            return "a boolean (" + ((ScalarNode) node).getValue() + ")";
        }
        if (Tag.NULL.equals(tag)) {
            return "nothing (null)";
        }
        if (Tag.TIMESTAMP.equals(tag)) {
            return "a timestamp";
        }
        return "a string";
    }

    /**
     * Reports every non-standard tag ({@code !!javax.script...}, {@code !custom}). Walks each
     * node once (aliases share nodes), so an alias bomb costs no more than its text.
     */
    static void reportCustomTags(Context context, Node root) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (!isStandard(node)) {
                context.report(node, "(yaml)", "custom tag " + node.getTag().getValue()
                        + " is not allowed: manifests use plain YAML types only");
            }
            if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    pending.push(tuple.getValueNode());
                    pending.push(tuple.getKeyNode());
                }
            } else if (node instanceof SequenceNode sequence) {
                sequence.getValue().forEach(pending::push);
            }
        }
    }
}
