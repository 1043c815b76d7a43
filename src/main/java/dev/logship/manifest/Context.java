package dev.logship.manifest;

import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** The file being read and the list its problems go to: every reader reports, none stops. */
record Context(String file, List<Problem> problems) {

    Position at(Node node) {
        return Position.of(file, node);
    }

    void report(Node node, String field, String message) {
        problems.add(at(node).problem(field, message));
    }

    void report(Position position, String field, String message) {
        problems.add(position.problem(field, message));
    }
}
