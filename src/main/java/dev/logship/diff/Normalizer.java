package dev.logship.diff;

import dev.logship.model.ContainerSpec;
import dev.logship.model.DeploymentSpec;
import dev.logship.model.HealthCheck;
import dev.logship.model.MountPoint;
import dev.logship.model.OwnershipTags;
import dev.logship.model.PlacementConstraint;
import dev.logship.model.PortMapping;
import dev.logship.model.SchedulingStrategy;
import dev.logship.model.ServiceSpec;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.model.Volume;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reduces desired and live specs to one canonical form, so that record equality means "ECS
 * would run the same thing". Applied to BOTH sides: values ECS fills in when absent become
 * absent, lists whose order ECS does not keep are sorted, and a task definition's
 * content-hash tag is left out (it is a label of the content, not content). Server-filled fields (ARN,
 * revision, status, registeredAt...) never reach the model records in the first place.
 */
public final class Normalizer {
    private static final String BRIDGE = "bridge";

    private Normalizer() {}

    public static TaskDefinitionSpec taskDefinition(TaskDefinitionSpec spec) {
        String networkMode = spec.networkMode() == null || spec.networkMode().equalsIgnoreCase(BRIDGE)
                ? null : spec.networkMode();
        List<ContainerSpec> containers = spec.containers().stream()
                .map(c -> container(c, networkMode))
                .sorted(Comparator.comparing(ContainerSpec::name))
                .toList();
        List<Volume> volumes = spec.volumes().stream()
                .sorted(Comparator.comparing(Volume::name, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        List<String> compatibilities = spec.requiresCompatibilities().stream().sorted().toList();
        Map<String, String> tags = new TreeMap<>(spec.tags());
        // The hash covers the service too; a service-only change must not force a new revision.
        tags.remove(OwnershipTags.CONTENT_HASH);
        return new TaskDefinitionSpec(spec.family(), networkMode, compatibilities, containers, volumes,
                constraints(spec.placementConstraints()), tags, spec.executionRoleArn(), spec.taskRoleArn(), null);
    }

    static ContainerSpec container(ContainerSpec c, String networkMode) {
        List<PortMapping> ports = c.portMappings().stream()
                .map(p -> port(p, networkMode))
                .sorted(Comparator.comparingInt(PortMapping::containerPort)
                        .thenComparingInt(PortMapping::hostPort)
                        .thenComparing(PortMapping::protocol, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        List<MountPoint> mounts = c.mountPoints().stream()
                .sorted(Comparator.comparing(MountPoint::containerPath, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(MountPoint::sourceVolume, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        return new ContainerSpec(c.name(), c.image(), c.cpu(), c.memory(), c.memoryReservation(), c.essential(),
                c.command(), c.environment(), c.secrets(), ports, mounts, healthCheck(c.healthCheck()));
    }

    /** Protocol tcp is ECS's default; hostPort 0 means "dynamic" in bridge mode and "= containerPort" otherwise. */
    static PortMapping port(PortMapping p, String networkMode) {
        String protocol = p.protocol() == null || p.protocol().equalsIgnoreCase("tcp") ? null : p.protocol().toLowerCase();
        int hostPort = p.hostPort();
        if (networkMode != null && hostPort == 0) {
            hostPort = p.containerPort();
        }
        return new PortMapping(p.containerPort(), hostPort, protocol);
    }

    /** ECS fills interval 30, timeout 5, retries 3, startPeriod 0. */
    static HealthCheck healthCheck(HealthCheck h) {
        if (h == null || h.command().isEmpty()) {
            return null;
        }
        return new HealthCheck(h.command(), unlessDefault(h.interval(), 30), unlessDefault(h.timeout(), 5),
                unlessDefault(h.retries(), 3), unlessDefault(h.startPeriod(), 0));
    }

    public static ServiceSpec service(ServiceSpec spec) {
        boolean daemon = spec.schedulingStrategy() == SchedulingStrategy.DAEMON;
        DeploymentSpec d = spec.deployment();
        DeploymentSpec deployment = new DeploymentSpec(
                unlessDefault(d.maximumPercent(), daemon ? 100 : 200),
                unlessDefault(d.minimumHealthyPercent(), daemon ? 0 : 100),
                Boolean.TRUE.equals(d.circuitBreaker()) ? Boolean.TRUE : null);
        String propagate = spec.propagateTags() == null || spec.propagateTags().equals("NONE") ? null : spec.propagateTags();
        return new ServiceSpec(spec.serviceName(), spec.schedulingStrategy(), daemon ? null : spec.desiredCount(),
                constraints(spec.placementConstraints()), deployment, propagate, dev.logship.model.HaltTags.without(spec.tags()));
    }

    /** Deployment percents ECS reports when none were given, by strategy. */
    public static DeploymentSpec concreteDeployment(DeploymentSpec d, SchedulingStrategy strategy) {
        boolean daemon = strategy == SchedulingStrategy.DAEMON;
        return new DeploymentSpec(
                Objects.requireNonNullElse(d.maximumPercent(), daemon ? 100 : 200),
                Objects.requireNonNullElse(d.minimumHealthyPercent(), daemon ? 0 : 100),
                Boolean.TRUE.equals(d.circuitBreaker()));
    }

    static List<PlacementConstraint> constraints(List<PlacementConstraint> constraints) {
        return constraints.stream()
                .sorted(Comparator.comparing(PlacementConstraint::type, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(PlacementConstraint::expression, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    private static Integer unlessDefault(Integer value, int ecsDefault) {
        return value == null || value == ecsDefault ? null : value;
    }
}
