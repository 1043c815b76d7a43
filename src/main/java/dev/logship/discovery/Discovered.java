package dev.logship.discovery;

import dev.logship.model.DiscoveredCluster;
import dev.logship.model.Immutable;
import java.util.List;

/**
 * What one discovery found: the clusters the sets select (as Clusters) and, per set, what it
 * saw. Equal results mean nothing changed (the controller re-renders only when they differ).
 */
public record Discovered(List<DiscoveredCluster> clusters, List<SetReport> sets) {
    public Discovered {
        clusters = Immutable.list(clusters);
        sets = Immutable.list(sets);
    }

    public static Discovered none() {
        return new Discovered(List.of(), List.of());
    }

    /**
     * One set's view: {@code listed} clusters in its accounts and regions, {@code selected} by its
     * tag selector (the rest were excluded by it), and the scopes that failed.
     */
    public record SetReport(String set, int listed, List<String> selected, List<String> excludedByTags,
            List<ScopeFailure> failing) {
        public SetReport {
            selected = Immutable.list(selected);
            excludedByTags = Immutable.list(excludedByTags);
            failing = Immutable.list(failing);
        }
    }
}
