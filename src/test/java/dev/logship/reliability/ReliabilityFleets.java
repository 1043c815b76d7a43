package dev.logship.reliability;

import dev.logship.testkit.ClusterManifest;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.Fleet.Wave;
import dev.logship.testkit.ForwarderManifest;
import dev.logship.testkit.RolloutPolicyManifest;
import java.util.List;

/**
 * The fleets the reliability tests run, built with the test kit's {@link Fleet} as a team would
 * write them: Cluster {@code name} runs on ECS cluster {@code name-ecs}; forwarders ask for 16 CPU
 * units and 64 MiB.
 */
final class ReliabilityFleets {
    /** 10 clusters in 3 waves: the canary c01, early e01-e03 (2 at a time), main m01-m06 (half at a time). */
    static final Wave CANARY = new Wave("canary", List.of("c01"), null);
    static final Wave EARLY = new Wave("early", List.of("e01", "e02", "e03"), "2");
    static final Wave MAIN = new Wave("main", List.of("m01", "m02", "m03", "m04", "m05", "m06"), "50%");

    private ReliabilityFleets() {}

    /** {@code prefix000}, {@code prefix001}, ... */
    static List<String> names(String prefix, int count) {
        return Fleet.names(prefix + "%03d", count);
    }

    static ClusterManifest cluster(String name) {
        return ClusterManifest.named(name).clusterName(name + "-ecs");
    }

    static ForwarderManifest forwarder(String name, String image, String route, List<String> clusters) {
        return ForwarderManifest.named(name, route).on(clusters).image(image).resources(16, 64);
    }

    /** {@code count} clusters named {@code prefix000...}, each running a daemon forwarder shared by all. */
    static Fleet ofClusters(String prefix, int count, String image, String route) {
        Fleet fleet = Fleet.create();
        names(prefix, count).forEach(n -> fleet.cluster(cluster(n)));
        return fleet.forwarder(forwarder("papertrail", image, route, fleet.clusters()));
    }

    /** As {@link #ofClusters}, plus a perNodePort forwarder "seed" on all of them (the 2016 script's REPLICA + host port trick). */
    static Fleet withPerNodeSeed(String prefix, int count, String image, String route) {
        Fleet fleet = ofClusters(prefix, count, image, route);
        return fleet.forwarder(forwarder("seed", image, route, fleet.clusters()).perNodePort(1234));
    }

    /** The rollout fleet of {@link Fleet#inWaves}: the policy "waves", the forwarder "logs" on {@code image}. */
    static Fleet inWaves(String bakeTime, String onFailure, String image, Wave... waves) {
        return Fleet.inWaves(RolloutPolicyManifest.named("waves", bakeTime, onFailure), forwarder("logs", image, Secrets.ROUTE, List.of()), waves);
    }
}
