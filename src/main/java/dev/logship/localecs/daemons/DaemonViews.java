package dev.logship.localecs.daemons;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.http.Json;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Renders daemons and daemon deployments in the service model's shapes. */
final class DaemonViews {
    private final DaemonsState state;
    private final Hosts hosts;

    DaemonViews(DaemonsState state, Hosts hosts) {
        this.state = state;
        this.hosts = hosts;
    }

    ObjectNode daemon(DaemonState d, long now) {
        ObjectNode out = Json.object();
        out.put("daemonArn", d.arn).put("clusterArn", d.clusterArn).put("status", d.status);
        ArrayNode current = out.putArray("currentRevisions");
        Set<String> revisions = new LinkedHashSet<>();
        if (d.currentRevisionArn != null) {
            revisions.add(d.currentRevisionArn);
        }
        d.placed.values().forEach(p -> revisions.add(p.revisionArn));
        for (String revision : revisions) {
            Map<String, Integer> running = runningByProvider(d, revision, now);
            ObjectNode detail = current.addObject().put("arn", revision);
            ArrayNode providers = detail.putArray("capacityProviders");
            running.forEach((cp, n) -> providers.addObject().put("arn", cp).put("runningCount", n));
            detail.put("totalRunningCount", running.values().stream().mapToInt(Integer::intValue).sum());
        }
        out.put("deploymentArn", d.deploymentArn);
        out.put("createdAt", Json.epoch(d.createdAtMillis)).put("updatedAt", Json.epoch(d.updatedAtMillis));
        return out;
    }

    ObjectNode deploymentSummary(DeploymentState d) {
        ObjectNode out = Json.object();
        out.put("daemonDeploymentArn", d.arn).put("daemonArn", d.daemonArn).put("clusterArn", d.clusterArn);
        out.put("status", d.status);
        if (d.statusReason != null) {
            out.put("statusReason", d.statusReason);
        }
        if (d.targetRevisionArn != null) {
            out.put("targetDaemonRevisionArn", d.targetRevisionArn);
        }
        times(d, out);
        return out;
    }

    ObjectNode deployment(DeploymentState d, long now) {
        DaemonState daemon = state.daemons.get(d.daemonArn);
        ObjectNode out = Json.object();
        out.put("daemonDeploymentArn", d.arn).put("clusterArn", d.clusterArn).put("status", d.status);
        if (d.statusReason != null) {
            out.put("statusReason", d.statusReason);
        }
        if (d.targetRevisionArn != null) {
            out.set("targetDaemonRevision", revisionDetail(daemon, d.targetRevisionArn, now));
        }
        ArrayNode sources = out.putArray("sourceDaemonRevisions");
        d.sourceRevisionArns.forEach(r -> sources.add(revisionDetail(daemon, r, now)));
        out.putObject("circuitBreaker").put("failureCount", d.failureCount).put("status", d.circuitBreakerStatus)
                .put("threshold", d.threshold);
        ObjectNode alarms = out.putObject("alarms");
        var configured = d.deploymentConfiguration.path("alarms");
        alarms.put("status", configured.path("enable").asBoolean() ? monitoring(d) : "DISABLED");
        alarms.set("alarmNames", configured.has("alarmNames") ? configured.get("alarmNames").deepCopy() : Json.array());
        alarms.putArray("triggeredAlarmNames");
        if (d.rollbackReason != null) {
            ObjectNode rollback = out.putObject("rollback").put("reason", d.rollbackReason)
                    .put("startedAt", Json.epoch(d.rollbackStartedAtMillis))
                    .put("rollbackTargetDaemonRevisionArn", d.rollbackTargetRevisionArn);
            ArrayNode providers = rollback.putArray("rollbackCapacityProviders");
            if (daemon != null) {
                daemon.capacityProviderArns.forEach(providers::add);
            }
        }
        out.set("deploymentConfiguration", d.deploymentConfiguration.deepCopy());
        times(d, out);
        return out;
    }

    private static String monitoring(DeploymentState d) {
        return d.active() ? "MONITORING" : "MONITORING_COMPLETE";
    }

    private ObjectNode revisionDetail(DaemonState daemon, String revision, long now) {
        ObjectNode out = Json.object().put("arn", revision);
        ArrayNode providers = out.putArray("capacityProviders");
        Map<String, Integer> running = daemon == null ? Map.of() : runningByProvider(daemon, revision, now);
        running.forEach((cp, n) -> providers.addObject().put("arn", cp).put("runningInstanceCount", n)
                .put("drainingInstanceCount", 0));
        out.put("totalRunningInstanceCount", running.values().stream().mapToInt(Integer::intValue).sum());
        out.put("totalDrainingInstanceCount", 0);
        return out;
    }

    /** Running daemon tasks of one revision per capacity provider ARN (every provider listed, zero too). */
    private Map<String, Integer> runningByProvider(DaemonState d, String revision, long now) {
        Map<String, Integer> out = new LinkedHashMap<>();
        d.capacityProviderArns.forEach(cp -> out.put(cp, 0));
        for (DaemonState.Placed p : d.placed.values()) {
            if (p.revisionArn.equals(revision) && "RUNNING".equals(hosts.taskStatus(d.clusterArn, p.taskArn, now))) {
                CapacityProviderState cp = state.capacityProviders.get(p.capacityProviderName);
                if (cp != null) {
                    out.merge(cp.arn, 1, Integer::sum);
                }
            }
        }
        return out;
    }

    private static void times(DeploymentState d, ObjectNode out) {
        out.put("createdAt", Json.epoch(d.createdAtMillis));
        put(out, "startedAt", d.startedAtMillis);
        put(out, "stoppedAt", d.stoppedAtMillis);
        put(out, "finishedAt", d.finishedAtMillis);
    }

    private static void put(ObjectNode out, String field, Long millis) {
        if (millis != null) {
            out.put(field, Json.epoch(millis));
        }
    }
}
