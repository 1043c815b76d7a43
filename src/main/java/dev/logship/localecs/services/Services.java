package dev.logship.localecs.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.clusters.ClusterState;
import dev.logship.localecs.clusters.Clusters;
import dev.logship.localecs.clusters.DeploymentState;
import dev.logship.localecs.clusters.EcsState;
import dev.logship.localecs.clusters.ServiceState;
import dev.logship.localecs.clusters.Views;
import dev.logship.localecs.http.Call;
import dev.logship.localecs.http.EcsError;
import dev.logship.localecs.http.Json;
import dev.logship.localecs.http.Page;
import dev.logship.localecs.resources.Arns;
import dev.logship.localecs.resources.Tags;
import dev.logship.localecs.taskdefs.TaskDefinitions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** CreateService, UpdateService, DeleteService, DescribeServices, ListServices. */
public final class Services {
    private final EcsState state;
    private final Arns arns;
    private final Tags tags;
    private final Views views;
    private final Clusters clusters;
    private final TaskDefinitions taskDefinitions;
    private final ServiceRules rules = new ServiceRules();

    public Services(EcsState state, Arns arns, Tags tags, Views views, Clusters clusters, TaskDefinitions taskDefinitions) {
        this.state = state;
        this.arns = arns;
        this.tags = tags;
        this.views = views;
        this.clusters = clusters;
        this.taskDefinitions = taskDefinitions;
    }

    public ObjectNode create(Call call) {
        JsonNode body = call.body();
        ClusterState cluster = clusters.resolve(body);
        String name = Json.required(body, "serviceName");
        if (!name.matches("[A-Za-z0-9_-]{1,255}")) {
            throw EcsError.invalid("Service name can have up to 255 letters, numbers, hyphens and underscores.");
        }
        ServiceState existing = cluster.services.get(name);
        if (existing != null && !existing.status.equals("INACTIVE")) {
            throw EcsError.invalid("Creation of service was not idempotent.");
        }
        String strategy = Json.text(body, "schedulingStrategy") == null ? "REPLICA" : Json.text(body, "schedulingStrategy");
        rules.checkCreate(body, strategy);
        String taskDefinition = activeTaskDefinitionArn(Json.required(body, "taskDefinition"));
        Map<String, String> newTags = Tags.parse(body);
        ServiceState s = new ServiceState();
        s.name = name;
        s.arn = arns.service(Arns.region(cluster.arn), cluster.name, name);
        s.clusterArn = cluster.arn;
        s.schedulingStrategy = strategy;
        s.taskDefinition = taskDefinition;
        s.desiredCount = strategy.equals("DAEMON") ? cluster.activeNodes().size() : Json.integer(body, "desiredCount");
        s.deploymentConfiguration = ServiceRules.deploymentConfiguration(body.get("deploymentConfiguration"), strategy);
        s.placementConstraints = arrayOrEmpty(body, "placementConstraints");
        s.placementStrategy = arrayOrEmpty(body, "placementStrategy");
        s.propagateTags = Json.text(body, "propagateTags") == null ? "NONE" : Json.text(body, "propagateTags");
        s.enableECSManagedTags = Json.bool(body, "enableECSManagedTags");
        s.enableExecuteCommand = Json.bool(body, "enableExecuteCommand");
        s.healthCheckGracePeriodSeconds = Json.integer(body, "healthCheckGracePeriodSeconds");
        s.createdAtMillis = call.now();
        s.createdBy = arns.root();
        s.deployments.add(DeploymentState.primary(deploymentId(), taskDefinition, call.now()));
        cluster.services.put(name, s);
        state.tags.remove(s.arn);
        tags.add(s.arn, newTags);
        return wrap(cluster, s, call);
    }

