package dev.logship.aws;

import static dev.logship.aws.AwsEcsGateway.call;

import dev.logship.model.LiveCluster;
import dev.logship.model.LiveService;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.sync.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;

/**
 * Observes one cluster with the fewest calls: ListContainerInstances (status ACTIVE, 100 per
 * page: the exact ACTIVE node count, and whether the cluster exists; DescribeClusters'
 * registered count would include DRAINING nodes), ListServices (100 per page),
 * DescribeServices (10 per call, with tags), and DescribeTaskDefinition only for revisions
 * the cache has not seen.
 */
final class ClusterObserver {
    private final EcsClient ecs;
    private final String cluster;
    private final Function<String, TaskDefinitionSpec> describe;

    ClusterObserver(EcsClient ecs, String cluster, Function<String, TaskDefinitionSpec> describe) {
        this.ecs = ecs;
        this.cluster = cluster;
        this.describe = describe;
    }

    LiveCluster observe() {
        int nodes;
        try {
            nodes = call("ListContainerInstances", () -> ecs.listContainerInstancesPaginator(r -> r.cluster(cluster)
                    .status(ContainerInstanceStatus.ACTIVE).maxResults(100)).containerInstanceArns().stream().count()).intValue();
        } catch (GatewayException e) {
            if (e.getCause() instanceof ClusterNotFoundException) {
                return new LiveCluster(cluster, false, 0, List.of());
            }
            throw e;
        }
        List<String> arns = call("ListServices", () -> ecs.listServicesPaginator(r -> r.cluster(cluster).maxResults(100))
                .serviceArns().stream().toList());
        List<LiveService> services = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 10) {
            List<String> chunk = arns.subList(i, Math.min(arns.size(), i + 10));
            DescribeServicesResponse described = call("DescribeServices", () -> ecs.describeServices(r -> r.cluster(cluster)
                    .services(chunk).include(ServiceField.TAGS)));
            for (Service s : described.services()) {
                if ("ACTIVE".equals(s.status())) {
                    services.add(ServiceMapper.toLive(s, resolvedTaskDefinition(s.taskDefinition())));
                }
            }
        }
        return new LiveCluster(cluster, true, nodes, services);
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
