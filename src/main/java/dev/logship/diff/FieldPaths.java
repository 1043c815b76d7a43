package dev.logship.diff;

import dev.logship.model.ContainerSpec;
import dev.logship.model.HealthCheck;
import dev.logship.model.MountPoint;
import dev.logship.model.PlacementConstraint;
import dev.logship.model.PortMapping;
import dev.logship.model.ServiceSpec;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.model.Volume;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Flattens normalised specs into {@code path -> value} maps, so a diff is a comparison of two
 * maps and every difference comes with a readable field path. Absent values are left out.
 */
public final class FieldPaths {
    static final String TASK_DEFINITION = "taskDefinition.";
    static final String SERVICE = "service.";
    static final String SERVICE_TAGS = "service.tags.";

    private FieldPaths() {}

    /**
     * Container commands, entry points and environment values carry route URIs (host and port
     * are credentials), in the modelled paths and in the full document's paths alike.
     */
    static boolean isSensitive(String path) {
        return (path.startsWith(TASK_DEFINITION + "containers[") || path.startsWith(TASK_DEFINITION + "containerDefinitions["))
                && (path.endsWith(".command") || path.endsWith(".entryPoint")
                    || path.contains(".environment.") || path.contains(".environment["));
    }

    public static SortedMap<String, String> of(TaskDefinitionSpec normalised) {
        SortedMap<String, String> out = new TreeMap<>();
        String p = TASK_DEFINITION;
        put(out, p + "family", normalised.family());
        put(out, p + "networkMode", normalised.networkMode());
        put(out, p + "executionRoleArn", normalised.executionRoleArn());
        put(out, p + "taskRoleArn", normalised.taskRoleArn());
        putList(out, p + "requiresCompatibilities", normalised.requiresCompatibilities());
        for (ContainerSpec c : normalised.containers()) {
            container(out, p + "containers[" + c.name() + "].", c);
        }
        for (Volume v : normalised.volumes()) {
            put(out, p + "volumes[" + v.name() + "].hostSourcePath", v.hostSourcePath() == null ? "(docker managed)" : v.hostSourcePath());
        }
        putList(out, p + "placementConstraints", constraints(normalised.placementConstraints()));
        normalised.tags().forEach((k, v) -> put(out, p + "tags." + k, v));
        return out;
    }

    private static void container(Map<String, String> out, String p, ContainerSpec c) {
        put(out, p + "image", c.image());
        if (c.cpu() != 0) {
            put(out, p + "cpu", String.valueOf(c.cpu()));
        }
        put(out, p + "memory", c.memory());
        put(out, p + "memoryReservation", c.memoryReservation());
        if (!c.essential()) {
            put(out, p + "essential", "false");
        }
        putList(out, p + "command", c.command());
        c.environment().forEach((k, v) -> put(out, p + "environment." + k, v));
        c.secrets().forEach((k, v) -> put(out, p + "secrets." + k, v));
        putList(out, p + "portMappings", c.portMappings().stream().map(FieldPaths::port).toList());
        putList(out, p + "mountPoints", c.mountPoints().stream().map(FieldPaths::mount).toList());
        HealthCheck h = c.healthCheck();
        if (h != null) {
            put(out, p + "healthCheck", h.command() + " interval=" + h.interval() + " timeout=" + h.timeout()
                    + " retries=" + h.retries() + " startPeriod=" + h.startPeriod());
        }
    }

    public static SortedMap<String, String> of(ServiceSpec normalised) {
        SortedMap<String, String> out = new TreeMap<>();
        String p = SERVICE;
        put(out, p + "schedulingStrategy", normalised.schedulingStrategy().name());
        put(out, p + "desiredCount", normalised.desiredCount());
        putList(out, p + "placementConstraints", constraints(normalised.placementConstraints()));
        put(out, p + "deployment.maximumPercent", normalised.deployment().maximumPercent());
        put(out, p + "deployment.minimumHealthyPercent", normalised.deployment().minimumHealthyPercent());
        put(out, p + "deployment.circuitBreaker", normalised.deployment().circuitBreaker());
        put(out, p + "propagateTags", normalised.propagateTags());
        normalised.tags().forEach((k, v) -> put(out, SERVICE_TAGS + k, v));
        return out;
    }

    private static String port(PortMapping m) {
        return m.containerPort() + ":" + m.hostPort() + "/" + (m.protocol() == null ? "tcp" : m.protocol());
    }

    private static String mount(MountPoint m) {
        return m.sourceVolume() + ":" + m.containerPath() + (m.readOnly() ? ":ro" : "");
    }

    private static List<String> constraints(List<PlacementConstraint> constraints) {
        return constraints.stream()
                .map(c -> c.expression() == null ? c.type() : c.type() + "(" + c.expression() + ")")
                .toList();
    }

    private static void put(Map<String, String> out, String path, Object value) {
        if (value != null) {
            out.put(path, String.valueOf(value));
        }
    }

    private static void putList(Map<String, String> out, String path, List<String> values) {
        if (!values.isEmpty()) {
            out.put(path, values.stream().collect(Collectors.joining(", ", "[", "]")));
        }
    }
}
