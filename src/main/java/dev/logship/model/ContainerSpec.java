package dev.logship.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One container of a task definition, in the terms RegisterTaskDefinition accepts.
 * {@code secrets} maps an environment variable name to its {@code valueFrom} (SSM parameter
 * name or Secrets Manager ARN). {@code healthCheck} may be null.
 */
public record ContainerSpec(
        String name,
        String image,
        int cpu,
        Integer memory,
        Integer memoryReservation,
        boolean essential,
        List<String> command,
        Map<String, String> environment,
        Map<String, String> secrets,
        List<PortMapping> portMappings,
        List<MountPoint> mountPoints,
        HealthCheck healthCheck) {

    public ContainerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        command = Immutable.list(command);
        environment = Immutable.sortedMap(environment);
        secrets = Immutable.sortedMap(secrets);
        portMappings = Immutable.list(portMappings);
        mountPoints = Immutable.list(mountPoints);
    }
}
