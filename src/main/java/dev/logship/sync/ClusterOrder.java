package dev.logship.sync;

import dev.logship.model.DesiredCluster;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order to work through many clusters in parallel: round-robin over their budgets (role
 * and region, standing for ECS's per-account, per-region rate limits), in their given order
 * within each. Workers taken in name order would pile onto one account's clusters and wait on
 * its buckets while other accounts' budgets go unused; interleaved, N accounts go N times as
 * fast.
 */
public final class ClusterOrder {
    private ClusterOrder() {}

    public static List<DesiredCluster> fair(List<DesiredCluster> clusters) {
        Map<String, Iterator<DesiredCluster>> byBudget = new LinkedHashMap<>();
        Map<String, List<DesiredCluster>> groups = new LinkedHashMap<>();
        for (DesiredCluster c : clusters) {
            groups.computeIfAbsent(c.target().roleArn() + "@" + c.target().region(), k -> new ArrayList<>()).add(c);
        }
        groups.forEach((budget, group) -> byBudget.put(budget, group.iterator()));
        List<DesiredCluster> out = new ArrayList<>(clusters.size());
        while (out.size() < clusters.size()) {
            for (Iterator<DesiredCluster> it : byBudget.values()) {
                if (it.hasNext()) {
                    out.add(it.next());
                }
            }
        }
        return out;
    }
}
