package dev.logship.manifest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks across RolloutPolicies and Notifiers: unique names, and at most one policy per Cluster. */
final class RolloutChecks {
    private RolloutChecks() {}

    static void run(List<ClusterManifest> clusters, List<RolloutPolicyManifest> policies,
            List<NotifierManifest> notifiers, List<Problem> problems) {
        Map<String, RolloutPolicyManifest> policyNames = new HashMap<>();
        for (RolloutPolicyManifest policy : policies) {
            RolloutPolicyManifest first = policyNames.putIfAbsent(policy.name(), policy);
            if (first != null) {
                problems.add(policy.position().problem("metadata.name", "duplicate RolloutPolicy name \""
                        + policy.name() + "\" (first defined at " + where(first.position()) + ")"));
            }
        }
        Map<String, NotifierManifest> notifierNames = new HashMap<>();
        for (NotifierManifest notifier : notifiers) {
            NotifierManifest first = notifierNames.putIfAbsent(notifier.name(), notifier);
            if (first != null) {
                problems.add(notifier.position().problem("metadata.name", "duplicate Notifier name \""
                        + notifier.name() + "\" (first defined at " + where(first.position()) + ")"));
            }
        }
        for (ClusterManifest cluster : clusters) {
            RolloutPolicyManifest governing = null;
            for (RolloutPolicyManifest policy : policies) {
                int wave = policy.policy().selectingWave(cluster.labels());
                if (wave < 0) {
                    continue;
                }
                if (governing == null) {
                    governing = policy;
                } else {
                    problems.add(policy.wavePositions().get(wave).problem("spec.waves[" + wave + "].selector",
                            "Cluster \"" + cluster.name() + "\" (" + where(cluster.position()) + ") is already selected by RolloutPolicy \""
                            + governing.name() + "\" (" + where(governing.position()) + "); at most one RolloutPolicy may apply to a Cluster"));
                }
            }
        }
    }

    private static String where(Position position) {
        return position.file() + ":" + position.line();
    }
}
