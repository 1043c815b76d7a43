package dev.logship.localecs.clusters;

import dev.logship.localecs.daemons.Hosts;
import dev.logship.localecs.http.EcsError;
import dev.logship.localecs.resources.Arns;
import java.util.List;
import java.util.UUID;

/** The clusters' container instances and tasks, as the daemon scheduler sees them. */
public final class DaemonHosts implements Hosts {
    private final EcsState state;
    private final Arns arns;
    private final java.util.function.BiFunction<ClusterState, Long, NodeState> addNode;
    private final long convergenceMillis;
    private final long unhealthyMillis;

    public DaemonHosts(EcsState state, Arns arns, java.util.function.BiFunction<ClusterState, Long, NodeState> addNode,
            long convergenceMillis, long unhealthyMillis) {
        this.unhealthyMillis = unhealthyMillis;
        this.state = state;
        this.arns = arns;
        this.addNode = addNode;
        this.convergenceMillis = convergenceMillis;
    }

    @Override
    public String clusterArn(String nameOrArn, String region) {
        ClusterState cluster = state.clusters.get(Arns.lastSegment(nameOrArn));
        if (cluster == null || !cluster.status.equals("ACTIVE")) {
            throw EcsError.clusterNotFound();
        }
        return cluster.arn;
    }

    @Override
    public List<String> instancesOf(String clusterArn, String capacityProviderName) {
        ClusterState cluster = cluster(clusterArn);
        return cluster == null ? List.of() : cluster.activeNodes().stream()
                .filter(n -> capacityProviderName.equals(n.capacityProviderName)).map(n -> n.arn).toList();
    }

    @Override
    public String startTask(String clusterArn, String instanceArn, String taskDefinitionArn, String group, long now) {
        ClusterState cluster = cluster(clusterArn);
        TaskState task = new TaskState();
        task.arn = arns.task(Arns.region(clusterArn), cluster.name, UUID.randomUUID().toString().replace("-", ""));
        task.taskDefinitionArn = taskDefinitionArn;
        task.containerInstanceArn = instanceArn;
        task.group = group;
        task.createdAtMillis = now;
        cluster.tasks.add(task);
        NodeState node = cluster.nodes.get(instanceArn);
        node.readyAtMillis = Math.max(node.readyAtMillis, now + convergenceMillis);
        return task.arn;
    }

    @Override
    public String taskStatus(String clusterArn, String taskArn, long now) {
        ClusterState cluster = cluster(clusterArn);
        TaskState task = cluster == null ? null : find(cluster, taskArn);
        return task == null ? "STOPPED" : task.lastStatus(now, convergenceMillis);
    }

    @Override
    public boolean failedHealthChecks(String clusterArn, String taskArn, long now) {
        ClusterState cluster = cluster(clusterArn);
        TaskState task = cluster == null ? null : find(cluster, taskArn);
        Long since = task == null ? null : ContainerHealth.unhealthySince(cluster, task, now, convergenceMillis);
        return since != null && now >= since + unhealthyMillis;
    }

    @Override
    public void stopTask(String clusterArn, String taskArn, String stopCode, String reason, long now) {
        ClusterState cluster = cluster(clusterArn);
        TaskState task = cluster == null ? null : find(cluster, taskArn);
        if (task != null && !task.stopped()) {
            task.stop(now, reason, stopCode);
        }
    }

    @Override
    public String replaceInstance(String clusterArn, String instanceArn, long now) {
        ClusterState cluster = cluster(clusterArn);
        NodeState old = cluster.nodes.remove(instanceArn);
        cluster.liveTasks().stream().filter(t -> instanceArn.equals(t.containerInstanceArn))
                .forEach(t -> t.stop(now, "Container instance is being drained."));
        NodeState fresh = addNode.apply(cluster, now);
        fresh.capacityProviderName = old == null ? null : old.capacityProviderName;
        return fresh.arn;
    }

    @Override
    public void setInstanceCount(String clusterArn, String capacityProviderName, int count, long now) {
        ClusterState cluster = cluster(clusterArn);
        List<NodeState> mine = cluster.activeNodes().stream()
                .filter(n -> capacityProviderName.equals(n.capacityProviderName)).toList();
        for (int i = mine.size(); i < count; i++) {
            addNode.apply(cluster, now).capacityProviderName = capacityProviderName;
        }
        for (int i = mine.size() - 1; i >= count; i--) {
            cluster.nodes.remove(mine.get(i).arn);
        }
    }

    private ClusterState cluster(String clusterArn) {
        ClusterState cluster = state.clusters.get(Arns.lastSegment(clusterArn));
        return cluster != null && cluster.arn.equals(clusterArn) ? cluster : null;
    }

    private static TaskState find(ClusterState cluster, String taskArn) {
        return cluster.tasks.stream().filter(t -> t.arn.equals(taskArn)).findFirst().orElse(null);
    }
}
