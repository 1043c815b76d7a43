package dev.logship.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task definition as RegisterTaskDefinition accepts it (EC2 launch type). {@code networkMode}
 * null means ECS's default ({@code bridge} on Linux EC2). Tags are the task definition's own.
 * {@code executionRoleArn} (nullable) is required by ECS when a container has {@code secrets}:
 * the agent uses it to read SSM parameters or Secrets Manager secrets.
 */
public record TaskDefinitionSpec(
        String family,
        String networkMode,
        List<String> requiresCompatibilities,
        List<ContainerSpec> containers,
        List<Volume> volumes,
        List<PlacementConstraint> placementConstraints,
        Map<String, String> tags,
        String executionRoleArn) {

    /** A task definition without an execution role (no secrets). */
    public TaskDefinitionSpec(String family, String networkMode, List<String> requiresCompatibilities,
                              List<ContainerSpec> containers, List<Volume> volumes,
                              List<PlacementConstraint> placementConstraints, Map<String, String> tags) {
        this(family, networkMode, requiresCompatibilities, containers, volumes, placementConstraints, tags, null);
    }

    public TaskDefinitionSpec {
        Objects.requireNonNull(family, "family");
        requiresCompatibilities = Immutable.list(requiresCompatibilities);
        containers = Immutable.list(containers);
        volumes = Immutable.list(volumes);
        placementConstraints = Immutable.list(placementConstraints);
        tags = Immutable.sortedMap(tags);
    }

    public TaskDefinitionSpec withFamily(String newFamily) {
        return new TaskDefinitionSpec(newFamily, networkMode, requiresCompatibilities, containers, volumes, placementConstraints, tags, executionRoleArn);
    }

    public TaskDefinitionSpec withTags(Map<String, String> newTags) {
        return new TaskDefinitionSpec(family, networkMode, requiresCompatibilities, containers, volumes, placementConstraints, newTags, executionRoleArn);
    }
}
