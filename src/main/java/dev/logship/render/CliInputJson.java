package dev.logship.render;

import dev.logship.model.ContainerSpec;
import dev.logship.model.DeploymentSpec;
import dev.logship.model.MountPoint;
import dev.logship.model.PlacementConstraint;
import dev.logship.model.PortMapping;
import dev.logship.model.SchedulingStrategy;
import dev.logship.model.ServiceSpec;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rendered specs as the AWS API's own JSON shapes (field names and order as in the ECS API
 * reference), so {@code aws ecs register-task-definition --cli-input-json} and
 * {@code aws ecs create-service --cli-input-json} accept them as printed. Plain maps and
 * lists: the caller picks the JSON library.
 */
public final class CliInputJson {
    private CliInputJson() {}

    public static Map<String, Object> registerTaskDefinition(TaskDefinitionSpec spec, boolean maskSecrets) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("family", spec.family());
        if (spec.executionRoleArn() != null) {
            input.put("executionRoleArn", spec.executionRoleArn());
        }
        if (spec.taskRoleArn() != null) {
            input.put("taskRoleArn", spec.taskRoleArn());
        }
        if (spec.networkMode() != null) {
            input.put("networkMode", spec.networkMode());
        }
        input.put("requiresCompatibilities", spec.requiresCompatibilities());
        input.put("containerDefinitions", spec.containers().stream().map(c -> container(c, maskSecrets)).toList());
        input.put("volumes", spec.volumes().stream().map(CliInputJson::volume).toList());
        if (!spec.placementConstraints().isEmpty()) {
            input.put("placementConstraints", constraints(spec.placementConstraints()));
        }
        input.put("tags", tags(spec.tags()));
        return input;
    }

    /** {@code taskDefinition} is a family (ECS takes its latest ACTIVE revision) or family:revision / ARN. */
    public static Map<String, Object> createService(ServiceSpec spec, String cluster, String taskDefinition, boolean maskSecrets) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("cluster", cluster);
        input.put("serviceName", spec.serviceName());
        input.put("taskDefinition", taskDefinition);
        input.put("schedulingStrategy", spec.schedulingStrategy().name());
        if (spec.schedulingStrategy() == SchedulingStrategy.REPLICA && spec.desiredCount() != null) {
            input.put("desiredCount", spec.desiredCount());
        }
        if (!spec.placementConstraints().isEmpty()) {
            input.put("placementConstraints", constraints(spec.placementConstraints()));
        }
        Map<String, Object> deployment = deployment(spec.deployment());
        if (!deployment.isEmpty()) {
            input.put("deploymentConfiguration", deployment);
        }
        if (spec.propagateTags() != null) {
            input.put("propagateTags", spec.propagateTags());
        }
        input.put("tags", tags(spec.tags()));
        return input;
    }

    private static Map<String, Object> container(ContainerSpec c, boolean maskSecrets) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", c.name());
        out.put("image", c.image());
        out.put("cpu", c.cpu());
        if (c.memory() != null) {
            out.put("memory", c.memory());
        }
        if (c.memoryReservation() != null) {
            out.put("memoryReservation", c.memoryReservation());
        }
        out.put("essential", c.essential());
        // logspout takes its routes as the command (the secret part); Fluent Bit names variables only.
        out.put("command", c.command().stream()
                .map(arg -> maskSecrets && arg.contains("://") ? Secrets.maskRoutes(arg) : arg).toList());
        Map<String, String> environment = new LinkedHashMap<>(c.environment());
        if (maskSecrets) {
            environment.replaceAll(Secrets::maskEnvironmentValue);
        }
        out.put("environment", pairs(environment, "name", "value"));
        if (!c.secrets().isEmpty()) {
            out.put("secrets", pairs(c.secrets(), "name", "valueFrom"));
        }
        out.put("portMappings", c.portMappings().stream().map(CliInputJson::portMapping).toList());
        out.put("mountPoints", c.mountPoints().stream().map(CliInputJson::mountPoint).toList());
        if (c.healthCheck() != null) {
            Map<String, Object> health = new LinkedHashMap<>();
            health.put("command", c.healthCheck().command());
            putIfSet(health, "interval", c.healthCheck().interval());
            putIfSet(health, "timeout", c.healthCheck().timeout());
            putIfSet(health, "retries", c.healthCheck().retries());
            putIfSet(health, "startPeriod", c.healthCheck().startPeriod());
            out.put("healthCheck", health);
        }
        return out;
    }

    private static Map<String, Object> portMapping(PortMapping p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("containerPort", p.containerPort());
        out.put("hostPort", p.hostPort());
        out.put("protocol", p.protocol() == null ? "tcp" : p.protocol());
        return out;
    }

    private static Map<String, Object> mountPoint(MountPoint m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sourceVolume", m.sourceVolume());
        out.put("containerPath", m.containerPath());
        out.put("readOnly", m.readOnly());
        return out;
    }

    private static Map<String, Object> volume(Volume v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", v.name());
        out.put("host", Map.of("sourcePath", v.hostSourcePath()));
        return out;
    }

    private static List<Map<String, Object>> constraints(List<PlacementConstraint> constraints) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PlacementConstraint constraint : constraints) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("type", constraint.type());
            putIfSet(item, "expression", constraint.expression());
            out.add(item);
        }
        return out;
    }

    private static Map<String, Object> deployment(DeploymentSpec deployment) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfSet(out, "maximumPercent", deployment.maximumPercent());
        putIfSet(out, "minimumHealthyPercent", deployment.minimumHealthyPercent());
        if (deployment.circuitBreaker() != null) {
            Map<String, Object> breaker = new LinkedHashMap<>();
            breaker.put("enable", deployment.circuitBreaker());
            breaker.put("rollback", false);
            out.put("deploymentCircuitBreaker", breaker);
        }
        return out;
    }

    private static List<Map<String, Object>> tags(Map<String, String> tags) {
        return pairs(tags, "key", "value");
    }

    private static List<Map<String, Object>> pairs(Map<String, String> map, String keyName, String valueName) {
        List<Map<String, Object>> out = new ArrayList<>();
        map.forEach((key, value) -> {
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put(keyName, key);
            pair.put(valueName, value);
            out.add(pair);
        });
        return out;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
