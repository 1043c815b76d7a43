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
import java.util.List;

/**
 * The one way from files to desired state, used by validate, render, plan, apply and the
 * controller: parse and check everything, and render only a tree without a single problem.
 */
public final class DesiredStates {
    private DesiredStates() {}

    public static ReadResult read(Snapshot snapshot) {
        Manifests manifests = Manifests.parse(snapshot);
        if (!manifests.ok()) {
            return ReadResult.failed(manifests.problems());
        }
        List<DesiredCluster> clusters = new ArrayList<>();
        for (ClusterManifest cluster : sortedClusters(manifests)) {
            List<DesiredForwarder> forwarders = new ArrayList<>();
            for (ForwarderManifest forwarder : manifests.forwarders()) {
                if (manifests.targets().getOrDefault(forwarder.name(), List.of()).contains(cluster.name())) {
                    forwarders.add(ForwarderRenderer.render(new ForwarderKey(cluster.name(), forwarder.name()), forwarder));
                }
            }
            forwarders.sort(Comparator.comparing(DesiredForwarder::key));
            clusters.add(new DesiredCluster(cluster.target(), forwarders));
        }
        return ReadResult.rendered(new DesiredState(snapshot.revision(), clusters));
    }

    private static List<ClusterManifest> sortedClusters(Manifests manifests) {
        return manifests.clusters().stream().sorted(Comparator.comparing(ClusterManifest::name)).toList();
    }
}
