package dev.logship.web;

import dev.logship.rollout.ClusterRun;
import dev.logship.rollout.Phase;
import dev.logship.rollout.Rollout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Rollouts as the status API serves them: state, why halted, the current wave, clusters per phase. */
final class RolloutViews {
    private RolloutViews() {}

    /**
     * {@code blockedUntil}: until when a sync window blocks a policy's rollout (the next allowed
     * time); {@code now}: the planner's clock, which differs from real time only on a scaled clock.
     */
    static Map<String, Object> of(List<Rollout> rollouts, Function<String, Optional<Instant>> blockedUntil, Instant now) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Rollout r : rollouts) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("commit", r.commit());
            view.put("policy", r.policy());
            view.put("state", r.state().name());
            view.put("haltReason", r.haltReason().isEmpty() ? null : r.haltReason());
            view.put("currentWave", r.currentWave() < 0 ? null : r.currentWave() + 1);
            view.put("windowOverride", r.windowOverride());
            view.put("windowBlockedUntil", blockedUntil.apply(r.policy()).map(Instant::toString).orElse(null));
            Map<String, Object> counts = new LinkedHashMap<>();
            r.counts().forEach((phase, n) -> counts.put(name(phase), n));
            view.put("counts", counts);
            List<Map<String, Object>> clusters = new ArrayList<>();
            for (ClusterRun run : r.clusters().values()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("cluster", run.cluster());
                c.put("wave", run.wave() + 1);
                c.put("phase", name(run.phase()));
                c.put("startedAt", run.startedAt() == null ? null : run.startedAt().toString());
                c.put("healthySince", run.healthySince() == null ? null : run.healthySince().toString());
                c.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
                c.put("message", run.message());
                clusters.add(c);
            }
            view.put("clusters", clusters);
            out.add(view);
        }
        Map<String, Object> all = new LinkedHashMap<>();
        if (now != null) {
            all.put("now", now.toString());
        }
        all.put("rollouts", out);
        return all;
    }

    /** IN_FLIGHT -> inFlight, ROLLED_BACK -> rolledBack. */
    static String name(Phase phase) {
        String[] words = phase.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder out = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            out.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return out.toString();
    }
}
