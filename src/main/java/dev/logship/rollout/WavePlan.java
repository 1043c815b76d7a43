package dev.logship.rollout;

import dev.logship.model.DesiredState;
import dev.logship.model.RolloutPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The waves a commit would take under one RolloutPolicy, for {@code plan}: each wave's clusters
 * in the order the planner starts them, and which of them the commit would change (the others
 * pass their wave without a call). Waves without a planned cluster are left out.
 * {@code deliveryWindow}: null unless the policy gates bakes on delivery (requireDelivery).
 */
public record WavePlan(String policy, Duration bakeTime, RolloutPolicy.OnFailure onFailure, List<WaveClusters> waves,
        Duration deliveryWindow) {
    public record WaveClusters(int number, String name, String maxConcurrent, List<Member> clusters) {
        public WaveClusters {
            clusters = List.copyOf(clusters);
        }

        public long changing() {
            return clusters.stream().filter(Member::changes).count();
        }
    }

    public record Member(String cluster, boolean changes) {}

    public WavePlan {
        waves = List.copyOf(waves);
    }

    public WavePlan(String policy, Duration bakeTime, RolloutPolicy.OnFailure onFailure, List<WaveClusters> waves) {
        this(policy, bakeTime, onFailure, waves, null);
    }

    /** One plan per policy governing any of {@code clusters}, in the order their clusters come. */
    public static List<WavePlan> of(DesiredState state, List<String> clusters, Predicate<String> changes) {
        Map<String, RolloutPolicy> policies = new LinkedHashMap<>();
        Map<String, Map<Integer, List<Member>>> members = new LinkedHashMap<>();
        for (String name : clusters.stream().sorted().toList()) {
            RolloutPolicy policy = state.policyOf(name);
            policies.putIfAbsent(policy.name(), policy);
            Map<String, String> labels = state.cluster(name).map(c -> c.target().labels()).orElse(Map.of());
            members.computeIfAbsent(policy.name(), p -> new java.util.TreeMap<>())
                    .computeIfAbsent(policy.waveOf(labels), w -> new ArrayList<>())
                    .add(new Member(name, changes.test(name)));
        }
        List<WavePlan> out = new ArrayList<>();
        policies.forEach((name, policy) -> {
            List<WaveClusters> waves = new ArrayList<>();
            members.get(name).forEach((wave, list) -> waves.add(new WaveClusters(wave + 1, policy.waves().get(wave).name(),
                    policy.waves().get(wave).maxConcurrent().toString(), list)));
            out.add(new WavePlan(name, policy.bakeTime(), policy.onFailure(), waves,
                    policy.requireDelivery() ? policy.deliveryWindow() : null));
        });
        return out;
    }
}
