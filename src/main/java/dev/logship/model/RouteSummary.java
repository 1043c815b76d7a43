package dev.logship.model;

import java.util.Objects;

/**
 * One route of a forwarder as people see it in plan, render and status: its kind, its target
 * with everything secret masked, and which containers it gets ("api, worker", "all").
 */
public record RouteSummary(String kind, String target, String containers) {
    public RouteSummary {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(containers, "containers");
    }

    /** "api, worker -> cloudwatchLogs /ecs/prod/{container} (us-east-1)". */
    public String describe() {
        return containers + " -> " + kind + " " + target;
    }
}
