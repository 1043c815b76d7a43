package dev.logship.web;

import dev.logship.model.RolloutPolicy;
import dev.logship.rollout.ClusterRun;
import dev.logship.rollout.Phase;
import dev.logship.rollout.Rollout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rollouts as the status API serves them: state, why halted, the current wave with its name, and
 * per wave its name, its clusters counted by the same {@link RolloutPlace} states the table shows,
 * the clusters worth a look named (at most {@value #NAMED_PER_WAVE}) and how many more there are.
 * {@code counts} and {@code clusters} keep the planner's phases for existing users; without
 * {@code withClusters} the per-cluster list is left out (the page needs only the waves).
 */
final class RolloutViews {
    static final int NAMED_PER_WAVE = 20;

    private RolloutViews() {}

    static Map<String, Object> of(FleetView fleet, boolean withClusters) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Rollout r : fleet.rollouts) {
            RolloutPolicy policy = fleet.policies.get(r.policy());
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("commit", r.commit());
            view.put("policy", r.policy());
            view.put("state", r.state().name());
            view.put("haltReason", r.haltReason().isEmpty() ? null : r.haltReason());
            view.put("currentWave", r.currentWave() < 0 ? null : r.currentWave() + 1);
            view.put("currentWaveName", r.currentWave() < 0 ? null : waveName(policy, r.currentWave()));
            view.put("waveCount", policy != null ? policy.waves().size()
                    : r.clusters().values().stream().mapToInt(ClusterRun::wave).max().orElse(0) + 1);
            view.put("bakeTime", policy == null ? null : policy.bakeTime().toString());
            // whether bakes also need delivery (README, kind RolloutPolicy), and how long it may be bad
            view.put("requireDelivery", policy != null && policy.requireDelivery());
            view.put("deliveryWindow", policy == null || !policy.requireDelivery() ? null : policy.deliveryWindow().toString());
            view.put("windowOverride", r.windowOverride());
            view.put("windowBlockedUntil", fleet.blockedUntil.apply(r.policy()).map(Instant::toString).orElse(null));
            Map<String, Object> counts = new LinkedHashMap<>();
            r.counts().forEach((phase, n) -> counts.put(name(phase), n));
            view.put("counts", counts);
            view.put("waves", waves(r, policy, fleet.places));
            if (withClusters) {
                view.put("clusters", clusters(r, policy, fleet.places));
            }
            out.add(view);
        }
        Map<String, Object> all = new LinkedHashMap<>();
        if (fleet.rolloutNow != null) {
            all.put("now", fleet.rolloutNow.toString());
        }
        all.put("rollouts", out);
        return all;
    }

    private static List<Map<String, Object>> waves(Rollout r, RolloutPolicy policy, Map<String, RolloutPlace> places) {
        Map<Integer, List<ClusterRun>> byWave = new TreeMap<>();
        r.clusters().values().forEach(run -> byWave.computeIfAbsent(run.wave(), w -> new ArrayList<>()).add(run));
        List<Map<String, Object>> waves = new ArrayList<>();
        byWave.forEach((wave, runs) -> {
            Map<String, Integer> states = new LinkedHashMap<>();
            for (RolloutPlace.State s : RolloutPlace.State.values()) {
                long n = runs.stream().filter(run -> state(places, run) == s).count();
                if (n > 0) {
                    states.put(s.key(), (int) n);
                }
            }
            // A big wave names the clusters worth a look first (neither waiting nor done), then says "+N more".
            List<ClusterRun> named = runs.stream().sorted(java.util.Comparator.comparingInt(run -> switch (state(places, run)) {
                case Waiting, Held, Unchanged, Done -> 1;
                default -> 0;
            })).limit(NAMED_PER_WAVE).toList();
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("number", wave + 1);
            w.put("name", waveName(policy, wave));
            w.put("clusters", runs.size());
            w.put("states", states);
            w.put("named", named.stream().map(run -> Map.of("cluster", run.cluster(), "state", state(places, run).key(),
                    "text", places.containsKey(run.cluster()) ? places.get(run.cluster()).text() : run.message())).toList());
            w.put("more", runs.size() - named.size());
            waves.add(w);
        });
        return waves;
    }

    private static List<Map<String, Object>> clusters(Rollout r, RolloutPolicy policy, Map<String, RolloutPlace> places) {
        List<Map<String, Object>> clusters = new ArrayList<>();
        for (ClusterRun run : r.clusters().values()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("cluster", run.cluster());
            c.put("wave", run.wave() + 1);
            c.put("waveName", waveName(policy, run.wave()));
            c.put("phase", name(run.phase()));
            c.put("state", state(places, run).name());
            c.put("startedAt", run.startedAt() == null ? null : run.startedAt().toString());
            c.put("healthySince", run.healthySince() == null ? null : run.healthySince().toString());
            c.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
            c.put("message", run.message());
            clusters.add(c);
        }
        return clusters;
    }

    private static RolloutPlace.State state(Map<String, RolloutPlace> places, ClusterRun run) {
        RolloutPlace place = places.get(run.cluster());
        return place == null ? RolloutPlace.State.Waiting : place.state();
    }

    private static String waveName(RolloutPolicy policy, int wave) {
        return policy != null && wave < policy.waves().size() ? policy.waves().get(wave).name() : "";
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
