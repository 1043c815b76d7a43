package dev.logship.aws;

import static dev.logship.aws.AwsEcsGateway.call;

import dev.logship.delivery.ScrapeTarget;
import dev.logship.delivery.ScrapeTargets;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.DesiredState;
import dev.logship.sync.GatewayException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The nodes that run each forwarder's task, with the address Prometheus scrapes there. Per cluster
 * of the commit in force: ListTasks per forwarder service or managed daemon ({@code daemonName};
 * RUNNING, 100 per page), DescribeTasks (100 per call), DescribeContainerInstances (100 per call)
 * for their nodes. ECS does not tell a node's IP address, so each node carries it as the container instance
 * attribute {@value #ADDRESS} (the agent's {@code ECS_INSTANCE_ATTRIBUTES}, set from the instance
 * metadata at boot), as {@code host}; the port is the forwarder's own ({@link ScrapeAddress}). A
 * node without it is left out. Only forwarders whose task renders a metrics port are listed (and
 * read): logspout, or Fluent Bit without {@code spec.prometheusMetrics}, serves nothing to scrape,
 * and listing it would show Prometheus a target that is always down. A cluster whose calls fail
 * keeps its last targets.
 */
final class EcsScrapeTargets implements ScrapeTargets {
    static final String ADDRESS = "logship.dev/scrape-address";

    private final EcsClients clients;
    private final Supplier<DesiredState> desired;
    private final Map<String, List<ScrapeTarget>> last = new ConcurrentHashMap<>();

    EcsScrapeTargets(EcsClients clients, Supplier<DesiredState> desired) {
        this.clients = clients;
        this.desired = desired;
    }

    @Override
    public Listing targets() {
        DesiredState state = desired.get();
        if (state == null) {
            return new Listing(0, List.of());
        }
        List<ScrapeTarget> all = new ArrayList<>();
        for (DesiredCluster cluster : state.clusters()) {
            String name = cluster.target().name();
            try {
                last.put(name, cluster(cluster));
            } catch (GatewayException e) {
                org.slf4j.LoggerFactory.getLogger(EcsScrapeTargets.class).debug("scrape targets of {} kept: {}", name, e.getMessage());
            }
            all.addAll(last.getOrDefault(name, List.of()));
        }
        last.keySet().retainAll(state.clusters().stream().map(c -> c.target().name()).toList());
        return new Listing(state.clusters().size(), all);
    }

    private List<ScrapeTarget> cluster(DesiredCluster cluster) {
        EcsClient ecs = clients.client(cluster.target().roleArn(), cluster.target().region());
        String ecsCluster = cluster.target().clusterName();
        // Per service or managed daemon, so a cluster's application tasks are never listed.
        Map<String, DesiredForwarder> forwarderByTask = new HashMap<>();
        for (DesiredForwarder f : cluster.forwarders()) {
            if (f.metricsPort() == 0) {
                continue;
            }
            Consumer<ListTasksRequest.Builder> workload = f.workload().<Consumer<ListTasksRequest.Builder>>match(
                    s -> r -> r.serviceName(s.serviceName()), d -> r -> r.daemonName(d.daemonName()));
            call("ListTasks", () -> ecs.listTasksPaginator(r -> workload.accept(r.cluster(ecsCluster)
                    .desiredStatus(DesiredStatus.RUNNING).maxResults(100))).taskArns().stream().toList())
                    .forEach(arn -> forwarderByTask.put(arn, f));
        }
        List<String> arns = List.copyOf(forwarderByTask.keySet());
        Map<String, List<DesiredForwarder>> forwardersByNode = new HashMap<>();
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> chunk = arns.subList(i, Math.min(arns.size(), i + 100));
            for (Task t : call("DescribeTasks", () -> ecs.describeTasks(r -> r.cluster(ecsCluster).tasks(chunk))).tasks()) {
                DesiredForwarder forwarder = forwarderByTask.get(t.taskArn());
                if (forwarder != null && "RUNNING".equals(t.lastStatus()) && t.containerInstanceArn() != null) {
                    forwardersByNode.computeIfAbsent(t.containerInstanceArn(), n -> new ArrayList<>()).add(forwarder);
                }
            }
        }
        List<String> nodes = List.copyOf(forwardersByNode.keySet());
        List<ScrapeTarget> targets = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i += 100) {
            List<String> chunk = nodes.subList(i, Math.min(nodes.size(), i + 100));
            for (ContainerInstance node : call("DescribeContainerInstances", () -> ecs.describeContainerInstances(
                    r -> r.cluster(ecsCluster).containerInstances(chunk))).containerInstances()) {
                String address = node.attributes().stream().filter(a -> ADDRESS.equals(a.name()) && a.value() != null)
                        .map(Attribute::value).findFirst().orElse(null);
                String id = node.ec2InstanceId() != null ? node.ec2InstanceId()
                        : node.containerInstanceArn().substring(node.containerInstanceArn().lastIndexOf('/') + 1);
                if (address != null) {
                    forwardersByNode.getOrDefault(node.containerInstanceArn(), List.of()).forEach(f -> targets.add(new ScrapeTarget(
                            cluster.target().name(), f.key().forwarder(), id, ScrapeAddress.of(address, f.metricsPort()))));
                }
            }
        }
        return targets;
    }
}
