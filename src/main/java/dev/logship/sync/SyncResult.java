package dev.logship.sync;

import dev.logship.model.ForwarderKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one apply did on one cluster: the steps that succeeded, the failures (each stopped
 * that forwarder's work; the next sync retries), the warnings of the plan, and the health of
 * each forwarder afterwards. Contains no secrets: safe for logs, status and JSON.
 */
public record SyncResult(String cluster, List<Step> steps, List<Failure> failures, List<String> warnings,
        Map<String, Health> health, Health clusterHealth) {

    /** One mutating call that succeeded, e.g. "registered logship-papertrail:3". */
    public record Step(String forwarder, String action, String detail) {}

    /** One call that failed, and what it left undone. */
    public record Failure(String forwarder, String operation, String message) {}

    public SyncResult {
        Objects.requireNonNull(cluster, "cluster");
        steps = List.copyOf(steps);
        failures = List.copyOf(failures);
        warnings = List.copyOf(warnings);
        health = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(health));
        Objects.requireNonNull(clusterHealth, "clusterHealth");
    }

    public boolean succeeded() {
        return failures.isEmpty();
    }

    static Step step(ForwarderKey key, String action, String detail) {
        return new Step(key.toString(), action, detail);
    }

    static Failure failure(ForwarderKey key, String operation, String message) {
        return new Failure(key == null ? "" : key.toString(), operation, message);
    }
}
