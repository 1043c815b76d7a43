package dev.logship.model;

import java.util.Map;
import java.util.Objects;

/**
 * An ACTIVE container instance as ECS describes it: whether its agent is connected, its
 * attributes, and its EC2 instance id (null when not described, or not on EC2).
 */
public record LiveNode(String arn, boolean agentConnected, Map<String, String> attributes, String ec2InstanceId) {
    public LiveNode {
        Objects.requireNonNull(arn, "arn");
        attributes = Immutable.sortedMap(attributes);
    }

    public LiveNode(String arn, boolean agentConnected, Map<String, String> attributes) {
        this(arn, agentConnected, attributes, null);
    }
}
