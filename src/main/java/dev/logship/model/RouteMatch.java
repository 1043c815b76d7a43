package dev.logship.model;

import java.util.List;

/**
 * Which containers' records a route gets, by ECS container name: only {@code containers} when
 * that is not empty, never {@code excludeContainers}. A route with neither gets every record
 * the forwarder ships (its {@code spec.exclude} applies to all routes before this).
 */
public record RouteMatch(List<String> containers, List<String> excludeContainers) {
    public static final RouteMatch ALL = new RouteMatch(List.of(), List.of());

    public RouteMatch {
        containers = Immutable.list(containers);
        excludeContainers = Immutable.list(excludeContainers);
    }

    public boolean everything() {
        return containers.isEmpty() && excludeContainers.isEmpty();
    }

    /** "api, worker", "all but batch", or "all": how plan and render say it. */
    public String describe() {
        if (!containers.isEmpty()) {
            return String.join(", ", containers) + (excludeContainers.isEmpty() ? ""
                    : " but " + String.join(", ", excludeContainers));
        }
        return excludeContainers.isEmpty() ? "all" : "all but " + String.join(", ", excludeContainers);
    }
}
