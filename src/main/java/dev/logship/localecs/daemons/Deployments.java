package dev.logship.localecs.daemons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.http.Call;
import dev.logship.localecs.http.EcsError;
import dev.logship.localecs.http.Json;
import dev.logship.localecs.http.Page;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Starts daemon deployments; ListDaemonDeployments, DescribeDaemonDeployments, DescribeDaemonRevisions. */
final class Deployments {
    private static final Set<String> STATUSES = Set.of("PENDING", "SUCCESSFUL", "STOPPED", "STOP_REQUESTED",
            "IN_PROGRESS", "ROLLBACK_IN_PROGRESS", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED");
    private final DaemonsState state;
    private final Daemons daemons;
    private final DaemonViews views;

    Deployments(DaemonsState state, Daemons daemons, DaemonViews views) {
        this.state = state;
        this.daemons = daemons;
        this.views = views;
    }

    /** A new deployment to {@code targetRevisionArn} (null: remove the daemon); stops one in flight. */
    static DeploymentState start(DaemonsState state, DaemonArns arns, DaemonState daemon, String targetRevisionArn,
            ObjectNode config, long now) {
        DeploymentState previous = daemon.deploymentArn == null ? null : state.deployments.get(daemon.deploymentArn);
        if (previous != null && previous.active()) {
            previous.status = "STOPPED";
            previous.statusReason = "Stopped by a newer deployment.";
            previous.stoppedAtMillis = now;
        }
        DeploymentState d = new DeploymentState();
        d.arn = arns.deployment(daemon.clusterArn, daemon.name, state.nextId());
        d.daemonArn = daemon.arn;
        d.clusterArn = daemon.clusterArn;
        d.targetRevisionArn = targetRevisionArn;
        Set<String> sources = new LinkedHashSet<>();
        daemon.placed.values().forEach(p -> sources.add(p.revisionArn));
        if (sources.isEmpty() && daemon.currentRevisionArn != null) {
            sources.add(daemon.currentRevisionArn);
        }
        sources.remove(targetRevisionArn);
        d.sourceRevisionArns = new ArrayList<>(sources);
        d.deploymentConfiguration = config == null ? Json.object() : config.deepCopy();
        d.createdAtMillis = now;
        state.deployments.put(d.arn, d);
        daemon.deploymentArn = d.arn;
        return d;
    }

    ObjectNode list(Call call) {
        JsonNode body = call.body();
        DaemonState daemon = daemons.find(Json.required(body, "daemonArn"));
        List<String> statuses = Json.strings(body, "status");
        statuses.forEach(s -> {
            if (!STATUSES.contains(s)) {
                throw EcsError.invalid("Invalid status: " + s);
            }
        });
        JsonNode created = body.path("createdAt");
        List<String> matching = new ArrayList<>();
        state.deployments.values().stream().filter(d -> d.daemonArn.equals(daemon.arn))
                .filter(d -> statuses.isEmpty() || statuses.contains(d.status))
                .filter(d -> !created.has("after") || seconds(d.createdAtMillis) >= created.get("after").asDouble())
                .filter(d -> !created.has("before") || seconds(d.createdAtMillis) <= created.get("before").asDouble())
                .forEach(d -> matching.add(0, d.arn));
        return Page.listResponse(matching, body, "daemonDeployments", 20,
                arn -> views.deploymentSummary(state.deployments.get(arn)));
    }

    ObjectNode describe(Call call) {
        List<String> refs = Json.strings(call.body(), "daemonDeploymentArns");
        bounded(refs, "daemonDeploymentArns");
        return described(refs, "daemonDeployments", ref -> {
            DeploymentState d = state.deployments.get(ref);
            return d == null ? null : views.deployment(d, call.now());
        });
    }

    ObjectNode describeRevisions(Call call) {
        List<String> refs = Json.strings(call.body(), "daemonRevisionArns");
        bounded(refs, "daemonRevisionArns");
        return described(refs, "daemonRevisions", ref -> {
            RevisionState r = state.revisions.get(ref);
            return r == null ? null : Revisions.view(r);
        });
    }

    /** A Describe* answer: each ref's view under {@code field}, or a MISSING failure where {@code view} gives null. */
    private static ObjectNode described(List<String> refs, String field, Function<String, JsonNode> view) {
        ObjectNode out = Json.object();
        ArrayNode found = out.putArray(field);
        ArrayNode failures = out.putArray("failures");
        for (String ref : refs) {
            JsonNode shown = view.apply(ref);
            if (shown == null) {
                failures.addObject().put("arn", ref).put("reason", "MISSING");
            } else {
                found.add(shown);
            }
        }
        return out;
    }

    private static void bounded(List<String> refs, String field) {
        if (refs.isEmpty() || refs.size() > 20) {
            throw EcsError.invalid(field + " must contain between 1 and 20 items.");
        }
    }

    private static double seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).doubleValue();
    }
}
