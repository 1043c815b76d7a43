package dev.logship.aws;

import dev.logship.model.ContainerSpec;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.Secret;

/**
 * The parts of a container definition that a task definition and a daemon task definition
 * share (the SDK gives them the same element types but different container builders), so both
 * mappers send them the same way.
 */
final class ContainerParts {
    private ContainerParts() {}

    static List<KeyValuePair> environment(ContainerSpec c) {
        return c.environment().entrySet().stream()
                .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList();
    }

    static List<Secret> secrets(ContainerSpec c) {
        return c.secrets().entrySet().stream()
                .map(e -> Secret.builder().name(e.getKey()).valueFrom(e.getValue()).build()).toList();
    }

    static List<MountPoint> mountPoints(ContainerSpec c) {
        return c.mountPoints().stream().map(m -> MountPoint.builder().sourceVolume(m.sourceVolume())
                .containerPath(m.containerPath()).readOnly(m.readOnly()).build()).toList();
    }

    /** Null when the container has none. */
    static HealthCheck healthCheck(ContainerSpec c) {
        var h = c.healthCheck();
        return h == null ? null : HealthCheck.builder().command(h.command()).interval(h.interval()).timeout(h.timeout())
                .retries(h.retries()).startPeriod(h.startPeriod()).build();
    }

    // ECS -> model: what both mappers read back from a described container the same way.

    static java.util.Map<String, String> environmentOf(List<KeyValuePair> pairs) {
        java.util.Map<String, String> env = new java.util.TreeMap<>();
        pairs.forEach(kv -> env.put(kv.name(), kv.value()));
        return env;
    }

    static java.util.Map<String, String> secretsOf(List<Secret> described) {
        java.util.Map<String, String> secrets = new java.util.TreeMap<>();
        described.forEach(x -> secrets.put(x.name(), x.valueFrom()));
        return secrets;
    }

    static List<dev.logship.model.MountPoint> mountPointsOf(List<MountPoint> described) {
        return described.stream().map(m -> new dev.logship.model.MountPoint(m.sourceVolume(), m.containerPath(),
                m.readOnly() != null && m.readOnly())).toList();
    }

    /** Null when ECS describes none. */
    static dev.logship.model.HealthCheck healthCheckOf(HealthCheck h) {
        return h == null ? null : new dev.logship.model.HealthCheck(h.command(), h.interval(), h.timeout(), h.retries(), h.startPeriod());
    }
}
