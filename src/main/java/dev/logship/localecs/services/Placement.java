package dev.logship.localecs.services;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.clusters.ClusterState;
import dev.logship.localecs.clusters.DeploymentState;
import dev.logship.localecs.clusters.NodeState;
import dev.logship.localecs.clusters.ServiceEvent;
import dev.logship.localecs.clusters.ServiceState;
import dev.logship.localecs.clusters.TaskState;
import dev.logship.localecs.resources.Arns;
import dev.logship.localecs.resources.Tags;
import dev.logship.localecs.taskdefs.TaskDefinitionFiller;
import dev.logship.localecs.taskdefs.TaskDefinitions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Places a deployment's missing tasks on ACTIVE nodes as ECS does for EC2: DAEMON one per
 * node, REPLICA spread by fewest tasks, and never two tasks holding the same fixed host port
 * on one node. When nothing fits, says why in ECS's own service event words.
 */
public final class Placement {
    private final TaskDefinitions taskDefinitions;
    private final Arns arns;
    private final Tags tags;

    public Placement(TaskDefinitions taskDefinitions, Arns arns, Tags tags) {
        this.taskDefinitions = taskDefinitions;
        this.arns = arns;
        this.tags = tags;
    }

    int place(ClusterState cluster, ServiceState service, DeploymentState primary, int desired, long now) {
        JsonNode td = taskDefinitions.findOrNull(primary.taskDefinition);
        Set<Integer> ports = td == null ? Set.of() : TaskDefinitionFiller.fixedHostPorts(td);
        boolean distinct = hasDistinctInstanceConstraint(service);
        List<TaskState> started = new ArrayList<>();
        while (cluster.tasksOf(service.name, primary.id).size() < desired) {
            NodeState node = chooseNode(cluster, service, primary, ports, distinct, now);
            if (node == null) {
                service.event(UUID.randomUUID().toString(), now, unplaceableMessage(cluster, service, ports));
                break;
            }
            // A DAEMON deployment replaces the old task on each node; a REPLICA one only within its
            // deployment percentages (RollingUpdate, before placing), so an old task keeps its port.
            for (TaskState old : service.daemon() ? cluster.tasksOf(service.name) : List.<TaskState>of()) {
                if (!old.deploymentId.equals(primary.id) && old.containerInstanceArn.equals(node.arn)) {
                    old.stop(now, "Task replaced by (deployment " + primary.id + ")");
                }
            }
            started.add(start(cluster, service, primary, node, ports, now));
        }
        if (!started.isEmpty()) {
            service.steady = false;
            service.event(UUID.randomUUID().toString(), now, "(service " + service.name + ") has started "
                    + started.size() + " tasks: " + ServiceEvent.taskList(started) + ".");
        }
        return started.size();
    }

    /** Prefers the node with fewest tasks of this service, then fewest tasks overall (ECS's spread). */
    private NodeState chooseNode(ClusterState cluster, ServiceState service, DeploymentState primary,
            Set<Integer> ports, boolean distinct, long now) {
        NodeState best = null;
        long bestScore = Long.MAX_VALUE;
        for (NodeState node : cluster.activeNodes()) {
            List<TaskState> here = cluster.liveTasks().stream().filter(t -> node.arn.equals(t.containerInstanceArn)).toList();
            long sameDeployment = here.stream().filter(t -> primary.id.equals(t.deploymentId)).count();
            boolean portTaken = here.stream().filter(t -> !sameServiceOldDeployment(t, service, primary))
                    .anyMatch(t -> t.hostPorts.stream().anyMatch(ports::contains));
            boolean daemonStarting = now < node.readyAtMillis; // ECS starts an instance's daemon task first
            if (!node.agentConnected) {
                continue; // ECS places nothing on an instance whose agent is disconnected
            }
            if (portTaken || daemonStarting || ((service.daemon() || distinct) && sameDeployment > 0)) {
                continue;
            }
            long score = sameDeployment * 10_000 + here.size();
            if (score < bestScore) {
                best = node;
                bestScore = score;
            }
        }
        return best;
    }

    /** Only a DAEMON deployment may take the node of its own old task (it stops that task as it starts). */
    private static boolean sameServiceOldDeployment(TaskState t, ServiceState service, DeploymentState primary) {
        return service.daemon() && service.name.equals(t.serviceName) && !primary.id.equals(t.deploymentId);
    }

    private String unplaceableMessage(ClusterState cluster, ServiceState service, Set<Integer> ports) {
        String prefix = "(service " + service.name + ") was unable to place a task because no container instance met all of its requirements.";
        List<NodeState> active = cluster.activeNodes();
        if (active.isEmpty()) {
            return prefix + " Reason: No Container Instances were found in your cluster. For more information, see the Troubleshooting section.";
        }
        if (!ports.isEmpty()) {
            return prefix + " The closest matching (container-instance " + active.get(0).id
                    + ") is already using a port required by your task. For more information, see the Troubleshooting section.";
        }
        return prefix + " The closest matching (container-instance " + active.get(0).id
                + ") encountered error \"distinctInstance\" placement constraint unsatisfied. For more information, see the Troubleshooting section.";
    }

    private TaskState start(ClusterState cluster, ServiceState service, DeploymentState primary, NodeState node,
            Set<Integer> ports, long now) {
        TaskState task = new TaskState();
        String id = UUID.randomUUID().toString().replace("-", "");
        task.arn = arns.task(Arns.region(cluster.arn), cluster.name, id);
        task.taskDefinitionArn = primary.taskDefinition;
        task.containerInstanceArn = node.arn;
        task.serviceName = service.name;
        task.deploymentId = primary.id;
        task.createdAtMillis = now;
        task.hostPorts = new ArrayList<>(ports);
        cluster.tasks.add(task);
        tags.set(task.arn, taskTags(cluster, service, primary));
        return task;
    }

    /** Tags ECS puts on a service's task: managed ones if enabled, plus the propagated source's. */
    private Map<String, String> taskTags(ClusterState cluster, ServiceState service, DeploymentState primary) {
        Map<String, String> out = new LinkedHashMap<>();
        if (service.enableECSManagedTags) {
            out.put("aws:ecs:clusterName", cluster.name);
            out.put("aws:ecs:serviceName", service.name);
        }
        if (service.propagateTags.equals("SERVICE")) {
            out.putAll(tags.of(service.arn));
        } else if (service.propagateTags.equals("TASK_DEFINITION")) {
            out.putAll(tags.of(primary.taskDefinition));
        }
        return out;
    }

    private static boolean hasDistinctInstanceConstraint(ServiceState service) {
        for (JsonNode c : service.placementConstraints) {
            if ("distinctInstance".equals(c.path("type").asText())) {
                return true;
            }
        }
        return false;
    }
}
