package dev.logship.rollout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last {@code keep} rollouts of each cluster, oldest first. Pure: each method returns a new
 * history. A cluster the rollout did not change (already in sync) gets no record.
 */
public final class History {
    public static final int DEFAULT_KEEP = 20;

    private History() {}

    /**
     * The history after a rollout's clusters moved: each cluster the rollout changed gets its
     * record added, or updated while it is the same rollout. {@code taskDefinitions} gives what
     * a cluster was last seen running in sync with the rollout's commit (empty: not seen yet); a
     * record keeps the last it got, so a rolled-back record still names the revisions the commit used.
     */
    public static Map<String, List<RunRecord>> record(Map<String, List<RunRecord>> history, Rollout rollout,
            java.util.function.Function<String, List<String>> taskDefinitions, int keep) {
        Map<String, List<RunRecord>> next = new LinkedHashMap<>(history);
        for (ClusterRun run : rollout.clusters().values()) {
            RunRecord.Outcome outcome = RunRecord.Outcome.of(run.phase());
            if (outcome == null || !run.changed()) {
                continue;
            }
            List<RunRecord> runs = new ArrayList<>(next.getOrDefault(run.cluster(), List.of()));
            RunRecord last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            RunRecord record = new RunRecord(run.cluster(), rollout.commit(), rollout.policy(), rollout.createdAt(),
                    run.wave(), run.startedAt(), run.finishedAt(), outcome, run.message(), List.of());
            boolean same = last != null && last.sameRollout(record);
            List<String> now = taskDefinitions.apply(run.cluster());
            record = record.using(!now.isEmpty() ? now : same ? last.taskDefinitions() : List.of());
            if (same && last.equals(record)) {
                continue;
            }
            if (same) {
                runs.set(runs.size() - 1, record);
            } else {
                runs.add(record);
            }
            next.put(run.cluster(), List.copyOf(runs.subList(Math.max(0, runs.size() - keep), runs.size())));
        }
        return next;
    }

    /** A newer commit replaced the rollouts: a cluster's record still in progress in none of {@code current} is superseded. */
    public static Map<String, List<RunRecord>> supersede(Map<String, List<RunRecord>> history, List<Rollout> current, Instant now) {
        Map<String, List<RunRecord>> next = new LinkedHashMap<>(history);
        next.replaceAll((cluster, runs) -> {
            RunRecord last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last == null || last.outcome().finished() || current.stream().anyMatch(r -> r.commit().equals(last.commit())
                    && java.util.Objects.equals(r.createdAt(), last.rolloutCreatedAt()))) {
                return runs;
            }
            List<RunRecord> copy = new ArrayList<>(runs);
            copy.set(copy.size() - 1, last.superseded(now));
            return List.copyOf(copy);
        });
        return next;
    }
}
