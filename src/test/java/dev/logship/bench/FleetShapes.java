package dev.logship.bench;

import dev.logship.testkit.ClusterManifest;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ForwarderManifest;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fleets the benchmarks measure, built with the test kit's {@link Fleet}: clusters bench-0000 ...,
 * shared forwarders under {@code forwarders/} listing the clusters they run on, and for a large tree
 * a directory per cluster holding its Cluster (and, for a large tree, forwarders of its own: as large as a real one).
 */
final class FleetShapes {
    private FleetShapes() {}

    /**
     * Most clusters with one forwarder, a tenth with three, four distinct contents: one
     * forwarder for 90% of clusters, a second route for the last 10%, two more on the first 10%.
     */
    static Fleet mostlyOne(int clusters) {
        int tenth = Math.max(1, clusters / 10);
        Fleet fleet = clusters(clusters);
        List<String> names = fleet.clusters();
        return fleet.forwarder(forwarder("papertrail", names.subList(0, clusters - tenth), "v3.2.14"))
                .forwarder(forwarder("audit", names.subList(0, tenth), "v3.2.14"))
                .forwarder(forwarder("metrics", names.subList(0, tenth), "v3.2.14"))
                .forwarder(forwarder("papertrail-eu", names.subList(clusters - tenth, clusters), "v3.2.14"));
    }

    /** Every cluster runs the same {@code forwarders} forwarders. */
    static Fleet uniform(int clusters, int forwarders) {
        Fleet fleet = clusters(clusters);
        for (int i = 0; i < forwarders; i++) {
            fleet.forwarder(forwarder("fwd" + i, fleet.clusters(), "v3.2.14"));
        }
        return fleet;
    }

    /** A large tree: every cluster directory holds its Cluster and {@code local} forwarders of its own. */
    static Fleet large(int clusters, int local) {
        Fleet fleet = clusters(clusters);
        for (int i = 0; i < clusters; i++) {
            for (int j = 0; j < local; j++) {
                fleet.forwarder(clusterName(i) + "/fwd-" + j + ".yaml", forwarder(localName(i, j), null, "v3.2.14"));
            }
        }
        return fleet.forwarder(forwarder("papertrail", fleet.clusters(), "v3.2.14"));
    }

    static String clusterName(int i) {
        return String.format(Locale.ROOT, "bench-%04d", i);
    }

    /** The path and new content of a one-file change: cluster {@code i}'s first own forwarder (of a large tree) gets another image. */
    static Map.Entry<String, String> oneFileChange(int i, String imageTag) {
        return Map.entry(clusterName(i) + "/fwd-0.yaml", forwarder(localName(i, 0), null, imageTag).yaml());
    }

    /** A forwarder as the benchmarks run it (null clusters: its directory's): logspout, a Papertrail route (EU for -eu), resources, tags. */
    static ForwarderManifest forwarder(String name, List<String> clusters, String imageTag) {
        String host = name.endsWith("-eu") ? "logs5.papertrailapp.com" : "logs3.papertrailapp.com";
        return ForwarderManifest.named(name, "syslog+tls://" + host + ":12345").on(clusters).image("gliderlabs/logspout:" + imageTag)
                .excludeLabel("com.amazonaws.ecs.container-name", "ecs-agent").resources(32, 128).tag("team", "platform").tag("forwarder", name);
    }

    /** Clusters bench-0000 ..., each in a directory of its own on the ECS cluster of its name. */
    private static Fleet clusters(int clusters) {
        Fleet fleet = Fleet.create();
        for (int i = 0; i < clusters; i++) {
            fleet.cluster(clusterName(i) + "/cluster.yaml", ClusterManifest.named(clusterName(i)).clusterName(clusterName(i)));
        }
        return fleet;
    }

    private static String localName(int cluster, int j) {
        return clusterName(cluster) + "-f" + j;
    }
}
