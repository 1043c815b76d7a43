package dev.logship.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a new commit reaches the clusters a {@code kind: RolloutPolicy} governs: wave by wave in
 * order, each wave's clusters baking Healthy for {@code bakeTime} before the next starts, and
 * what to do when one goes Degraded. Clusters no policy selects use {@link #allAtOnce()}.
 * {@code requireDelivery}: a bake also needs the cluster's forwarders to deliver (their telemetry
 * judged Delivering); DeliveryFailing, or Silent where telemetry is expected, for
 * {@code deliveryWindow} fails the bake as Degraded would (ECS alone cannot see it).
 */
public record RolloutPolicy(String name, List<Wave> waves, Duration bakeTime, OnFailure onFailure, List<SyncWindow> windows,
        boolean requireDelivery, Duration deliveryWindow) {
    public enum OnFailure { HALT, ROLLBACK }

    /** The name of the implicit policy of clusters no RolloutPolicy selects. */
    public static final String DEFAULT_NAME = "(default: all at once)";
    /** How long delivery may be bad during a bake before it fails, unless the policy says otherwise. */
    public static final Duration DEFAULT_DELIVERY_WINDOW = Duration.ofMinutes(2);

    /** A policy that does not gate bakes on delivery. */
    public RolloutPolicy(String name, List<Wave> waves, Duration bakeTime, OnFailure onFailure, List<SyncWindow> windows) {
        this(name, waves, bakeTime, onFailure, windows, false, DEFAULT_DELIVERY_WINDOW);
    }

    public RolloutPolicy {
        Objects.requireNonNull(name, "name");
        waves = List.copyOf(waves);
        bakeTime = bakeTime == null ? Duration.ZERO : bakeTime;
        onFailure = onFailure == null ? OnFailure.HALT : onFailure;
        windows = List.copyOf(windows);
        deliveryWindow = deliveryWindow == null ? DEFAULT_DELIVERY_WINDOW : deliveryWindow;
        if (deliveryWindow.isNegative()) {
            throw new IllegalArgumentException("deliveryWindow must not be negative");
        }
        if (waves.isEmpty()) {
            throw new IllegalArgumentException("a rollout policy needs at least one wave");
        }
    }

    /** Today's behaviour: every cluster at once, no bake time, halt (never roll back) on failure. */
    public static RolloutPolicy allAtOnce() {
        return new RolloutPolicy(DEFAULT_NAME, List.of(new Wave("all", java.util.Map.of(), MaxConcurrent.UNLIMITED)),
                Duration.ZERO, OnFailure.HALT, List.of());
    }

    /** The same policy, its bakes gated on delivery for {@code window}. */
    public RolloutPolicy requiringDelivery(Duration window) {
        return new RolloutPolicy(name, waves, bakeTime, onFailure, windows, true, window);
    }

    /**
     * The one place a cluster's wave is decided: the first wave whose selector matches its labels,
     * else the last (a policy's last wave takes the clusters it governs that no earlier wave names).
     */
    public int waveOf(java.util.Map<String, String> labels) {
        int wave = selectingWave(labels);
        return wave < 0 ? waves.size() - 1 : wave;
    }

    /** The index of the first wave whose selector matches these labels, or -1 when none does (which policy governs). */
    public int selectingWave(java.util.Map<String, String> labels) {
        for (int i = 0; i < waves.size(); i++) {
            if (waves.get(i).matches(labels)) {
                return i;
            }
        }
        return -1;
    }
}
