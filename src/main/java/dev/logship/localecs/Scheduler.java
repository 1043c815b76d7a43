package dev.logship.localecs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A small ECS service scheduler, run before every call. DAEMON services get one task per
 * ACTIVE node; REPLICA services spread desiredCount tasks over ACTIVE nodes, never putting
 * two tasks that need the same fixed host port on one node. A new deployment replaces the
 * old one's tasks; it completes once all of its tasks are RUNNING.
 */
final class Scheduler {
    private static final int KEEP_STOPPED = 200;
    private final EcsState state;
    private final TaskDefinitions taskDefinitions;
    private final Arns arns;
    private final long convergenceMillis;

    Scheduler(EcsState state, TaskDefinitions taskDefinitions, Arns arns, long convergenceMillis) {
        this.state = state;
        this.taskDefinitions = taskDefinitions;
        this.arns = arns;
        this.convergenceMillis = convergenceMillis;
    }

    /** Brings every cluster's tasks towards what its services want; true when anything changed. */
    boolean settle(long now) {
        boolean changed = false;
        for (ClusterState cluster : state.clusters.values()) {
            changed |= stopTasksOnLostNodes(cluster, now);
            for (ServiceState service : cluster.services.values()) {
                if (!service.status.equals("INACTIVE")) {
                    changed |= settle(cluster, service, now);
                }
            }
            trimStopped(cluster);
        }
        return changed;
    }

    private boolean stopTasksOnLostNodes(ClusterState cluster, long now) {
        boolean changed = false;
        for (TaskState task : cluster.liveTasks()) {
            NodeState node = cluster.nodes.get(task.containerInstanceArn);
            if (node == null) {
                task.stop(now, "Host EC2 instance terminated or deregistered.");
                changed = true;
            } else if (!node.status.equals("ACTIVE") && task.serviceName != null) {
                task.stop(now, "Container instance is being drained.");
                changed = true;
            }
        }
        return changed;
    }

    private boolean settle(ClusterState cluster, ServiceState service, long now) {
        DeploymentState primary = service.primary();
        List<NodeState> active = cluster.activeNodes();
        int desired = service.status.equals("DRAINING") ? 0 : service.daemon() ? active.size() : service.desiredCount;
        if (service.daemon() && service.status.equals("ACTIVE")) {
            service.desiredCount = desired;
        }
        boolean changed = scaleDown(cluster, service, primary, desired, now);
        int placed = place(cluster, service, primary, desired, now);
        changed |= placed > 0;
        List<TaskState> mine = tasksOf(cluster, service, primary.id);
        boolean allRunning = mine.size() == desired && mine.stream().allMatch(t -> t.running(now, convergenceMillis));
        if (allRunning) {
            changed |= retireOldDeployments(cluster, service, now);
            if (primary.rolloutState.equals("IN_PROGRESS")) {
                primary.rolloutState = "COMPLETED";
                primary.rolloutStateReason = "ECS deployment " + primary.id + " completed.";
                primary.updatedAtMillis = now;
                service.event(UUID.randomUUID().toString(), now,
                        "(service " + service.name + ") (deployment " + primary.id + ") deployment completed.");
                changed = true;
            }
            if (!service.steady && service.status.equals("ACTIVE")) {
                service.event(UUID.randomUUID().toString(), now, "(service " + service.name + ") has reached a steady state.");
                service.steady = true;
                changed = true;
            }
        } else if (service.steady) {
            service.steady = false;
            changed = true;
        }
        if (service.status.equals("DRAINING") && liveTasksOf(cluster, service).isEmpty()) {
            service.status = "INACTIVE";
            changed = true;
        }
        return changed;
    }

    private boolean scaleDown(ClusterState cluster, ServiceState service, DeploymentState primary, int desired, long now) {
        List<TaskState> mine = new ArrayList<>(tasksOf(cluster, service, primary.id));
        List<TaskState> stopped = new ArrayList<>();
        if (service.daemon()) {
            List<String> seen = new ArrayList<>();
            for (TaskState t : mine) {
                if (seen.contains(t.containerInstanceArn)) {
                    stopped.add(t);
                }
                seen.add(t.containerInstanceArn);
            }
            mine.removeAll(stopped);
        }
        mine.sort(Comparator.comparingLong((TaskState t) -> t.createdAtMillis).reversed());
        while (mine.size() > desired) {
            stopped.add(mine.remove(0));
        }
        stopped.forEach(t -> t.stop(now, "Scaling activity initiated by (deployment " + primary.id + ")"));
        if (!stopped.isEmpty()) {
            service.event(UUID.randomUUID().toString(), now, "(service " + service.name + ") has stopped "
                    + stopped.size() + " running tasks: " + taskList(stopped) + ".");
        }
        return !stopped.isEmpty();
    }

