package dev.logship.render;

import dev.logship.model.ServiceSpec;
import dev.logship.model.TaskDefinitionSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A short hash of what a forwarder should look like: the task definition without tags and
 * the service without desiredCount (logship moves it with the node count) and tags. Record
 * text is deterministic (lists keep order, maps are sorted), so it is the canonical form.
 */
final class ContentHash {
    static final int LENGTH = 16;

    private ContentHash() {}

    static String of(TaskDefinitionSpec taskDefinition, ServiceSpec service) {
        ServiceSpec normalised = new ServiceSpec(service.serviceName(), service.schedulingStrategy(), null,
                service.placementConstraints(), service.deployment(), service.propagateTags(), Map.of());
        String canonical = taskDefinition.withTags(Map.of()) + "\n" + normalised;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
