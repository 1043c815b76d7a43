package dev.logship.manifest;

import dev.logship.model.RolloutPolicy;
import java.util.List;
import java.util.Objects;

/** A parsed {@code kind: RolloutPolicy} and where it and each of its waves were defined. */
public record RolloutPolicyManifest(RolloutPolicy policy, Position position, List<Position> wavePositions) {
    public RolloutPolicyManifest {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(position, "position");
        wavePositions = List.copyOf(wavePositions);
    }

    public String name() {
        return policy.name();
    }
}
