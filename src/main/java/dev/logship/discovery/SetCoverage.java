package dev.logship.discovery;

import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.model.Immutable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one ClusterSet covers, for status, page and metrics: ECS clusters {@code discovered} in
 * its accounts and regions, {@code covered} (selected by its tags and running at least one
 * forwarder), excluded by its tag selector, {@code suspended}, {@code withoutForwarders} (no
 * forwarder's selector picks them), {@code overridden} by a written Cluster, and the accounts and
 * regions {@code failing} (their last good list is kept). {@code ready} is false while any fails.
 */
public record SetCoverage(String set, int discovered, int covered, int excludedByTags, int suspended, int withoutForwarders,
        int overridden, List<String> failing, boolean ready, String message) {
    public SetCoverage {
        failing = Immutable.list(failing);
    }

    /** Selected clusters that get no forwarder: suspended or picked by no forwarder's selector. */
    public int uncovered() {
        return suspended + withoutForwarders;
    }

    public static List<SetCoverage> of(Discovered discovered, DesiredState state) {
        List<SetCoverage> out = new ArrayList<>();
        for (Discovered.SetReport report : discovered.sets()) {
            int covered = 0;
            int suspended = 0;
            int without = 0;
            int overridden = 0;
            for (String name : report.selected()) {
                Optional<DesiredCluster> cluster = state == null ? Optional.empty() : state.cluster(name);
                if (cluster.isEmpty()) {
                    overridden++;
                } else if (cluster.get().target().suspend()) {
                    suspended++;
                } else if (cluster.get().forwarders().isEmpty()) {
                    without++;
                } else {
                    covered++;
                }
            }
            List<String> failing = report.failing().stream().map(ScopeFailure::toString).toList();
            String message = failing.isEmpty() ? report.listed() + " discovered, " + covered + " covered"
                    : "DiscoveryFailed: " + String.join("; ", failing);
            out.add(new SetCoverage(report.set(), report.listed(), covered, report.excludedByTags().size(), suspended, without,
                    overridden, failing, failing.isEmpty(), message));
        }
        return out;
    }
}
