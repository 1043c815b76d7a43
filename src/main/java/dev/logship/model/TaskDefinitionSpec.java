package dev.logship.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task definition as RegisterTaskDefinition accepts it (EC2 launch type). {@code networkMode}
 * null means ECS's default ({@code bridge} on Linux EC2). Tags are the task definition's own.
 * {@code executionRoleArn} (nullable) is required by ECS when a container has {@code secrets}:
 * the agent uses it to read SSM parameters or Secrets Manager secrets. {@code taskRoleArn} (nullable)
 * is the role the containers themselves call AWS with.
 *
 * <p>{@code document} (nullable) is the complete RegisterTaskDefinition input as plain data
 * (maps, lists, strings, numbers, booleans keyed by ECS's JSON names): for a described revision
 * every input field ECS returned, for a desired spec what the adapter will send. It lets the diff
 * see fields this record does not model (privileged, entryPoint, taskRoleArn...). It is filled by
 * the adapter that knows ECS's shapes; specs built by hand carry none.
 */
public record TaskDefinitionSpec(
        String family,
        String networkMode,
        List<String> requiresCompatibilities,
        List<ContainerSpec> containers,
        List<Volume> volumes,
        List<PlacementConstraint> placementConstraints,
        Map<String, String> tags,
        String executionRoleArn,
        String taskRoleArn,
        Map<String, Object> document) {

    /** A described or sent task definition without a task role. */
    public TaskDefinitionSpec(String family, String networkMode, List<String> requiresCompatibilities,
                              List<ContainerSpec> containers, List<Volume> volumes,
                              List<PlacementConstraint> placementConstraints, Map<String, String> tags,
                              String executionRoleArn, Map<String, Object> document) {
        this(family, networkMode, requiresCompatibilities, containers, volumes, placementConstraints, tags, executionRoleArn,
                null, document);
    }

    /** A task definition as rendered: no ECS document attached yet. */
    public TaskDefinitionSpec(String family, String networkMode, List<String> requiresCompatibilities,
                              List<ContainerSpec> containers, List<Volume> volumes,
                              List<PlacementConstraint> placementConstraints, Map<String, String> tags,
                              String executionRoleArn) {
        this(family, networkMode, requiresCompatibilities, containers, volumes, placementConstraints, tags, executionRoleArn,
                null, null);
    }

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
        document = document == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(document));
    }

    public TaskDefinitionSpec withTaskRoleArn(String role) {
        return new TaskDefinitionSpec(family, networkMode, requiresCompatibilities, containers, volumes, placementConstraints, tags, executionRoleArn, role, null);
    }

    public TaskDefinitionSpec withFamily(String newFamily) {
        return new TaskDefinitionSpec(newFamily, networkMode, requiresCompatibilities, containers, volumes, placementConstraints, tags, executionRoleArn, taskRoleArn, null);
    }

    /** Other tags; the document (if any) no longer describes this content, so it is dropped. */
    public TaskDefinitionSpec withTags(Map<String, String> newTags) {
        return new TaskDefinitionSpec(family, networkMode, requiresCompatibilities, containers, volumes, placementConstraints, newTags, executionRoleArn, taskRoleArn, null);
    }

    public TaskDefinitionSpec withDocument(Map<String, Object> newDocument) {
        return new TaskDefinitionSpec(family, networkMode, requiresCompatibilities, containers, volumes, placementConstraints, tags, executionRoleArn, taskRoleArn, newDocument);
    }
}
