package dev.logship.model;

import java.util.Objects;

/**
 * A node as an operator finds it: its container instance ARN, EC2 instance id (null if unknown),
 * and whether its ECS agent is connected (ECS places nothing on a node whose agent is not).
 */
public record NodeName(String containerInstanceArn, String ec2InstanceId, boolean agentConnected) {
    public NodeName {
        Objects.requireNonNull(containerInstanceArn, "containerInstanceArn");
    }
}
