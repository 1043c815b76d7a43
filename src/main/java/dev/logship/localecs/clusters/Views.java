package dev.logship.localecs.clusters;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.daemons.DaemonApi;
import dev.logship.localecs.http.Json;
import dev.logship.localecs.resources.Arns;
import dev.logship.localecs.resources.Tags;
import dev.logship.localecs.taskdefs.TaskDefinitions;
import java.util.List;

/** Renders clusters, services, tasks and container instances as ECS's JSON shapes. */
public final class Views {
    private final Tags tags;
    private final TaskDefinitions taskDefinitions;
    private final Arns arns;
    private final long convergenceMillis;
    private final DaemonApi daemons;
    private final java.util.function.BooleanSupplier staleCounters;

    public Views(Tags tags, TaskDefinitions taskDefinitions, Arns arns, long convergenceMillis, DaemonApi daemons,
            java.util.function.BooleanSupplier staleCounters) {
        this.staleCounters = staleCounters;
        this.daemons = daemons;
        this.tags = tags;
        this.taskDefinitions = taskDefinitions;
        this.arns = arns;
        this.convergenceMillis = convergenceMillis;
    }

    ObjectNode cluster(ClusterState c, long now, boolean withTags) {
        List<TaskState> live = c.liveTasks();
        long running = live.stream().filter(t -> t.running(now, convergenceMillis)).count();
        ObjectNode out = Json.object();
        out.put("clusterArn", c.arn).put("clusterName", c.name).put("status", c.status);
        out.put("registeredContainerInstancesCount", c.status.equals("ACTIVE") ? c.nodes.size() : 0);
        out.put("runningTasksCount", running);
        out.put("pendingTasksCount", live.size() - running);
        // Stale counters (an admin fault) answer 0 as moto 5.2.3 does: the count is never proof that no service exists.
        out.put("activeServicesCount", staleCounters.getAsBoolean() ? 0
                : c.services.values().stream().filter(s -> s.status.equals("ACTIVE")).count());
        out.putArray("statistics");
        if (withTags) {
            out.set("tags", tags.renderOf(c.arn));
        }
        out.putArray("settings").addObject().put("name", "containerInsights").put("value", "disabled");
        ArrayNode providers = out.putArray("capacityProviders");
        daemons.capacityProviderNames(c.arn).forEach(providers::add);
        out.putArray("defaultCapacityProviderStrategy");
        return out;
    }

    public ObjectNode service(ClusterState c, ServiceState s, long now, boolean withTags) {
        ObjectNode out = Json.object();
        out.put("serviceArn", s.arn).put("serviceName", s.name).put("clusterArn", s.clusterArn);
        out.putArray("loadBalancers");
        out.putArray("serviceRegistries");
        out.put("status", s.status);
        List<TaskState> tasks = c.liveTasks().stream().filter(t -> s.name.equals(t.serviceName)).toList();
        long running = tasks.stream().filter(t -> t.running(now, convergenceMillis)).count();
        out.put("desiredCount", s.desiredCount).put("runningCount", running).put("pendingCount", tasks.size() - running);
        out.put("launchType", "EC2");
        out.put("taskDefinition", s.taskDefinition);
        out.set("deploymentConfiguration", s.deploymentConfiguration.deepCopy());
        ArrayNode deployments = out.putArray("deployments");
        for (DeploymentState d : s.deployments) {
            deployments.add(deployment(s, d, tasks, now));
        }
        ArrayNode events = out.putArray("events");
        for (ServiceEvent e : s.events) {
            events.addObject().put("id", e.id).put("createdAt", Json.epoch(e.createdAtMillis)).put("message", e.message);
        }
        out.put("createdAt", Json.epoch(s.createdAtMillis));
        out.set("placementConstraints", s.placementConstraints.deepCopy());
        out.set("placementStrategy", s.placementStrategy.deepCopy());
        if (s.healthCheckGracePeriodSeconds != null) {
            out.put("healthCheckGracePeriodSeconds", s.healthCheckGracePeriodSeconds);
        }
        out.put("schedulingStrategy", s.schedulingStrategy);
        out.put("createdBy", s.createdBy);
        out.put("enableECSManagedTags", s.enableECSManagedTags);
        out.put("propagateTags", s.propagateTags);
        out.put("enableExecuteCommand", s.enableExecuteCommand);
        out.putObject("deploymentController").put("type", "ECS");
        if (withTags) {
            out.set("tags", tags.renderOf(s.arn));
        }
        return out;
    }

    private ObjectNode deployment(ServiceState s, DeploymentState d, List<TaskState> tasks, long now) {
        List<TaskState> mine = tasks.stream().filter(t -> d.id.equals(t.deploymentId)).toList();
        long running = mine.stream().filter(t -> t.running(now, convergenceMillis)).count();
        boolean primary = d.status.equals("PRIMARY");
        ObjectNode out = Json.object();
        out.put("id", d.id).put("status", d.status).put("taskDefinition", d.taskDefinition);
        out.put("desiredCount", primary ? s.desiredCount : mine.size());
        out.put("pendingCount", mine.size() - running).put("runningCount", running).put("failedTasks", d.failedTasks);
        out.put("createdAt", Json.epoch(d.createdAtMillis)).put("updatedAt", Json.epoch(d.updatedAtMillis));
        out.put("launchType", "EC2");
        out.put("rolloutState", d.rolloutState).put("rolloutStateReason", d.rolloutStateReason);
        return out;
    }

