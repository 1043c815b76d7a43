package dev.logship.render;

import dev.logship.manifest.ForwarderManifest;
import dev.logship.manifest.Scheduling;
import dev.logship.model.ContainerSpec;
import dev.logship.model.DeploymentSpec;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.ForwarderKey;
import dev.logship.model.MountPoint;
import dev.logship.model.OwnershipTags;
import dev.logship.model.PortMapping;
import dev.logship.model.SchedulingStrategy;
import dev.logship.model.ServiceSpec;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.model.Volume;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One forwarder on one cluster, as ECS will hold it. The task definition carries nothing of
 * the cluster, so every cluster running a forwarder shares its family and revision; the
 * service carries the cluster in its {@code logship.dev/forwarder} tag.
 */
final class ForwarderRenderer {
    static final String CONTAINER = "logspout";
    static final String FAMILY_PREFIX = "logship-";
    static final String SOCKET_VOLUME = "dockersock";
    static final String HOSTNAME_VOLUME = "hostname";
    /** Where logspout's Docker client looks (DOCKER_HOST default unix:///var/run/docker.sock). */
    static final String SOCKET_IN_CONTAINER = "/var/run/docker.sock";
    /** logspout's syslog adapter reports the node's name when the host's /etc/hostname is mounted here. */
    static final String HOSTNAME_IN_CONTAINER = "/etc/host_hostname";

    private ForwarderRenderer() {}

    static DesiredForwarder render(ForwarderKey key, ForwarderManifest forwarder) {
        boolean perNodePort = forwarder.scheduling() == Scheduling.PER_NODE_PORT;
        TaskDefinitionSpec taskDefinition = taskDefinition(forwarder, perNodePort);
        ServiceSpec service = new ServiceSpec(forwarder.name(),
                perNodePort ? SchedulingStrategy.REPLICA : SchedulingStrategy.DAEMON,
                null,
                forwarder.placementConstraints(),
                // A fixed host port leaves no room for a second copy on a node: let ECS stop old tasks first.
                perNodePort ? new DeploymentSpec(100, 50) : DeploymentSpec.defaults(),
                "SERVICE",
                Map.of());
        String hash = ContentHash.of(taskDefinition, service);
        Map<String, String> taskTags = new TreeMap<>(forwarder.tags());
        taskTags.put(OwnershipTags.MANAGED_BY, OwnershipTags.MANAGER);
        // The hash labels the service only: it covers the service too, and a revision is reused
        // only when its tags match exactly, so a service-only change must not move the revision's tags.
        Map<String, String> serviceTags = new TreeMap<>(taskTags);
        serviceTags.put(OwnershipTags.CONTENT_HASH, hash);
        serviceTags.put(OwnershipTags.FORWARDER, key.toString());
        return new DesiredForwarder(key, taskDefinition.withTags(taskTags), withTags(service, serviceTags),
                perNodePort, forwarder.adopt(), hash);
    }

    private static TaskDefinitionSpec taskDefinition(ForwarderManifest forwarder, boolean perNodePort) {
        ContainerSpec container = new ContainerSpec(CONTAINER, forwarder.image(), forwarder.cpu(), forwarder.memory(),
                forwarder.memoryReservation(), true,
                forwarder.routes().isEmpty() ? List.of() : List.of(String.join(",", forwarder.routes())),
                LogspoutEnvironment.of(forwarder),
                forwarder.routeSecret() == null ? Map.of()
                        : Map.of(LogspoutEnvironment.ROUTE_URIS, forwarder.routeSecret().valueFrom()),
                perNodePort ? List.of(new PortMapping(forwarder.hostPort(), forwarder.hostPort(), "tcp")) : List.of(),
                List.of(new MountPoint(SOCKET_VOLUME, SOCKET_IN_CONTAINER, false),
                        new MountPoint(HOSTNAME_VOLUME, HOSTNAME_IN_CONTAINER, true)),
                null);
        return new TaskDefinitionSpec(FAMILY_PREFIX + forwarder.name(), "bridge", List.of("EC2"), List.of(container),
                List.of(new Volume(SOCKET_VOLUME, forwarder.dockerSocket()), new Volume(HOSTNAME_VOLUME, "/etc/hostname")),
                List.of(), Map.of(), forwarder.executionRoleArn());
    }

    private static ServiceSpec withTags(ServiceSpec service, Map<String, String> tags) {
        return new ServiceSpec(service.serviceName(), service.schedulingStrategy(), service.desiredCount(),
                service.placementConstraints(), service.deployment(), service.propagateTags(), tags);
    }
}
