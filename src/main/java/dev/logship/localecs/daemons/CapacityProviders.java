package dev.logship.localecs.daemons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.http.Call;
import dev.logship.localecs.http.EcsError;
import dev.logship.localecs.http.Json;
import dev.logship.localecs.http.Page;
import dev.logship.localecs.resources.Arns;
import dev.logship.localecs.resources.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * CreateCapacityProvider and DescribeCapacityProviders. A Managed Instances provider is made
 * inside one cluster and is associated with it from the start, as ECS documents.
 */
final class CapacityProviders {
    private final DaemonsState state;
    private final DaemonArns arns;
    private final Tags tags;
    private final Hosts hosts;

    CapacityProviders(DaemonsState state, DaemonArns arns, Tags tags, Hosts hosts) {
        this.state = state;
        this.arns = arns;
        this.tags = tags;
        this.hosts = hosts;
    }

    ObjectNode create(Call call) {
        JsonNode body = call.body();
        String name = Json.required(body, "name");
        if (!name.matches("[A-Za-z0-9_-]{1,255}") || name.matches("(?i)(aws|ecs|fargate).*")) {
            throw EcsError.invalid("The name can have up to 255 letters, numbers, hyphens and underscores, and cannot be "
                    + "prefixed with \"aws\", \"ecs\", or \"fargate\".");
        }
        if (state.capacityProviders.containsKey(name)) {
            throw EcsError.client("The specified capacity provider already exists. To change the configuration of an "
                    + "existing capacity provider, update the capacity provider.");
        }
        JsonNode managed = body.get("managedInstancesProvider");
        JsonNode asg = body.get("autoScalingGroupProvider");
        if ((managed == null) == (asg == null)) {
            throw EcsError.invalid("Exactly one of managedInstancesProvider or autoScalingGroupProvider must be specified.");
        }
        CapacityProviderState cp = new CapacityProviderState();
        cp.name = name;
        cp.arn = arns.capacityProvider(call.region(), name);
        if (managed != null) {
            requireManagedInstancesFields(managed);
            cp.type = "MANAGED_INSTANCES";
            cp.clusterArn = hosts.clusterArn(Json.required(body, "cluster"), call.region());
            cp.provider = managed.deepCopy();
        } else {
            Json.required(asg, "autoScalingGroupArn");
            cp.type = "EC2_AUTOSCALING";
            cp.provider = asg.deepCopy();
        }
        var newTags = Tags.parse(body);
        state.capacityProviders.put(name, cp);
        tags.add(cp.arn, newTags);
        ObjectNode out = Json.object();
        out.set("capacityProvider", view(cp, true));
        return out;
    }

    ObjectNode describe(Call call) {
        JsonNode body = call.body();
        List<String> refs = Json.strings(body, "capacityProviders");
        String cluster = Json.text(body, "cluster");
        String clusterArn = cluster == null ? null : hosts.clusterArn(cluster, call.region());
        List<CapacityProviderState> found = new ArrayList<>();
        ArrayNode failures = Json.array();
        if (refs.isEmpty()) {
            state.capacityProviders.values().stream()
                    .filter(cp -> clusterArn == null || !cp.managedInstances() || clusterArn.equals(cp.clusterArn))
                    .forEach(found::add);
        }
        for (String ref : refs) {
            CapacityProviderState cp = state.capacityProviders.get(Arns.lastSegment(ref));
            if (cp == null) {
                failures.addObject().put("arn", ref.startsWith("arn:") ? ref : arns.capacityProvider(call.region(), ref))
                        .put("reason", "MISSING");
            } else {
                found.add(cp);
            }
        }
        List<String> names = found.stream().map(cp -> cp.name).toList();
        boolean withTags = Json.includes(body, "TAGS");
        ObjectNode out = Page.listResponse(names, body, "capacityProviders", 10,
                name -> view(state.capacityProviders.get(name), withTags));
        out.set("failures", failures);
        return out;
    }

    /** Names of the Managed Instances providers associated with the cluster, for DescribeClusters. */
    List<String> namesIn(String clusterArn) {
        return state.capacityProviders.values().stream()
                .filter(cp -> cp.managedInstances() && clusterArn.equals(cp.clusterArn)).map(cp -> cp.name).toList();
    }

    /** The Managed Instances provider a daemon may use in this cluster, by name or ARN. */
    CapacityProviderState forDaemon(String ref, String clusterArn) {
        CapacityProviderState cp = state.capacityProviders.get(Arns.lastSegment(ref));
        if (cp == null || !cp.status.equals("ACTIVE")) {
            throw EcsError.invalid("The specified capacity provider " + ref + " was not found.");
        }
        if (!cp.managedInstances()) {
            throw EcsError.of("UnsupportedFeatureException",
                    "ECS Managed Daemons is only supported for Amazon ECS Managed Instances Capacity Providers.");
        }
        if (!clusterArn.equals(cp.clusterArn)) {
            throw EcsError.invalid("The capacity provider " + cp.name + " is not associated with the cluster.");
        }
        return cp;
    }

    /** Creates the Managed Instances provider if missing (admin API), in the given cluster. */
    CapacityProviderState ensureManaged(String clusterArn, String name) {
        CapacityProviderState cp = state.capacityProviders.get(name);
        if (cp == null) {
            cp = new CapacityProviderState();
            cp.name = name;
            cp.arn = arns.capacityProvider(DaemonArns.region(clusterArn), name);
            cp.type = "MANAGED_INSTANCES";
            cp.clusterArn = clusterArn;
            cp.provider = Json.object().put("infrastructureRoleArn", arns.role("ecsInfrastructureRole"));
            state.capacityProviders.put(name, cp);
        } else if (!cp.managedInstances() || !clusterArn.equals(cp.clusterArn)) {
            throw new IllegalArgumentException("capacity provider " + name + " exists but is not a Managed Instances "
                    + "provider of this cluster");
        }
        return cp;
    }

    private static void requireManagedInstancesFields(JsonNode managed) {
        Json.required(managed, "infrastructureRoleArn");
        JsonNode template = managed.get("instanceLaunchTemplate");
        if (template == null || !template.isObject()) {
            throw EcsError.invalid("instanceLaunchTemplate must be specified.");
        }
        Json.required(template, "ec2InstanceProfileArn");
        if (!template.has("networkConfiguration")) {
            throw EcsError.invalid("networkConfiguration must be specified.");
        }
    }

    private ObjectNode view(CapacityProviderState cp, boolean withTags) {
        ObjectNode out = Json.object();
        out.put("capacityProviderArn", cp.arn).put("name", cp.name);
        if (cp.clusterArn != null) {
            out.put("cluster", DaemonArns.clusterName(cp.clusterArn));
        }
        out.put("status", cp.status).put("updateStatus", "CREATE_COMPLETE").put("type", cp.type);
        out.set(cp.managedInstances() ? "managedInstancesProvider" : "autoScalingGroupProvider", cp.provider.deepCopy());
        if (withTags) {
            out.set("tags", tags.renderOf(cp.arn));
        }
        return out;
    }
}