    public ObjectNode task(ClusterState c, TaskState t, long now, boolean withTags) {
        ObjectNode out = Json.object();
        String taskId = Arns.lastSegment(t.arn);
        String status = t.lastStatus(now, convergenceMillis);
        out.put("taskArn", t.arn).put("clusterArn", c.arn).put("taskDefinitionArn", t.taskDefinitionArn);
        out.put("containerInstanceArn", t.containerInstanceArn);
        out.putObject("overrides").putArray("containerOverrides");
        out.put("lastStatus", status).put("desiredStatus", t.stopped() ? "STOPPED" : "RUNNING");
        ArrayNode containers = out.putArray("containers");
        ObjectNode td = t.taskDefinitionArn.contains(":daemon-task-definition/")
                ? daemons.taskDefinition(t.taskDefinitionArn) : taskDefinitions.findOrNull(t.taskDefinitionArn);
        boolean checked = td != null && td.path("containerDefinitions").findValue("healthCheck") != null;
        String health = ContainerHealth.of(c, t, status, checked);
        out.put("healthStatus", health);
        if (td != null) {
            String region = Arns.region(c.arn);
            for (var def : td.path("containerDefinitions")) {
                ObjectNode container = containers.addObject();
                container.put("healthStatus", def.has("healthCheck") ? health : "UNKNOWN");
                container.put("containerArn", arns.container(region, c.name, taskId, def.get("name").asText()));
                container.put("taskArn", t.arn).put("name", def.get("name").asText());
                container.put("image", def.path("image").asText()).put("lastStatus", status);
                ArrayNode bindings = container.putArray("networkBindings");
                for (var m : def.path("portMappings")) {
                    if (m.path("hostPort").asInt(0) > 0 && "RUNNING".equals(status)) {
                        bindings.addObject().put("bindIP", "0.0.0.0").put("containerPort", m.path("containerPort").asInt())
                                .put("hostPort", m.path("hostPort").asInt()).put("protocol", m.path("protocol").asText("tcp"));
                    }
                }
            }
        }
        out.put("version", t.stopped() ? 3 : status.equals("RUNNING") ? 2 : 1);
        out.put("createdAt", Json.epoch(t.createdAtMillis));
        if (status.equals("RUNNING") || t.stopped()) {
            out.put("startedAt", Json.epoch(t.createdAtMillis + convergenceMillis));
        }
        if (t.serviceName != null) {
            out.put("group", "service:" + t.serviceName).put("startedBy", t.deploymentId);
        } else if (t.group != null) {
            out.put("group", t.group);
        }
        if (t.stopped()) {
            out.put("stoppedAt", Json.epoch(t.stoppedAtMillis)).put("stoppedReason", t.stoppedReason);
            out.put("stopCode", t.stopCode == null ? "ServiceSchedulerInitiated" : t.stopCode);
        }
        out.put("launchType", "EC2");
        out.putArray("attachments");
        if (withTags) {
            out.set("tags", tags.renderOf(t.arn));
        }
        return out;
    }

    ObjectNode node(ClusterState c, NodeState n, long now, boolean withTags) {
        List<TaskState> tasks = c.liveTasks().stream().filter(t -> n.arn.equals(t.containerInstanceArn)).toList();
        long running = tasks.stream().filter(t -> t.running(now, convergenceMillis)).count();
        ObjectNode out = Json.object();
        out.put("containerInstanceArn", n.arn).put("ec2InstanceId", n.ec2InstanceId).put("version", 1);
        if (n.capacityProviderName != null) {
            out.put("capacityProviderName", n.capacityProviderName);
        }
        out.putObject("versionInfo").put("agentVersion", "1.89.0").put("agentHash", "localecs")
                .put("dockerVersion", "DockerVersion: 25.0.8");
        ArrayNode registered = out.putArray("registeredResources");
        registered.addObject().put("name", "CPU").put("type", "INTEGER").put("integerValue", 2048);
        registered.addObject().put("name", "MEMORY").put("type", "INTEGER").put("integerValue", 3904);
        out.put("status", n.status).put("agentConnected", n.agentConnected);
        out.put("runningTasksCount", running).put("pendingTasksCount", tasks.size() - running);
        ArrayNode attributes = out.putArray("attributes");
        n.attributes.forEach((name, value) -> {
            ObjectNode attribute = attributes.addObject().put("name", name);
            if (!value.isEmpty()) {
                attribute.put("value", value);
            }
        });
        out.put("registeredAt", Json.epoch(n.registeredAtMillis));
        out.putArray("attachments");
        if (withTags) {
            out.set("tags", tags.renderOf(n.arn));
        }
        return out;
    }
}