    private int place(ClusterState cluster, ServiceState service, DeploymentState primary, int desired, long now) {
        JsonNode td = taskDefinitions.findOrNull(primary.taskDefinition);
        Set<Integer> ports = td == null ? Set.of() : TaskDefinitionFiller.fixedHostPorts(td);
        boolean distinct = hasDistinctInstanceConstraint(service);
        List<TaskState> started = new ArrayList<>();
        while (tasksOf(cluster, service, primary.id).size() < desired) {
            NodeState node = chooseNode(cluster, service, primary, ports, distinct);
            if (node == null) {
                service.event(UUID.randomUUID().toString(), now, unplaceableMessage(cluster, service, ports));
                break;
            }
            for (TaskState old : liveTasksOf(cluster, service)) {
                boolean conflicts = old.hostPorts.stream().anyMatch(ports::contains) || service.daemon() || distinct;
                if (!old.deploymentId.equals(primary.id) && old.containerInstanceArn.equals(node.arn) && conflicts) {
                    old.stop(now, "Task replaced by (deployment " + primary.id + ")");
                }
            }
            started.add(start(cluster, service, primary, node, ports, now));
        }
        if (!started.isEmpty()) {
            service.steady = false;
            service.event(UUID.randomUUID().toString(), now, "(service " + service.name + ") has started "
                    + started.size() + " tasks: " + taskList(started) + ".");
        }
        return started.size();
    }

    /** Prefers the node with fewest tasks of this service, then fewest tasks overall (ECS's spread). */
    private NodeState chooseNode(ClusterState cluster, ServiceState service, DeploymentState primary,
            Set<Integer> ports, boolean distinct) {
        NodeState best = null;
        long bestScore = Long.MAX_VALUE;
        for (NodeState node : cluster.activeNodes()) {
            List<TaskState> here = cluster.liveTasks().stream().filter(t -> node.arn.equals(t.containerInstanceArn)).toList();
            long sameDeployment = here.stream().filter(t -> primary.id.equals(t.deploymentId)).count();
            boolean portTaken = here.stream().filter(t -> !sameServiceOldDeployment(t, service, primary))
                    .anyMatch(t -> t.hostPorts.stream().anyMatch(ports::contains));
            if (portTaken || ((service.daemon() || distinct) && sameDeployment > 0)) {
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

    private static boolean sameServiceOldDeployment(TaskState t, ServiceState service, DeploymentState primary) {
        return service.name.equals(t.serviceName) && !primary.id.equals(t.deploymentId);
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
        return task;
    }

    private boolean retireOldDeployments(ClusterState cluster, ServiceState service, long now) {
        if (service.deployments.size() <= 1) {
            return false;
        }
        List<TaskState> old = liveTasksOf(cluster, service).stream()
                .filter(t -> !t.deploymentId.equals(service.primary().id)).toList();
        old.forEach(t -> t.stop(now, "Task replaced by (deployment " + service.primary().id + ")"));
        if (!old.isEmpty()) {
            service.event(UUID.randomUUID().toString(), now, "(service " + service.name + ") has stopped "
                    + old.size() + " running tasks: " + taskList(old) + ".");
        }
        service.deployments.subList(1, service.deployments.size()).clear();
        return true;
    }

    private static boolean hasDistinctInstanceConstraint(ServiceState service) {
        for (JsonNode c : service.placementConstraints) {
            if ("distinctInstance".equals(c.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    private static List<TaskState> tasksOf(ClusterState cluster, ServiceState service, String deploymentId) {
        return cluster.liveTasks().stream()
                .filter(t -> service.name.equals(t.serviceName) && deploymentId.equals(t.deploymentId)).toList();
    }

    private static List<TaskState> liveTasksOf(ClusterState cluster, ServiceState service) {
        return cluster.liveTasks().stream().filter(t -> service.name.equals(t.serviceName)).toList();
    }

    private static String taskList(List<TaskState> tasks) {
        StringBuilder out = new StringBuilder();
        for (TaskState t : tasks) {
            out.append(out.length() == 0 ? "" : " ").append("(task ").append(Arns.lastSegment(t.arn)).append(")");
        }
        return out.toString();
    }

    private void trimStopped(ClusterState cluster) {
        List<TaskState> stopped = cluster.tasks.stream().filter(TaskState::stopped).toList();
        if (stopped.size() > KEEP_STOPPED) {
            cluster.tasks.removeAll(stopped.subList(0, stopped.size() - KEEP_STOPPED));
        }
    }
}
