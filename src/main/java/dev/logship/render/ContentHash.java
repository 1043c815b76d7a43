package dev.logship.render;

import dev.logship.model.ContainerSpec;
import dev.logship.model.DaemonSpec;
import dev.logship.model.ServiceSpec;
import dev.logship.model.TaskDefinitionSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A short hash of what a forwarder should look like: the task definition without tags and
 * the service without desiredCount (logship moves it with the node count) and tags. Record
 * text is deterministic (lists keep order, maps are sorted), so it is the canonical form.
 *
 * <p>The hash is a tag, and tags are public (copied onto every task, shown in plans), while
 * the space of routes is small (65,535 ports). So no value that may carry a route goes into it:
 * each command and entryPoint element and each environment value is replaced by a placeholder
 * (names stay). A route change still shows in the plan, as a masked command or environment
 * change; only this label does not move with it.
 */
final class ContentHash {
    static final int LENGTH = 16;
    static final String PLACEHOLDER = "(secret)";

    private ContentHash() {}

    static String of(TaskDefinitionSpec taskDefinition, ServiceSpec service) {
        ServiceSpec normalised = new ServiceSpec(service.serviceName(), service.schedulingStrategy(), null,
                service.placementConstraints(), service.deployment(), service.propagateTags(), Map.of());
        return hash(text(taskDefinition) + "\n" + normalised);
    }

    /** The same for a managed daemon: its settings without tags. */
    static String of(TaskDefinitionSpec taskDefinition, DaemonSpec daemon) {
        return hash(text(taskDefinition) + "\n" + daemon.withTags(Map.of()));
    }

    /** Without a task role the text is the one before taskRoleArn existed, so those forwarders keep their hash. */
    private static String text(TaskDefinitionSpec taskDefinition) {
        String text = routeFree(taskDefinition).toString();
        return taskDefinition.taskRoleArn() == null ? text.replace(", taskRoleArn=null", "") : text;
    }

    private static String hash(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The task definition without tags, document, or any value that may hold a route. */
    static TaskDefinitionSpec routeFree(TaskDefinitionSpec td) {
        List<ContainerSpec> containers = td.containers().stream().map(ContentHash::routeFree).toList();
        return new TaskDefinitionSpec(td.family(), td.networkMode(), td.requiresCompatibilities(), containers,
                td.volumes(), td.placementConstraints(), Map.of(), td.executionRoleArn(), td.taskRoleArn(), null);
    }

    private static ContainerSpec routeFree(ContainerSpec c) {
        Map<String, String> environment = new TreeMap<>();
        c.environment().keySet().forEach(name -> environment.put(name, PLACEHOLDER));
        return new ContainerSpec(c.name(), c.image(), c.cpu(), c.memory(), c.memoryReservation(), c.essential(),
                c.command().stream().map(part -> PLACEHOLDER).toList(), environment, c.secrets(), c.portMappings(),
                c.mountPoints(), c.healthCheck());
    }
}
