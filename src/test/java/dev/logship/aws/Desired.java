package dev.logship.aws;

import dev.logship.model.ClusterTarget;
import dev.logship.model.ContainerSpec;
import dev.logship.model.DeploymentSpec;
import dev.logship.model.DesiredCluster;
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

/** Desired clusters built by hand the way the renderer shapes them (family logship-NAME, ownership tags). */
final class Desired {
    static final String ROUTE = "syslog+tls://logs3.papertrailapp.com:12345";

    private Desired() {}

    static ClusterTarget target(String name, boolean allowEmpty) {
        return new ClusterTarget(name, name + "-ecs", "us-east-1", null, true, allowEmpty, false);
    }

    static DesiredForwarder forwarder(String cluster, String name, String image, boolean perNodePort) {
        ContainerSpec container = new ContainerSpec("logspout", image, 32, 128, null, true, List.of(ROUTE),
                Map.of("EXCLUDE_LABELS", "com.amazonaws.ecs.container-name:ecs-agent"), Map.of(),
                perNodePort ? List.of(new PortMapping(1234, 1234, "tcp")) : List.of(),
                List.of(new MountPoint("dockersock", "/var/run/docker.sock", false),
                        new MountPoint("hostname", "/etc/host_hostname", true)), null);
        String hash = Integer.toHexString((image + perNodePort).hashCode());
        Map<String, String> tdTags = new TreeMap<>(Map.of(OwnershipTags.MANAGED_BY, OwnershipTags.MANAGER, "team", "platform"));
        TaskDefinitionSpec td = new TaskDefinitionSpec("logship-" + name, "bridge", List.of("EC2"), List.of(container),
                List.of(new Volume("dockersock", "/var/run/docker.sock"), new Volume("hostname", "/etc/hostname")),
                List.of(), tdTags);
        Map<String, String> serviceTags = new TreeMap<>(tdTags);
        serviceTags.put(OwnershipTags.FORWARDER, cluster + "/" + name);
        serviceTags.put(OwnershipTags.CONTENT_HASH, hash);
        ServiceSpec service = new ServiceSpec(name, perNodePort ? SchedulingStrategy.REPLICA : SchedulingStrategy.DAEMON,
                null, List.of(), perNodePort ? new DeploymentSpec(100, 50) : DeploymentSpec.defaults(), "SERVICE", serviceTags);
        return new DesiredForwarder(new ForwarderKey(cluster, name), td, service, perNodePort, false, hash);
    }

    static DesiredForwarder daemon(String cluster, String name) {
        return forwarder(cluster, name, "gliderlabs/logspout:v3.2.14", false);
    }

    static DesiredForwarder perNodePort(String cluster, String name) {
        return forwarder(cluster, name, "gliderlabs/logspout:v3.2.14", true);
    }

    static DesiredCluster cluster(ClusterTarget target, DesiredForwarder... forwarders) {
        return new DesiredCluster(target, List.of(forwarders));
    }

    static DesiredForwarder adopting(DesiredForwarder f) {
        return new DesiredForwarder(f.key(), f.taskDefinition(), f.service(), f.perNodePort(), true, f.contentHash());
    }
}
