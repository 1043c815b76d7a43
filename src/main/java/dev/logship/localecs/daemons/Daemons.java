package dev.logship.localecs.daemons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.http.Call;
import dev.logship.localecs.http.EcsError;
import dev.logship.localecs.http.Json;
import dev.logship.localecs.http.Page;
import dev.logship.localecs.resources.Tags;
import java.util.ArrayList;
import java.util.List;

/** CreateDaemon, UpdateDaemon, DescribeDaemon, ListDaemons, DeleteDaemon. */
final class Daemons {
    private final DaemonsState state;
    private final DaemonArns arns;
    private final Tags tags;
    private final Hosts hosts;
    private final CapacityProviders capacityProviders;
    private final DaemonTaskDefinitions taskDefinitions;
    private final DaemonViews views;

    Daemons(DaemonsState state, DaemonArns arns, Tags tags, Hosts hosts, CapacityProviders capacityProviders,
            DaemonTaskDefinitions taskDefinitions, DaemonViews views) {
        this.state = state;
        this.arns = arns;
        this.tags = tags;
        this.hosts = hosts;
        this.capacityProviders = capacityProviders;
        this.taskDefinitions = taskDefinitions;
        this.views = views;
    }

    ObjectNode create(Call call) {
        JsonNode body = call.body();
        String name = Json.required(body, "daemonName");
        if (!name.matches("[A-Za-z0-9_-]{1,255}")) {
            throw EcsError.invalid("Daemon name can have up to 255 letters, numbers, underscores and hyphens.");
        }
        String clusterArn = hosts.clusterArn(orDefault(Json.text(body, "clusterArn")), call.region());
        String arn = arns.daemon(clusterArn, name);
        DaemonState existing = state.daemons.get(arn);
        String token = Json.text(body, "clientToken");
        if (existing != null && token != null && token.equals(existing.clientToken)) {
            return summary(existing, Json.object());
        }
        if (existing != null) {
            throw EcsError.invalid("Creation of daemon was not idempotent: a daemon named " + name
                    + " already exists in the cluster.");
        }
        DaemonState daemon = new DaemonState();
        daemon.name = name;
        daemon.arn = arn;
        daemon.clusterArn = clusterArn;
        daemon.clientToken = token;
        daemon.createdAtMillis = call.now();
        String revision = apply(daemon, body, clusterArn, call.now());
        var newTags = Tags.parse(body);
        state.daemons.put(arn, daemon);
        tags.add(arn, newTags);
        newDeployment(daemon, revision, call.now());
        return summary(daemon, Json.object());
    }

    ObjectNode update(Call call) {
        DaemonState daemon = find(Json.required(call.body(), "daemonArn"));
        if (!daemon.status.equals("ACTIVE")) {
            throw EcsError.of("DaemonNotActiveException", "The daemon is not ACTIVE.");
        }
        String revision = apply(daemon, call.body(), daemon.clusterArn, call.now());
        newDeployment(daemon, revision, call.now());
        return summary(daemon, Json.object()).put("updatedAt", Json.epoch(daemon.updatedAtMillis));
    }

    ObjectNode describe(Call call) {
        DaemonState daemon = find(Json.required(call.body(), "daemonArn"));
        ObjectNode out = Json.object();
        out.set("daemon", views.daemon(daemon, call.now()));
        return out;
    }

    ObjectNode list(Call call) {
        JsonNode body = call.body();
        String cluster = Json.text(body, "clusterArn");
        String clusterArn = cluster == null ? null : hosts.clusterArn(cluster, call.region());
        List<String> providers = Json.strings(body, "capacityProviderArns").stream()
                .map(ref -> ref.substring(ref.lastIndexOf('/') + 1)).toList();
        List<String> matching = new ArrayList<>();
        for (DaemonState d : state.daemons.values()) {
            boolean inCluster = clusterArn == null || clusterArn.equals(d.clusterArn);
            boolean onProvider = providers.isEmpty() || d.capacityProviderArns.stream()
                    .anyMatch(cp -> providers.contains(cp.substring(cp.lastIndexOf('/') + 1)));
            if (inCluster && onProvider) {
                matching.add(d.arn);
            }
        }
        return Page.listResponse(matching, body, "daemonSummariesList", 100, arn -> {
            DaemonState d = state.daemons.get(arn);
            return Json.object().put("daemonArn", d.arn).put("status", d.status)
                    .put("createdAt", Json.epoch(d.createdAtMillis)).put("updatedAt", Json.epoch(d.updatedAtMillis));
        });
    }

    ObjectNode delete(Call call) {
        DaemonState daemon = find(Json.required(call.body(), "daemonArn"));
        if (!daemon.status.equals("ACTIVE")) {
            throw EcsError.of("DaemonNotActiveException", "The daemon is not ACTIVE.");
        }
        daemon.status = "DELETE_IN_PROGRESS";
        daemon.updatedAtMillis = call.now();
        DeploymentState deployment = Deployments.start(state, arns, daemon, null, daemon.deploymentConfiguration, call.now());
        deployment.statusReason = "Daemon deletion requested.";
        return summary(daemon, Json.object()).put("updatedAt", Json.epoch(daemon.updatedAtMillis));
    }

    DaemonState find(String ref) {
        DaemonState daemon = ref.startsWith("arn:") ? state.daemons.get(ref) : null;
        if (daemon == null) {
            throw EcsError.of("DaemonNotFoundException", "The specified daemon was not found.");
        }
        return daemon;
    }

    /** The settings both CreateDaemon and UpdateDaemon take, validated as the service model asks. */
    private String apply(DaemonState daemon, JsonNode body, String clusterArn, long now) {
        String tdArn = Json.required(body, "daemonTaskDefinitionArn");
        ObjectNode td = taskDefinitions.findOrNull(tdArn);
        if (td == null || !td.get("status").asText().equals("ACTIVE")) {
            throw EcsError.client("The daemon task definition " + tdArn + " is not ACTIVE or does not exist.");
        }
        List<String> refs = Json.strings(body, "capacityProviderArns");
        if (refs.isEmpty()) {
            throw EcsError.invalid("capacityProviderArns must be specified.");
        }
        List<String> providers = refs.stream().map(ref -> capacityProviders.forDaemon(ref, clusterArn).arn).distinct().toList();
        JsonNode config = body.get("deploymentConfiguration");
        DeploymentRules.check(config);
        String propagate = Json.text(body, "propagateTags");
        if (propagate != null && !propagate.equals("DAEMON") && !propagate.equals("NONE")) {
            throw EcsError.invalid("propagateTags must be DAEMON or NONE.");
        }
        daemon.capacityProviderArns = new ArrayList<>(providers);
        daemon.deploymentConfiguration = config == null ? Json.object() : config.deepCopy();
        return Revisions.make(state, arns, daemon, td, body, now).arn;
    }

    private void newDeployment(DaemonState daemon, String revisionArn, long now) {
        daemon.updatedAtMillis = now;
        Deployments.start(state, arns, daemon, revisionArn, daemon.deploymentConfiguration, now);
    }

    private static ObjectNode summary(DaemonState d, ObjectNode out) {
        return out.put("daemonArn", d.arn).put("status", d.status).put("createdAt", Json.epoch(d.createdAtMillis))
                .put("deploymentArn", d.deploymentArn);
    }

    private static String orDefault(String cluster) {
        return cluster == null || cluster.isEmpty() ? "default" : cluster;
    }
}
