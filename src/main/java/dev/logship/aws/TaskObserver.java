package dev.logship.aws;

import static dev.logship.aws.AwsEcsGateway.call;

import dev.logship.model.LiveNode;
import dev.logship.model.LiveService;
import dev.logship.model.LiveTasks;
import dev.logship.model.NodeName;
import dev.logship.model.NodeSelection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A service's RUNNING tasks, only where they tell something the service does not: a task
 * definition with a container health check (ECS's {@code healthStatus} per task), or fewer tasks
 * running than desired (which nodes go without). ListTasks (100 per page) and DescribeTasks (100
 * per call); a service that runs all its tasks without a health check costs no call, so a steady
 * fleet observes as before.
 */
final class TaskObserver {
    private final EcsClient ecs;
    private final String cluster;
    private final Supplier<List<LiveNode>> nodes;

    /** {@code nodes}: the cluster's ACTIVE nodes in detail, asked for only when a service runs short. */
    TaskObserver(EcsClient ecs, String cluster, Supplier<List<LiveNode>> nodes) {
        this.ecs = ecs;
        this.cluster = cluster;
        this.nodes = nodes;
    }

    static boolean worthObserving(LiveService s) {
        return s.healthChecked() || s.runningCount() < s.desiredCount();
    }

    LiveService observed(LiveService s) {
        if (!worthObserving(s)) {
            return s;
        }
        List<String> arns = call("ListTasks", () -> ecs.listTasksPaginator(r -> r.cluster(cluster).serviceName(s.serviceName())
                .desiredStatus(DesiredStatus.RUNNING).maxResults(100)).taskArns().stream().toList());
        int healthy = 0;
        int unhealthy = 0;
        int unknown = 0;
        Set<String> hosting = new HashSet<>();
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> chunk = arns.subList(i, Math.min(arns.size(), i + 100));
            for (Task t : call("DescribeTasks", () -> ecs.describeTasks(r -> r.cluster(cluster).tasks(chunk))).tasks()) {
                if (!"RUNNING".equals(t.lastStatus())) {
                    continue;
                }
                hosting.add(t.containerInstanceArn());
                switch (t.healthStatusAsString() == null ? "UNKNOWN" : t.healthStatusAsString()) {
                    case "HEALTHY" -> healthy++;
                    case "UNHEALTHY" -> unhealthy++;
                    default -> unknown++;
                }
            }
        }
        List<NodeName> uncovered = new ArrayList<>();
        if (s.runningCount() < s.desiredCount()) {
            for (LiveNode node : NodeSelection.matching(nodes.get(), s.placementConstraints())) {
                if (!hosting.contains(node.arn())) {
                    uncovered.add(new NodeName(node.arn(), node.ec2InstanceId(), node.agentConnected()));
                }
            }
        }
        return s.withTasks(new LiveTasks(healthy, unhealthy, unknown, uncovered));
    }
}
