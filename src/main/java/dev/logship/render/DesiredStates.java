package dev.logship.render;

import dev.logship.manifest.ClusterManifest;
import dev.logship.manifest.ForwarderManifest;
import dev.logship.manifest.Manifests;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.DesiredState;
import dev.logship.model.ForwarderKey;
import dev.logship.model.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way from files to desired state, used by validate, render, plan, apply and the
 * controller: parse and check everything, and render only a tree without a single problem.
 */
public final class DesiredStates {
    private DesiredStates() {}

    /**
     * Never throws: an unexpected exception while parsing, checking or rendering (a bug) comes
     * back as {@link ReadResult#internalError()}, so no caller can lose a commit to it.
     */
    public static ReadResult read(Snapshot snapshot) {
        return read(snapshot, List.of());
    }

    /** The snapshot with the clusters its ClusterSets discovered (merged by {@link Manifests#parse(Snapshot, List)}). */
    public static ReadResult read(Snapshot snapshot, List<dev.logship.model.DiscoveredCluster> discovered) {
        try {
            return readOrThrow(snapshot, discovered);
        } catch (RuntimeException e) {
            return ReadResult.internal(e);
        }
    }

    /** The ClusterSets of a snapshot (empty when it does not parse): what discovery has to look for before rendering. */
    public static List<dev.logship.model.ClusterSet> clusterSets(Snapshot snapshot) {
        try {
            return Manifests.parse(snapshot).sets().stream().map(dev.logship.manifest.ClusterSetManifest::set).toList();
        } catch (RuntimeException e) {
            return List.of(); // read() reports it
        }
    }

    private static ReadResult readOrThrow(Snapshot snapshot, List<dev.logship.model.DiscoveredCluster> discovered) {
        Manifests manifests = Manifests.parse(snapshot, discovered);
        if (!manifests.ok()) {
            return ReadResult.failed(manifests.problems());
        }
        // Forwarders per cluster, indexed in one pass over the targets (not clusters x forwarders).
        Map<String, List<ForwarderManifest>> byCluster = new HashMap<>();
        for (ForwarderManifest forwarder : manifests.forwarders()) {
            for (String cluster : manifests.targets().getOrDefault(forwarder.name(), List.of())) {
                byCluster.computeIfAbsent(cluster, c -> new ArrayList<>()).add(forwarder);
            }
        }
        List<DesiredCluster> clusters = new ArrayList<>();
        Map<String, dev.logship.model.RolloutPolicy> policies = new HashMap<>();
        for (ClusterManifest cluster : sortedClusters(manifests)) {
            manifests.policyFor(cluster.labels()).ifPresent(policy -> policies.put(cluster.name(), policy));
            List<DesiredForwarder> forwarders = new ArrayList<>();
            for (ForwarderManifest forwarder : byCluster.getOrDefault(cluster.name(), List.of())) {
                forwarders.add(RenderedForwarders.SHARED.render(new ForwarderKey(cluster.name(), forwarder.name()), forwarder));
            }
            forwarders.sort(Comparator.comparing(DesiredForwarder::key));
            clusters.add(new DesiredCluster(cluster.target(), forwarders));
        }
        List<dev.logship.model.NotifierSpec> notifiers = manifests.notifiers().stream()
                .map(dev.logship.manifest.NotifierManifest::notifier).toList();
        return ReadResult.rendered(new DesiredState(snapshot.revision(), clusters, policies, notifiers,
                dev.logship.manifest.Placements.of(manifests)), manifests.warnings());
    }

    private static List<ClusterManifest> sortedClusters(Manifests manifests) {
        return manifests.clusters().stream().sorted(Comparator.comparing(ClusterManifest::name)).toList();
    }
}
