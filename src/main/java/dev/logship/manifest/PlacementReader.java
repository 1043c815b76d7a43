package dev.logship.manifest;

import dev.logship.model.ClusterQuery;
import dev.logship.model.PlacementConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code spec.placementConstraints}: ECS memberOf / distinctInstance, at most 10. */
final class PlacementReader {
    private static final List<String> FIELDS = List.of("type", "expression");
    private static final List<String> TYPES = List.of("memberOf", "distinctInstance");

    private PlacementReader() {}

    static List<PlacementConstraint> read(Context context, Fields spec) {
        List<PlacementConstraint> constraints = new ArrayList<>();
        Optional<List<Node>> items = spec.get("placementConstraints")
                .flatMap(node -> Values.list(context, node, "spec.placementConstraints", "{type, expression}"));
        if (items.isEmpty()) {
            return constraints;
        }
        if (items.get().size() > EcsRules.MAX_PLACEMENT_CONSTRAINTS) {
            context.report(spec.positionOf("placementConstraints"), "spec.placementConstraints",
                    "ECS allows at most " + EcsRules.MAX_PLACEMENT_CONSTRAINTS + " placement constraints, got " + items.get().size());
        }
        for (int i = 0; i < items.get().size(); i++) {
            String field = "spec.placementConstraints[" + i + "]";
            Fields.of(context, items.get().get(i), field, FIELDS).ifPresent(fields -> {
                String type = fields.requiredString("type", "one of " + TYPES).orElse(null);
                String expression = fields.string("expression").orElse(null);
                if (type == null) {
                    return;
                }
                if (!TYPES.contains(type)) {
                    context.report(fields.positionOf("type"), field + ".type", "unknown placement constraint type \""
                            + type + "\": expected one of " + TYPES);
                } else if (type.equals("memberOf") && (expression == null || expression.isBlank())) {
                    context.report(fields.position(), field + ".expression", "memberOf needs an expression, e.g. attribute:ecs.instance-type =~ t3.*");
                } else if (type.equals("memberOf") && !parses(expression)) {
                    context.report(fields.positionOf("expression"), field + ".expression", "logship cannot evaluate \""
                            + expression + "\": " + ClusterQuery.ACCEPTED);
                } else if (type.equals("distinctInstance") && expression != null) {
                    context.report(fields.positionOf("expression"), field + ".expression", "distinctInstance takes no expression");
                } else {
                    constraints.add(new PlacementConstraint(type, expression));
                }
            });
        }
        return constraints;
    }

    /** logship counts a perNodePort forwarder's nodes itself, so it accepts only expressions it can evaluate. */
    private static boolean parses(String expression) {
        try {
            ClusterQuery.parse(expression);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