    public ObjectNode update(Call call) {
        JsonNode body = call.body();
        ClusterState cluster = clusters.resolve(body);
        ServiceState s = find(cluster, Json.required(body, "service"));
        if (!s.status.equals("ACTIVE")) {
            throw EcsError.serviceNotActive();
        }
        rules.checkUpdate(body, s);
        String taskDefinition = body.hasNonNull("taskDefinition")
                ? activeTaskDefinitionArn(body.get("taskDefinition").asText()) : s.taskDefinition;
        if (body.hasNonNull("desiredCount")) {
            s.desiredCount = body.get("desiredCount").asInt();
        }
        if (body.hasNonNull("deploymentConfiguration")) {
            s.deploymentConfiguration = ServiceRules.deploymentConfiguration(body.get("deploymentConfiguration"), s.schedulingStrategy);
        }
        if (body.hasNonNull("placementConstraints")) {
            s.placementConstraints = arrayOrEmpty(body, "placementConstraints");
        }
        if (body.hasNonNull("placementStrategy")) {
            s.placementStrategy = arrayOrEmpty(body, "placementStrategy");
        }
        if (body.hasNonNull("propagateTags")) {
            s.propagateTags = body.get("propagateTags").asText();
        }
        if (body.hasNonNull("enableECSManagedTags")) {
            s.enableECSManagedTags = body.get("enableECSManagedTags").asBoolean();
        }
        if (body.hasNonNull("healthCheckGracePeriodSeconds")) {
            s.healthCheckGracePeriodSeconds = body.get("healthCheckGracePeriodSeconds").asInt();
        }
        if (!taskDefinition.equals(s.taskDefinition) || Json.bool(body, "forceNewDeployment")) {
            s.taskDefinition = taskDefinition;
            DeploymentState old = s.primary();
            old.status = "ACTIVE";
            old.updatedAtMillis = call.now();
            s.deployments.add(0, DeploymentState.primary(deploymentId(), taskDefinition, call.now()));
            s.steady = false;
        }
        return wrap(cluster, s, call);
    }

    public ObjectNode delete(Call call) {
        ClusterState cluster = clusters.resolve(call.body());
        ServiceState s = find(cluster, Json.required(call.body(), "service"));
        if (!s.status.equals("ACTIVE")) {
            throw EcsError.serviceNotActive();
        }
        if (!s.daemon() && s.desiredCount > 0 && !Json.bool(call.body(), "force")) {
            throw EcsError.invalid("The service cannot be stopped while it is scaled above 0.");
        }
        s.status = "DRAINING";
        s.desiredCount = 0;
        return wrap(cluster, s, call);
    }

    public ObjectNode describe(Call call) {
        ClusterState cluster = clusters.resolve(call.body());
        List<String> refs = Json.strings(call.body(), "services");
        if (refs.isEmpty() || refs.size() > 10) {
            throw EcsError.invalid("services must contain between 1 and 10 items.");
        }
        boolean withTags = Json.includes(call.body(), "TAGS");
        ObjectNode out = Json.object();
        ArrayNode found = out.putArray("services");
        ArrayNode failures = out.putArray("failures");
        for (String ref : refs) {
            ServiceState s = cluster.services.get(Arns.lastSegment(ref));
            if (s == null) {
                String arn = ref.startsWith("arn:") ? ref : arns.service(Arns.region(cluster.arn), cluster.name, ref);
                failures.addObject().put("arn", arn).put("reason", "MISSING");
            } else {
                found.add(views.service(cluster, s, call.now(), withTags));
            }
        }
        return out;
    }

    public ObjectNode list(Call call) {
        JsonNode body = call.body();
        ClusterState cluster = clusters.resolve(body);
        String strategy = Json.text(body, "schedulingStrategy");
        String launchType = Json.text(body, "launchType");
        List<String> all = cluster.services.values().stream()
                .filter(s -> s.status.equals("ACTIVE"))
                .filter(s -> strategy == null || strategy.equals(s.schedulingStrategy))
                .filter(s -> launchType == null || launchType.equals("EC2"))
                .map(s -> s.arn).toList();
        return Page.listResponse(all, body, "serviceArns", 10);
    }

    static ServiceState find(ClusterState cluster, String ref) {
        ServiceState s = cluster.services.get(Arns.lastSegment(ref));
        if (s == null) {
            throw EcsError.serviceNotFound();
        }
        return s;
    }

    private String activeTaskDefinitionArn(String ref) {
        ObjectNode td = taskDefinitions.findOrNull(ref);
        if (td == null) {
            throw EcsError.client("TaskDefinition not found.");
        }
        if (!td.get("status").asText().equals("ACTIVE")) {
            throw EcsError.invalid("TaskDefinition is inactive");
        }
        return td.get("taskDefinitionArn").asText();
    }

    private ObjectNode wrap(ClusterState cluster, ServiceState s, Call call) {
        ObjectNode out = Json.object();
        out.set("service", views.service(cluster, s, call.now(), false));
        return out;
    }

    private static ArrayNode arrayOrEmpty(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node != null && node.isArray() ? (ArrayNode) node.deepCopy() : Json.array();
    }

    private static String deploymentId() {
        return "ecs-svc/" + String.format("%019d", ThreadLocalRandom.current().nextLong(1_000_000_000_000_000_000L, Long.MAX_VALUE));
    }
}
