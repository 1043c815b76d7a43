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

/** CreateCluster, DeleteCluster, DescribeClusters, ListClusters. */
public final class Clusters {
    private final EcsState state;
    private final Arns arns;
    private final Tags tags;
    private final Views views;

    public Clusters(EcsState state, Arns arns, Tags tags, Views views) {
        this.state = state;
        this.arns = arns;
        this.tags = tags;
        this.views = views;
    }

    /** The cluster a request names (name or ARN; "default" when absent), which must be ACTIVE. */
    public ClusterState resolve(JsonNode body) {
        String ref = Json.text(body, "cluster");
        ClusterState cluster = state.clusters.get(Arns.lastSegment(ref == null || ref.isEmpty() ? "default" : ref));
        if (cluster == null || !cluster.status.equals("ACTIVE")) {
            throw EcsError.clusterNotFound();
        }
        return cluster;
    }

    /** Creates the cluster if missing, or reactivates it; ECS's CreateCluster is idempotent. */
    public ClusterState ensure(String name, String region) {
        ClusterState cluster = state.clusters.get(name);
        if (cluster == null) {
            cluster = ClusterState.create(name, arns.cluster(region, name));
            state.clusters.put(name, cluster);
        }
        cluster.status = "ACTIVE";
        return cluster;
    }

    /** A cluster of one account and region (its ARN says so), reactivated with these tags if it exists. */
    public ClusterState ensureIn(String name, String account, String region, Map<String, String> clusterTags) {
        if (!name.matches("[A-Za-z0-9_-]{1,255}") || !account.matches("\\d{12}")) {
            throw new IllegalArgumentException("expected a cluster name of up to 255 letters, numbers, - and _ and a 12-digit account");
        }
        ClusterState cluster = state.clusters.get(name);
        if (cluster == null || !cluster.status.equals("ACTIVE")) {
            cluster = ClusterState.create(name, "arn:aws:ecs:" + region + ":" + account + ":cluster/" + name);
            state.clusters.put(name, cluster);
        }
        cluster.account = account;
        cluster.region = region;
        tags.add(cluster.arn, clusterTags);
        return cluster;
    }

    /** Gone with everything on it, whatever runs there (the admin API's delete, as another team's teardown). */
    public void forceDelete(String name, long now) {
        ClusterState cluster = state.clusters.get(name);
        if (cluster == null) {
            throw new IllegalArgumentException("no cluster named " + name);
        }
        cluster.nodes.clear();
        cluster.tasks.clear();
        cluster.services.values().forEach(s -> s.status = "INACTIVE");
        cluster.status = "INACTIVE";
    }

    public void retag(String name, Map<String, String> add, List<String> remove) {
        ClusterState cluster = state.clusters.get(name);
        if (cluster == null || !cluster.status.equals("ACTIVE")) {
            throw new IllegalArgumentException("no ACTIVE cluster named " + name);
        }
        tags.add(cluster.arn, add);
        tags.remove(cluster.arn, remove);
    }

    public ObjectNode create(Call call) {
        String name = Json.text(call.body(), "clusterName");
        name = name == null ? "default" : name;
        if (!name.matches("[A-Za-z0-9_-]{1,255}")) {
            throw EcsError.invalid("Cluster name can have up to 255 letters, numbers, hyphens and underscores.");
        }
        Map<String, String> newTags = Tags.parse(call.body());
        ClusterState cluster = ensure(name, call.region());
        tags.add(cluster.arn, newTags);
        ObjectNode out = Json.object();
        out.set("cluster", views.cluster(cluster, call.now(), true));
        return out;
    }

    public ObjectNode delete(Call call) {
        ClusterState cluster = resolve(call.body());
        if (!cluster.nodes.isEmpty()) {
            throw EcsError.of("ClusterContainsContainerInstancesException",
                    "The Cluster cannot be deleted while Container Instances are active or draining.");
        }
        if (cluster.services.values().stream().anyMatch(s -> !s.status.equals("INACTIVE"))) {
            throw EcsError.of("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active.");
        }
        cluster.status = "INACTIVE";
        ObjectNode out = Json.object();
        out.set("cluster", views.cluster(cluster, call.now(), false));
        return out;
    }

    public ObjectNode describe(Call call) {
        List<String> refs = Json.strings(call.body(), "clusters");
        if (refs.isEmpty()) {
            refs = List.of("default");
        }
        if (refs.size() > 100) {
            throw EcsError.invalid("clusters can have at most 100 items.");
        }
        ObjectNode out = Json.object();
        ArrayNode found = out.putArray("clusters");
        ArrayNode failures = out.putArray("failures");
        boolean withTags = Json.includes(call.body(), "TAGS");
        for (String ref : refs) {
            ClusterState cluster = state.clusters.get(Arns.lastSegment(ref));
            if (cluster == null) {
                String arn = ref.startsWith("arn:") ? ref : arns.cluster(call.region(), ref);
                failures.addObject().put("arn", arn).put("reason", "MISSING");
            } else {
                found.add(views.cluster(cluster, call.now(), withTags));
            }
        }
        return out;
    }

    /** A cluster created for an account and region is listed to callers of that account in that region only; others to all. */
    public ObjectNode list(Call call) {
        List<String> all = state.clusters.values().stream().filter(c -> c.status.equals("ACTIVE"))
                .filter(c -> c.account == null || (c.account.equals(call.account()) && c.region.equals(call.region())))
                .map(c -> c.arn).toList();
        return Page.listResponse(all, call.body(), "clusterArns", 100);
    }
}
