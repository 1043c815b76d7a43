package dev.logship.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a new commit reaches the clusters a {@code kind: RolloutPolicy} governs: wave by wave in
 * order, each wave's clusters baking Healthy for {@code bakeTime} before the next starts, and
 * what to do when one goes Degraded. Clusters no policy selects use {@link #allAtOnce()}.
 */
public record RolloutPolicy(String name, List<Wave> waves, Duration bakeTime, OnFailure onFailure, List<SyncWindow> windows) {
    public enum OnFailure { HALT, ROLLBACK }

    /** The name of the implicit policy of clusters no RolloutPolicy selects. */
    public static final String DEFAULT_NAME = "(default: all at once)";

    public RolloutPolicy {
        Objects.requireNonNull(name, "name");
        waves = List.copyOf(waves);
        bakeTime = bakeTime == null ? Duration.ZERO : bakeTime;
        onFailure = onFailure == null ? OnFailure.HALT : onFailure;
        windows = List.copyOf(windows);
        if (waves.isEmpty()) {
            throw new IllegalArgumentException("a rollout policy needs at least one wave");
        }
    }

    /** Today's behaviour: every cluster at once, no bake time, halt (never roll back) on failure. */
    public static RolloutPolicy allAtOnce() {
        return new RolloutPolicy(DEFAULT_NAME, List.of(new Wave("all", java.util.Map.of(), MaxConcurrent.UNLIMITED)),
                Duration.ZERO, OnFailure.HALT, List.of());
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
