package dev.logship.rollout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cluster's rollouts as people read them (status API, {@code logship history}): where it
 * stands in the rollout in force, its last Healthy commit (a rollback's target) and its last
 * rollouts, newest first.
 */
public record ClusterHistory(String cluster, Optional<Current> current, Optional<String> lastHealthyCommit, List<RunRecord> runs) {
    /** The cluster's part in the rollout in force. */
    public record Current(String commit, String policy, Rollout.State state, ClusterRun run) {}

    public ClusterHistory {
        runs = List.copyOf(runs);
    }

    /** Empty when the saved state knows nothing of this cluster (no rollout, no history). */
    public static Optional<ClusterHistory> of(SavedRollouts saved, String cluster) {
        Optional<Current> current = saved.rollouts().stream().filter(r -> r.clusters().containsKey(cluster)).findFirst()
                .map(r -> new Current(r.commit(), r.policy(), r.state(), r.clusters().get(cluster)));
        List<RunRecord> runs = new ArrayList<>(saved.history().getOrDefault(cluster, List.of()));
        Optional<String> healthy = Optional.ofNullable(saved.lastHealthyCommits().get(cluster));
        if (current.isEmpty() && runs.isEmpty() && healthy.isEmpty()) {
            return Optional.empty();
        }
        java.util.Collections.reverse(runs);
        return Optional.of(new ClusterHistory(cluster, current, healthy, runs));
    }

    /** Every cluster the saved state knows, sorted (for "did you mean"). */
    public static List<String> clusters(SavedRollouts saved) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(saved.history().keySet());
        saved.rollouts().forEach(r -> names.addAll(r.clusters().keySet()));
        names.addAll(saved.lastHealthyCommits().keySet());
        return List.copyOf(names);
    }

    /** Plain maps and strings (times ISO-8601, waves from 1) for any JSON writer. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cluster", cluster);
        out.put("current", current.map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("commit", c.commit());
            m.put("policy", c.policy());
            m.put("rolloutState", c.state().name());
            m.put("wave", c.run().wave() + 1);
            m.put("phase", c.run().phase().name());
            m.put("startedAt", text(c.run().startedAt()));
            m.put("healthySince", text(c.run().healthySince()));
            m.put("finishedAt", text(c.run().finishedAt()));
            m.put("message", c.run().message());
            return m;
        }).orElse(null));
        out.put("lastHealthyCommit", lastHealthyCommit.orElse(null));
        List<Map<String, Object>> list = new ArrayList<>();
        for (RunRecord r : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("commit", r.commit());
            m.put("policy", r.policy());
            m.put("wave", r.wave() + 1);
            m.put("startedAt", text(r.startedAt()));
            m.put("finishedAt", text(r.finishedAt()));
            m.put("outcome", r.outcome().name());
            m.put("message", r.message());
            m.put("taskDefinitions", r.taskDefinitions());
            list.add(m);
        }
        out.put("runs", list);
        return out;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
