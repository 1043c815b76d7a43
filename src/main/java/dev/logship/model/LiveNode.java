package dev.logship.model;

import java.util.Map;
import java.util.Objects;

/** An ACTIVE container instance as ECS describes it: whether its agent is connected, and its attributes. */
public record LiveNode(String arn, boolean agentConnected, Map<String, String> attributes) {
    public LiveNode {
        Objects.requireNonNull(arn, "arn");
        attributes = Immutable.sortedMap(attributes);
    }
}
