package dev.logship.localecs.taskdefs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.http.EcsError;
import dev.logship.localecs.http.Json;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Turns a RegisterTaskDefinition request into the task definition ECS returns: the caller's
 * fields plus what ECS fills in (container defaults, port mapping protocol and host port,
 * requiresAttributes, compatibilities, status).
 */
public final class TaskDefinitionFiller {
    private static final String DOCKER_API = "com.amazonaws.ecs.capability.docker-remote-api.";

    private TaskDefinitionFiller() {
    }

    static ObjectNode fill(JsonNode request, String arn, int revision, long now, String registeredBy) {
        ObjectNode td = Json.object();
        td.put("taskDefinitionArn", arn);
        ArrayNode containers = td.putArray("containerDefinitions");
        String networkMode = request.hasNonNull("networkMode") ? request.get("networkMode").asText() : "bridge";
        Set<String> attributes = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode container : request.get("containerDefinitions")) {
            ObjectNode filled = fillContainer(container, networkMode, attributes);
            String name = filled.get("name").asText();
            if (!names.add(name)) {
                throw EcsError.client("Container names must be unique: '" + name + "' appears twice.");
            }
            if (!request.hasNonNull("memory") && !filled.hasNonNull("memory") && !filled.hasNonNull("memoryReservation")) {
                throw EcsError.client("Invalid setting for container '" + name
                        + "'. At least one of 'memory' or 'memoryReservation' must be specified.");
            }
            checkVolumes(request, filled);
            containers.add(filled);
        }
        td.put("family", request.get("family").asText());
        request.fields().forEachRemaining(field -> {
            String name = field.getKey();
            if (!name.equals("tags") && !name.equals("containerDefinitions") && !td.has(name)) {
                td.set(name, field.getValue().deepCopy());
            }
        });
        td.put("revision", revision);
        if (!td.has("volumes")) {
            td.putArray("volumes");
        }
        td.put("status", "ACTIVE");
        if (request.hasNonNull("taskRoleArn")) {
            attributes.add("com.amazonaws.ecs.capability.task-iam-role");
        }
        if (networkMode.equals("awsvpc")) {
            attributes.add("ecs.capability.task-eni");
        }
        ArrayNode required = td.putArray("requiresAttributes");
        attributes.forEach(a -> required.addObject().put("name", a));
        if (!td.has("placementConstraints")) {
            td.putArray("placementConstraints");
        }
        td.putArray("compatibilities").add("EC2");
        td.put("registeredAt", Json.epoch(now));
        td.put("registeredBy", registeredBy);
        return td;
    }

    private static ObjectNode fillContainer(JsonNode request, String networkMode, Set<String> attributes) {
        if (!request.hasNonNull("name") || !request.hasNonNull("image")) {
            throw EcsError.client("Container.name and Container.image should not be null or empty.");
        }
        ObjectNode c = Json.object();
        c.put("name", request.get("name").asText());
        c.put("image", request.get("image").asText());
        c.put("cpu", 0);
        c.set("portMappings", fillPorts(request.get("portMappings"), networkMode));
        c.put("essential", true);
        request.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("portMappings")) {
                c.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        for (String list : new String[] {"environment", "mountPoints", "volumesFrom"}) {
            if (!c.has(list)) {
                c.putArray(list);
            }
        }
        if (!c.has("systemControls")) {
            c.putArray("systemControls");
        }
        attributes.add(DOCKER_API + "1.18");
        if (c.has("memoryReservation")) {
            attributes.add(DOCKER_API + "1.21");
        }
        if (c.has("healthCheck")) {
            attributes.add("ecs.capability.container-health-check");
            attributes.add(DOCKER_API + "1.24");
        }
        if (c.has("logConfiguration") && c.get("logConfiguration").hasNonNull("logDriver")) {
            attributes.add("com.amazonaws.ecs.capability.logging-driver."
                    + c.get("logConfiguration").get("logDriver").asText());
            attributes.add(DOCKER_API + "1.19");
        }
        return c;
    }

    /** Every mount point must name a volume the task definition declares. */
    private static void checkVolumes(JsonNode request, ObjectNode container) {
        Set<String> volumes = new LinkedHashSet<>();
        request.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
        for (JsonNode mount : container.path("mountPoints")) {
            String source = mount.path("sourceVolume").asText();
            if (!volumes.contains(source)) {
                throw EcsError.client("Invalid 'containerDefinitions' parameter: container '" + container.get("name").asText()
                        + "' mounts volume '" + source + "', which is not declared in 'volumes'.");
            }
        }
    }

    /** Protocol defaults to tcp; host port is the container port outside bridge mode, else 0 (dynamic). */
    private static ArrayNode fillPorts(JsonNode mappings, String networkMode) {
        ArrayNode out = Json.array();
        if (mappings == null || !mappings.isArray()) {
            return out;
        }
        for (JsonNode mapping : mappings) {
            ObjectNode m = Json.object();
            mapping.fields().forEachRemaining(f -> m.set(f.getKey(), f.getValue().deepCopy()));
            int containerPort = mapping.path("containerPort").asInt(0);
            int hostPort = mapping.path("hostPort").asInt(0);
            if (!networkMode.equals("bridge") && hostPort != 0 && hostPort != containerPort) {
                throw EcsError.client("When networkMode=" + networkMode
                        + ", the host ports must either be undefined or match the container port.");
            }
            m.put("containerPort", containerPort);
            m.put("hostPort", networkMode.equals("bridge") ? hostPort : containerPort);
            m.put("protocol", mapping.hasNonNull("protocol") ? mapping.get("protocol").asText() : "tcp");
            out.add(m);
        }
        return out;
    }

    /** Host ports a task of this definition holds on its node; awsvpc tasks hold none (own ENI). */
    public static Set<Integer> fixedHostPorts(JsonNode taskDefinition) {
        Set<Integer> ports = new LinkedHashSet<>();
        String mode = taskDefinition.path("networkMode").asText("bridge");
        if (mode.equals("awsvpc")) {
            return ports;
        }
        for (JsonNode c : taskDefinition.path("containerDefinitions")) {
            for (JsonNode m : c.path("portMappings")) {
                int port = m.path("hostPort").asInt(0);
                if (port > 0) {
                    ports.add(port);
                }
            }
        }
        return ports;
    }
}
