package dev.logship.manifest;

import dev.logship.model.RouteMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A typed route's {@code match: {containers: [...], excludeContainers: [...]}}, by ECS container name. */
final class RouteMatchReader {
    private static final List<String> FIELDS = List.of("containers", "excludeContainers");
    private static final Pattern CONTAINER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    private RouteMatchReader() {}

    static RouteMatch read(Context context, Fields route, String field) {
        if (!route.has("match")) {
            return RouteMatch.ALL;
        }
        return Fields.of(context, route.get("match").orElseThrow(), field + ".match", FIELDS).map(match -> {
            List<String> containers = names(context, match, "containers");
            List<String> excluded = names(context, match, "excludeContainers");
            for (String name : containers) {
                if (excluded.contains(name)) {
                    context.report(match.position(), field + ".match", "\"" + name
                            + "\" is both in containers and excludeContainers");
                }
            }
            if (match.has("containers") && containers.isEmpty() && !match.has("excludeContainers")) {
                context.report(match.positionOf("containers"), field + ".match.containers",
                        "expected at least one container name (leave match out to route every container)");
            }
            return new RouteMatch(containers, excluded);
        }).orElse(RouteMatch.ALL);
    }

    /** Names go into a Fluent Bit regular expression as they are, so only ECS container-name characters. */
    private static List<String> names(Context context, Fields match, String key) {
        List<String> names = new ArrayList<>();
        match.get(key).flatMap(node -> Values.stringList(context, node, match.child(key))).ifPresent(list -> {
            for (int i = 0; i < list.size(); i++) {
                if (!CONTAINER_NAME.matcher(list.get(i)).matches()) {
                    context.report(match.positionOf(key), match.child(key) + "[" + i + "]",
                            "expected an ECS container name (letters, digits, '-' and '_', up to 255)");
                } else if (!names.contains(list.get(i))) {
                    names.add(list.get(i));
                }
            }
        });
        return names;
    }
}
