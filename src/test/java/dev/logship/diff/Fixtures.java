package dev.logship.diff;

import dev.logship.model.ClusterTarget;
import dev.logship.model.ContainerSpec;
import dev.logship.model.DeploymentSpec;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.ForwarderKey;
import dev.logship.model.LiveCluster;
import dev.logship.model.LiveService;
import dev.logship.model.MountPoint;
import dev.logship.model.OwnershipTags;
import dev.logship.model.PlacementConstraint;
import dev.logship.model.PortMapping;
import dev.logship.model.SchedulingStrategy;
import dev.logship.model.ServiceSpec;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.model.Volume;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Desired forwarders shaped as the renderer makes them, and live services shaped as ECS reports them. */
final class Fixtures {
    static final String ROUTE = "syslog+tls://logs7.papertrailapp.com:51234";

    private Fixtures() {}

    static ClusterTarget target(boolean prune, boolean allowEmpty) {
        return new ClusterTarget("prod", "prod-ecs", "eu-west-1", null, prune, allowEmpty, false);
    }

    static ContainerSpec container(List<PortMapping> ports) {
        return new ContainerSpec("logspout", "gliderlabs/logspout:v3.2.14", 0, 128, null, true, List.of(ROUTE),
                Map.of("SYSLOG_HOSTNAME", "{{.Container.Config.Hostname}}", "BACKLOG", "false"), Map.of(), ports,
                List.of(new MountPoint("dockersock", "/var/run/docker.sock", false),
                        new MountPoint("hostname", "/etc/host_hostname", true)),
                null);
    }

    static TaskDefinitionSpec taskDefinition(String networkMode, ContainerSpec container) {
        return new TaskDefinitionSpec("logship-papertrail", networkMode, List.of("EC2"), List.of(container),
                List.of(new Volume("dockersock", "/var/run/docker.sock"), new Volume("hostname", "/etc/hostname")),
                List.of(), Map.of(OwnershipTags.MANAGED_BY, OwnershipTags.MANAGER, OwnershipTags.CONTENT_HASH, "abc123"));
    }

    static Map<String, String> serviceTags(String forwarder) {
        Map<String, String> tags = new TreeMap<>();
        tags.put(OwnershipTags.MANAGED_BY, OwnershipTags.MANAGER);
        tags.put(OwnershipTags.FORWARDER, "prod/" + forwarder);
        tags.put(OwnershipTags.CONTENT_HASH, "abc123");
        tags.put("team", "platform");
        return tags;
    }

    static DesiredForwarder daemon(String name) {
        ServiceSpec service = new ServiceSpec(name, SchedulingStrategy.DAEMON, null,
                List.of(new PlacementConstraint("memberOf", "attribute:ecs.os-type == linux")),
                DeploymentSpec.defaults(), "SERVICE", serviceTags(name));
        return new DesiredForwarder(new ForwarderKey("prod", name), taskDefinition(null, container(List.of())), service,
                false, false, "abc123");
    }

    static DesiredForwarder perNodePort(String name) {
        ServiceSpec service = new ServiceSpec(name, SchedulingStrategy.REPLICA, null, List.of(),
                DeploymentSpec.defaults(), null, serviceTags(name));
        TaskDefinitionSpec td = taskDefinition(null, container(List.of(new PortMapping(1234, 1234, null))));
        return new DesiredForwarder(new ForwarderKey("prod", name), td, service, true, false, "abc123");
    }

    /** What ECS reports for a service created from {@code desired}'s spec, defaults filled in. */
    static LiveService live(DesiredForwarder desired, TaskDefinitionSpec td, int desiredCount, DeploymentSpec deployment) {
        ServiceSpec s = desired.service();
        return new LiveService("arn:aws:ecs:eu-west-1:123456789012:service/prod-ecs/" + s.serviceName(),
                s.serviceName(), "ACTIVE", s.schedulingStrategy(), desiredCount, desiredCount, 0,
                "arn:aws:ecs:eu-west-1:123456789012:task-definition/" + td.family() + ":1", td,
                s.placementConstraints(), deployment, s.propagateTags() == null ? "NONE" : s.propagateTags(), s.tags(),
                "COMPLETED", null);
    }

    static LiveService live(DesiredForwarder desired) {
        boolean daemon = desired.service().schedulingStrategy() == SchedulingStrategy.DAEMON;
        return live(desired, desired.taskDefinition(), daemon ? 3 : 3,
                daemon ? new DeploymentSpec(100, 0) : new DeploymentSpec(200, 100));
    }

    static DesiredCluster cluster(ClusterTarget target, DesiredForwarder... forwarders) {
        return new DesiredCluster(target, List.of(forwarders));
    }

    static LiveCluster liveCluster(LiveService... services) {
        return new LiveCluster("prod-ecs", true, 3, List.of(services));
    }
}
