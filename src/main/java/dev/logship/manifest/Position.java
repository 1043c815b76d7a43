package dev.logship.manifest;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Where a YAML node starts, 1-based, so later checks (duplicates, references) can point at it. */
public record Position(String file, int line, int column) {

    static Position of(String file, Node node) {
        Mark mark = node.getStartMark();
        return mark == null ? new Position(file, 1, 1) : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    public Problem problem(String field, String message) {
        return new Problem(file, line, column, field, message);
    }
}
