package dev.logship.manifest;

import dev.logship.model.DiscoveredCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place written and discovered Clusters meet. A written Cluster of the same ECS cluster
 * (region and name, and account when the written one names it in an ARN or role) overrides the
 * discovered one; a discovered name equal to a written Cluster's of another ECS cluster, a
 * ClusterSet name used twice, or two sets discovering one ECS cluster are problems at the set.
 */
final class FleetMerge {
    private static final Pattern CLUSTER_ARN = Pattern.compile("arn:aws[a-z-]*:ecs:[^:]+:(\\d{12}):cluster/(.+)");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/.+");

    private FleetMerge() {}

    /** The discovered Clusters to add (those of this commit's sets, not overridden), as Clusters of their set's file. */
    static List<ClusterManifest> merge(List<ClusterManifest> written, List<ClusterSetManifest> sets,
            List<DiscoveredCluster> discovered, List<Problem> problems) {
        Map<String, ClusterSetManifest> byName = new HashMap<>();
        for (ClusterSetManifest set : sets) {
            ClusterSetManifest first = byName.putIfAbsent(set.name(), set);
            if (first != null) {
                problems.add(set.position().problem("metadata.name", "duplicate ClusterSet name \"" + set.name()
                        + "\" (first defined at " + first.position().file() + ":" + first.position().line() + ")"));
            }
        }
        Map<String, ClusterManifest> writtenByName = new HashMap<>();
        written.forEach(c -> writtenByName.putIfAbsent(c.name(), c));
        Map<String, DiscoveredCluster> seen = new HashMap<>();
        List<ClusterManifest> out = new ArrayList<>();
        for (DiscoveredCluster cluster : discovered) {
            ClusterSetManifest set = byName.get(cluster.set());
            if (set == null || written.stream().anyMatch(w -> sameEcsCluster(w, cluster))) {
                continue; // a set this commit no longer has, or overridden by a written Cluster
            }
            String name = cluster.target().name();
            ClusterManifest clash = writtenByName.get(name);
            DiscoveredCluster twice = seen.putIfAbsent(name, cluster);
            if (clash != null) {
                problems.add(set.position().problem("spec", "discovered cluster " + name + " has the name of Cluster \""
                        + name + "\" (" + clash.position().file() + ":" + clash.position().line() + "), which is another ECS"
                        + " cluster; rename that Cluster"));
            } else if (twice != null) {
                problems.add(set.position().problem("spec", "ECS cluster " + cluster.target().clusterName()
                        + " is discovered by ClusterSets \"" + twice.set() + "\" and \"" + cluster.set()
                        + "\"; narrow their accounts, regions or tagSelector so one set owns it, or write a Cluster for it"));
            } else {
                out.add(new ClusterManifest(cluster.target(), "(ClusterSet " + set.name() + ")", set.position(), set.position(),
                        cluster.target().labels()));
            }
        }
        return out;
    }

    private static boolean sameEcsCluster(ClusterManifest written, DiscoveredCluster discovered) {
        if (!written.target().region().equals(discovered.target().region())) {
            return false;
        }
        String name = written.target().clusterName();
        String account = null;
        Matcher arn = CLUSTER_ARN.matcher(name);
        if (arn.matches()) {
            account = arn.group(1);
            name = arn.group(2);
        } else if (written.target().roleArn() != null) {
            Matcher role = ROLE_ARN.matcher(written.target().roleArn());
            account = role.matches() ? role.group(1) : null;
        }
        String discoveredName = discovered.target().clusterName().substring(discovered.target().clusterName().lastIndexOf('/') + 1);
        return name.equals(discoveredName) && (account == null || account.equals(discovered.account()));
    }
}
