package dev.logship.aws;

import static dev.logship.aws.AwsEcsGateway.call;

import dev.logship.model.LiveCluster;
import dev.logship.model.LiveNode;
import dev.logship.model.LiveService;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.sync.GatewayException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;

/**
 * Observes one cluster with the fewest calls: ListServices (100 per page, always: a cluster's
 * service counts are eventually consistent, so only a listing says which services exist), DescribeServices
 * (10 per call, with tags), DescribeTaskDefinition only for revisions the cache has not seen,
 * and for existence and nodes either its share of a batched DescribeClusters ({@link
 * ClusterDescriptions}: the registered count, ACTIVE + DRAINING) or, when the exact ACTIVE
 * count is needed (a perNodePort forwarder's desiredCount must equal its placeable nodes),
 * ListContainerInstances (status ACTIVE, 100 per page), which answers existence as well, and
 * DescribeContainerInstances (100 per call) for agent connection and attributes.
 */
final class ClusterObserver {
    private final EcsClient ecs;
    private final String cluster;
    private final ClusterDescriptions descriptions;
    private final Function<String, TaskDefinitionSpec> describe;
    private boolean nodeOfProvider;
    private List<LiveNode> listed;

    ClusterObserver(EcsClient ecs, String cluster, ClusterDescriptions descriptions, Function<String, TaskDefinitionSpec> describe) {
        this.ecs = ecs;
        this.cluster = cluster;
        this.descriptions = descriptions;
        this.describe = describe;
    }

    LiveCluster observe(boolean exactActiveNodes) {
        int nodes;
        boolean managedInstances;
        List<LiveNode> nodeDetail = null;
        if (exactActiveNodes) {
            try {
                nodeDetail = nodesOnce(); // also tells whether the cluster exists
                nodes = nodeDetail.size();
                // Without a cluster description, a node of a capacity provider says managed daemons may run here.
                managedInstances = nodeOfProvider;
            } catch (GatewayException e) {
                if (e.getCause() instanceof ClusterNotFoundException) {
                    return new LiveCluster(cluster, false, 0, List.of());
                }
                throw e;
            }
        } else {
            ClusterDescriptions.Description description = descriptions.take(cluster);
            if (!description.exists()) {
                return new LiveCluster(cluster, false, 0, List.of());
            }
            nodes = description.registeredNodes();
            managedInstances = description.capacityProviders();
        }
        Described all = describeAll(call("ListServices", () -> ecs.listServicesPaginator(
                r -> r.cluster(cluster).maxResults(100)).serviceArns().stream().toList()), true);
        return new LiveCluster(cluster, true, nodes, all.services(), all.revisionsInUse(), nodeDetail)
                .withManagedInstances(managedInstances);
    }

    /**
     * The ACTIVE ones of these services (names or ARNs), 10 per DescribeServices, with their revisions
     * resolved; not their tasks: this re-read follows a change, while ECS is still placing them.
     */
    List<LiveService> describe(List<String> arns) {
        return describeAll(arns, false).services();
    }

    /** ACTIVE services, and the revisions every deployment of every described service (logship's or not) runs. */
    private record Described(List<LiveService> services, Set<String> revisionsInUse) {}

    private Described describeAll(List<String> arns, boolean withTasks) {
        List<LiveService> services = new ArrayList<>();
        Set<String> inUse = new HashSet<>();
        TaskObserver tasks = new TaskObserver(ecs, cluster, this::nodesOnce);
        for (int i = 0; i < arns.size(); i += 10) {
            List<String> chunk = arns.subList(i, Math.min(arns.size(), i + 10));
            DescribeServicesResponse described = call("DescribeServices", () -> ecs.describeServices(r -> r.cluster(cluster)
                    .services(chunk).include(ServiceField.TAGS)));
            for (Service s : described.services()) {
                inUse.addAll(ServiceMapper.deployedRevisions(s)); // draining deployments of any service too
                if ("ACTIVE".equals(s.status())) {
                    LiveService live = ServiceMapper.toLive(s, resolvedTaskDefinition(s.taskDefinition()));
                    services.add(withTasks ? tasks.observed(live) : live);
                }
            }
        }
        return new Described(services, inUse);
    }

    /** The ACTIVE nodes in detail, listed at most once per observation (the task observer names uncovered ones). */
    private List<LiveNode> nodesOnce() {
        if (listed == null) {
            listed = activeNodes();
        }
        return listed;
    }

    /**
     * ListContainerInstances (ACTIVE, 100 per page), then DescribeContainerInstances (100 per
     * call) for each node's agent connection and attributes: a perNodePort forwarder runs on the
     * connected nodes that satisfy its placement constraints, no more.
     */
    private List<LiveNode> activeNodes() {
        List<String> arns = call("ListContainerInstances", () -> ecs.listContainerInstancesPaginator(r -> r.cluster(cluster)
                .status(ContainerInstanceStatus.ACTIVE).maxResults(100)).containerInstanceArns().stream().toList());
        List<LiveNode> nodes = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> chunk = arns.subList(i, Math.min(arns.size(), i + 100));
            DescribeContainerInstancesResponse described = call("DescribeContainerInstances",
                    () -> ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(chunk)));
            for (ContainerInstance node : described.containerInstances()) {
                Map<String, String> attributes = new HashMap<>();
                node.attributes().forEach(a -> attributes.put(a.name(), a.value() == null ? "" : a.value()));
                nodeOfProvider |= node.capacityProviderName() != null;
                nodes.add(new LiveNode(node.containerInstanceArn(), Boolean.TRUE.equals(node.agentConnected()), attributes,
                        node.ec2InstanceId()));
            }
        }
        return nodes;
    }

    /**
     * The service's revision, or null when ECS says it cannot be described: the diff then
     * shows it and apply moves the service to the desired revision. Transient failures still
     * fail the observation, so nothing is decided on a partial view.
     */
    private TaskDefinitionSpec resolvedTaskDefinition(String arn) {
        try {
            return arn == null ? null : describe.apply(arn);
        } catch (GatewayException e) {
            if ("ClientException".equals(e.errorCode())) {
                return null;
            }
            throw e;
        }
    }
}
