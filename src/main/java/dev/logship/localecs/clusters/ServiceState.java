package dev.logship.localecs.clusters;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A service as ECS keeps it: settings, deployments (PRIMARY first) and events (newest first). */
public final class ServiceState {
    public String name;
    public String arn;
    public String clusterArn;
    /** ACTIVE, DRAINING or INACTIVE. */
    public String status = "ACTIVE";
    public String taskDefinition;
    public int desiredCount;
    /** REPLICA or DAEMON. */
    public String schedulingStrategy;
    public ObjectNode deploymentConfiguration;
    public ArrayNode placementConstraints;
    public ArrayNode placementStrategy;
    public String propagateTags = "NONE";
    public boolean enableECSManagedTags;
    public boolean enableExecuteCommand;
    /** Whether the last settle found the service steady, so "reached a steady state" is said once. */
    public boolean steady;
    public Integer healthCheckGracePeriodSeconds;
    public long createdAtMillis;
    public String createdBy;
    public List<DeploymentState> deployments = new ArrayList<>();
    public List<ServiceEvent> events = new ArrayList<>();

    public DeploymentState primary() {
        return deployments.get(0);
    }

    public boolean daemon() {
        return "DAEMON".equals(schedulingStrategy);
    }

    /** Adds an event unless it repeats the newest one (ECS does not repeat itself either). */
    public void event(String id, long now, String message) {
        if (!events.isEmpty() && events.get(0).message.equals(message)) {
            return;
        }
        events.add(0, ServiceEvent.of(id, now, message));
        if (events.size() > 100) {
            events.remove(events.size() - 1);
        }
    }
}
