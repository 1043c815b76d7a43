package dev.logship.render;

import dev.logship.manifest.ForwarderManifest;
import dev.logship.manifest.Scheduling;
import dev.logship.model.ContainerSpec;
import dev.logship.model.DeploymentSpec;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.ForwarderKey;
import dev.logship.model.OwnershipTags;
import dev.logship.model.PortMapping;
import dev.logship.model.SchedulingStrategy;
import dev.logship.model.ServiceSpec;
import dev.logship.model.TaskDefinitionSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One forwarder on one cluster, as ECS will hold it. The task definition carries nothing of
 * the cluster, so every cluster running a forwarder shares its family and revision; the
 * service carries the cluster in its {@code logship.dev/forwarder} tag.
 */
final class ForwarderRenderer {
    static final String FAMILY_PREFIX = "logship-";

    private ForwarderRenderer() {}

    static DesiredForwarder render(ForwarderKey key, ForwarderManifest forwarder) {
        DesiredForwarder rendered = forwarder.scheduling() == Scheduling.MANAGED_DAEMON
                ? ManagedDaemonRenderer.render(key, forwarder) : service(key, forwarder);
        return rendered.withRoutes(RouteSummaries.of(forwarder)).withTelemetry(FluentBitTelemetry.words(forwarder))
                .withMetricsPort(FluentBitHealth.metricsPort(forwarder));
    }

    private static DesiredForwarder service(ForwarderKey key, ForwarderManifest forwarder) {
        boolean perNodePort = forwarder.scheduling() == Scheduling.PER_NODE_PORT;
        TaskDefinitionSpec taskDefinition = taskDefinition(key, forwarder, perNodePort);
        ServiceSpec service = new ServiceSpec(forwarder.name(),
                perNodePort ? SchedulingStrategy.REPLICA : SchedulingStrategy.DAEMON,
                null,
                forwarder.placementConstraints(),
                // A fixed host port leaves no room for a second copy on a node: let ECS stop old tasks first
                // (on a one-node cluster the minimum becomes 0 once the node count is known: DeploymentSpec.rollableFor).
                (perNodePort ? new DeploymentSpec(100, 50) : DeploymentSpec.defaults()).withCircuitBreaker(),
                "SERVICE",
                Map.of());
        String hash = ContentHash.of(taskDefinition, service);
        Map<String, String> taskTags = taskTags(forwarder);
        return new DesiredForwarder(key, taskDefinition.withTags(taskTags), withTags(service, workloadTags(key, taskTags, hash)),
                perNodePort, forwarder.adopt(), hash);
    }

    /** The forwarder's tags plus logship's managed-by tag: what its task definition carries. */
    static Map<String, String> taskTags(ForwarderManifest forwarder) {
        Map<String, String> taskTags = new TreeMap<>(forwarder.tags());
        taskTags.put(OwnershipTags.MANAGED_BY, OwnershipTags.MANAGER);
        return taskTags;
    }

    /**
     * The service's or daemon's tags: the task definition's plus the content hash and the forwarder key.
     * The hash labels the workload only: it covers the workload too, and a revision is reused
     * only when its tags match exactly, so a workload-only change must not move the revision's tags.
     */
    static Map<String, String> workloadTags(ForwarderKey key, Map<String, String> taskTags, String hash) {
        Map<String, String> tags = new TreeMap<>(taskTags);
        tags.put(OwnershipTags.CONTENT_HASH, hash);
        tags.put(OwnershipTags.FORWARDER, key.toString());
        return tags;
    }

    static TaskDefinitionSpec taskDefinition(ForwarderKey key, ForwarderManifest forwarder, boolean perNodePort) {
        AgentContainer agent = FluentBitHealth.added(
                FluentBitTelemetry.added(Agent.of(forwarder).container(forwarder), key.cluster(), forwarder), forwarder);
        ContainerSpec container = new ContainerSpec(agent.name(), forwarder.image(), forwarder.cpu(), forwarder.memory(),
                forwarder.memoryReservation(), true, agent.command(), agent.environment(), agent.secrets(),
                perNodePort ? List.of(new PortMapping(forwarder.hostPort(), forwarder.hostPort(), "tcp")) : List.of(),
                agent.mountPoints(), FluentBitHealth.healthCheck(forwarder));
        return new TaskDefinitionSpec(FAMILY_PREFIX + forwarder.name(), agent.networkMode(), List.of("EC2"),
                List.of(container), agent.volumes(), List.of(), Map.of(), forwarder.executionRoleArn(), forwarder.taskRoleArn(), null);
    }

    private static ServiceSpec withTags(ServiceSpec service, Map<String, String> tags) {
        return new ServiceSpec(service.serviceName(), service.schedulingStrategy(), service.desiredCount(),
                service.placementConstraints(), service.deployment(), service.propagateTags(), tags);
    }
}
