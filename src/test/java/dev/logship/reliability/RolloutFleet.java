package dev.logship.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A manifest tree for rollout tests, as a team would write it: Clusters labelled by wave, one
 * LogForwarder on all of them, and one RolloutPolicy whose waves select those labels (plus sync
 * windows, if any). Each cluster's ECS cluster has its name.
 */
final class RolloutFleet {
    /** A wave: its name (also the label value), its clusters and its maxConcurrent (null: no limit). */
    record Wave(String name, List<String> clusters, String maxConcurrent) {}

    private final List<Wave> waves;
    private final String bakeTime;
    private final String onFailure;
    private final List<String> windows = new ArrayList<>();

    private RolloutFleet(List<Wave> waves, String bakeTime, String onFailure) {
        this.waves = List.copyOf(waves);
        this.bakeTime = bakeTime;
        this.onFailure = onFailure;
    }

    static RolloutFleet of(String bakeTime, String onFailure, Wave... waves) {
        return new RolloutFleet(List.of(waves), bakeTime, onFailure);
    }

    /** Adds a deny window: opens at every start of the cron {@code schedule} in {@code zone}, for {@code duration}. */
    RolloutFleet deny(String schedule, String duration, String zone) {
        windows.add("    - {kind: deny, schedule: \"%s\", duration: %s, timeZone: %s}".formatted(schedule, duration, zone));
        return this;
    }

    List<String> clusters() {
        return waves.stream().flatMap(w -> w.clusters().stream()).toList();
    }

    /** Every file of the tree with the forwarder on {@code image}. */
    Map<String, String> files(String image) {
        Map<String, String> files = new TreeMap<>();
        for (Wave w : waves) {
            for (String c : w.clusters()) {
                files.put("clusters/" + c + ".yaml", """
                        apiVersion: logship.dev/v1
                        kind: Cluster
                        metadata:
                          name: %s
                          labels: {wave: %s}
                        spec:
                          region: %s
                        """.formatted(c, w.name(), Fleet.REGION));
            }
        }
        files.put("forwarders/logs.yaml", """
                apiVersion: logship.dev/v1
                kind: LogForwarder
                metadata:
                  name: logs
                spec:
                  clusters: [%s]
                  image: %s
                  routes:
                    - %s
                  resources:
                    cpu: 16
                    memory: 64
                """.formatted(String.join(", ", clusters()), image, Secrets.ROUTE));
        StringBuilder policy = new StringBuilder("""
                apiVersion: logship.dev/v1
                kind: RolloutPolicy
                metadata:
                  name: waves
                spec:
                  bakeTime: %s
                  onFailure: %s
                  waves:
                """.formatted(bakeTime, onFailure));
        for (Wave w : waves) {
            policy.append("    - {name: %s, selector: {wave: %s}%s}\n".formatted(w.name(), w.name(),
                    w.maxConcurrent() == null ? "" : ", maxConcurrent: \"" + w.maxConcurrent() + "\""));
        }
        if (!windows.isEmpty()) {
            policy.append("  windows:\n");
            windows.forEach(line -> policy.append(line).append('\n'));
        }
        files.put("policies/waves.yaml", policy.toString());
        return files;
    }
}
