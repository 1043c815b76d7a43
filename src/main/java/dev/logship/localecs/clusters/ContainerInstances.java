package dev.logship.localecs.clusters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.http.Call;
import dev.logship.localecs.http.EcsError;
import dev.logship.localecs.http.Json;
import dev.logship.localecs.http.Page;
import dev.logship.localecs.resources.Arns;
import dev.logship.localecs.resources.Tags;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Nodes: register, deregister, drain, list and describe container instances. */
public final class ContainerInstances {
    private final EcsState state;
    private final Arns arns;
    private final Tags tags;
    private final Views views;
    private final Clusters clusters;

    public ContainerInstances(EcsState state, Arns arns, Tags tags, Views views, Clusters clusters) {
        this.state = state;
        this.arns = arns;
        this.tags = tags;
        this.views = views;
        this.clusters = clusters;
    }

    public NodeState add(ClusterState cluster, long now) {
        NodeState node = new NodeState();
        node.id = UUID.randomUUID().toString().replace("-", "");
        node.arn = arns.containerInstance(Arns.region(cluster.arn), cluster.name, node.id);
        node.ec2InstanceId = String.format("i-%017x", state.next());
        node.registeredAtMillis = now;
        node.attributes.putAll(builtInAttributes(Arns.region(cluster.arn), state.next()));
        cluster.nodes.put(node.arn, node);
        return node;
    }

    /** What the ECS agent registers on an Amazon Linux 2023 t3.medium in zone a of the region; RegisterContainerInstance may override. */
    static Map<String, String> builtInAttributes(String region, long serial) {
        return Map.of("ecs.os-type", "linux", "ecs.os-family", "LINUX", "ecs.cpu-architecture", "x86_64",
                "ecs.instance-type", "t3.medium", "ecs.availability-zone", region + "a",
                "ecs.ami-id", String.format("ami-%017x", serial), "ecs.capability.execution-role-ecr-pull", "");
    }

    /** Makes the cluster have exactly {@code count} ACTIVE nodes, removing the newest first. */
    public void setActiveCount(ClusterState cluster, int count, long now) {
        List<NodeState> active = cluster.activeNodes();
        for (int i = active.size(); i < count; i++) {
            add(cluster, now);
        }
        for (int i = active.size() - 1; i >= count; i--) {
            cluster.nodes.remove(active.get(i).arn);
        }
    }

    public ObjectNode register(Call call) {
        ClusterState cluster = clusters.resolve(call.body());
        Map<String, String> newTags = Tags.parse(call.body());
        NodeState node = add(cluster, call.now());
        for (JsonNode attribute : call.body().path("attributes")) {
            String name = attribute.path("name").asText("");
            if (name.isEmpty()) {
                throw EcsError.invalid("An attribute needs a name.");
            }
            node.attributes.put(name, attribute.path("value").asText(""));
        }
        tags.add(node.arn, newTags);
        ObjectNode out = Json.object();
        out.set("containerInstance", views.node(cluster, node, call.now(), false));
        return out;
    }

    /** PutAttributes on container instances (custom attributes, such as the address a scraper uses); other targets are refused. */
    public ObjectNode putAttributes(Call call) {
        ClusterState cluster = clusters.resolve(call.body());
        ObjectNode out = Json.object();
        ArrayNode put = out.putArray("attributes");
        for (JsonNode attribute : call.body().path("attributes")) {
            String name = attribute.path("name").asText("");
            String type = attribute.path("targetType").asText("container-instance");
            if (name.isEmpty() || !type.equals("container-instance")) {
                throw EcsError.invalid("An attribute needs a name and a container-instance target.");
            }
            find(cluster, Json.required(attribute, "targetId")).attributes.put(name, attribute.path("value").asText(""));
            put.add(attribute.deepCopy());
        }
        return out;
    }

    public ObjectNode deregister(Call call) {
        ClusterState cluster = clusters.resolve(call.body());
        NodeState node = find(cluster, Json.required(call.body(), "containerInstance"));
        boolean busy = cluster.liveTasks().stream().anyMatch(t -> node.arn.equals(t.containerInstanceArn));
        if (busy && !Json.bool(call.body(), "force")) {
            throw EcsError.invalid("Found running tasks on the instance.");
        }
        ObjectNode view = views.node(cluster, node, call.now(), false);
        cluster.nodes.remove(node.arn);
        view.put("status", "INACTIVE");
        ObjectNode out = Json.object();
        out.set("containerInstance", view);
        return out;
    }

    public ObjectNode updateState(Call call) {
        ClusterState cluster = clusters.resolve(call.body());
        String status = Json.required(call.body(), "status");
        if (!status.equals("ACTIVE") && !status.equals("DRAINING")) {
            throw EcsError.invalid("status must be ACTIVE or DRAINING.");
        }
        return describeMatching(call, cluster, node -> node.status = status);
    }

    public ObjectNode describe(Call call) {
        return describeMatching(call, clusters.resolve(call.body()), node -> { });
    }

    private ObjectNode describeMatching(Call call, ClusterState cluster, java.util.function.Consumer<NodeState> action) {
        ObjectNode out = Json.object();
        ArrayNode found = out.putArray("containerInstances");
        ArrayNode failures = out.putArray("failures");
        boolean withTags = Json.includes(call.body(), "TAGS");
        for (String ref : Json.strings(call.body(), "containerInstances")) {
            NodeState node = findOrNull(cluster, ref);
            if (node == null) {
                String arn = ref.startsWith("arn:") ? ref : arns.containerInstance(call.region(), cluster.name, ref);
                failures.addObject().put("arn", arn).put("reason", "MISSING");
            } else {
                action.accept(node);
                found.add(views.node(cluster, node, call.now(), withTags));
            }
        }
        return out;
    }

    public ObjectNode list(Call call) {
        ClusterState cluster = clusters.resolve(call.body());
        String status = Json.text(call.body(), "status");
        List<String> all = cluster.nodes.values().stream()
                .filter(n -> status == null || n.status.equals(status)).map(n -> n.arn).toList();
        return Page.listResponse(all, call.body(), "containerInstanceArns", 100);
    }

    private NodeState find(ClusterState cluster, String ref) {
        NodeState node = findOrNull(cluster, ref);
        if (node == null) {
            throw EcsError.invalid("The referenced container instance " + ref + " was not found.");
        }
        return node;
    }

    static NodeState findOrNull(ClusterState cluster, String ref) {
        String id = Arns.lastSegment(ref);
        return cluster.nodes.values().stream().filter(n -> n.id.equals(id)).findFirst().orElse(null);
    }
}
