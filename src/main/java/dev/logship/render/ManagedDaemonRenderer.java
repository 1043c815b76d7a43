package dev.logship.render;

import dev.logship.manifest.ForwarderManifest;
import dev.logship.manifest.ManagedDaemonSettings;
import dev.logship.model.DaemonSpec;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.ForwarderKey;
import dev.logship.model.TaskDefinitionSpec;
import java.util.List;
import java.util.Map;

/**
 * A {@code scheduling: managedDaemon} forwarder as an ECS managed daemon: the same container as
 * the service modes, in a daemon task definition (which has no network mode, compatibilities,
 * port mappings or placement constraints), and the daemon named after the forwarder, tagged as
 * services are (managed-by, forwarder key, content hash; the owner is stamped per installation).
 */
final class ManagedDaemonRenderer {
    private ManagedDaemonRenderer() {}

    static DesiredForwarder render(ForwarderKey key, ForwarderManifest forwarder) {
        TaskDefinitionSpec service = ForwarderRenderer.taskDefinition(key, forwarder, false);
        TaskDefinitionSpec taskDefinition = new TaskDefinitionSpec(service.family(), null, List.of(), service.containers(),
                service.volumes(), List.of(), Map.of(), service.executionRoleArn(), service.taskRoleArn(), null);
        ManagedDaemonSettings settings = forwarder.managedDaemon();
        DaemonSpec daemon = new DaemonSpec(forwarder.name(), settings.capacityProviders(), settings.drainPercent(),
                settings.bakeTimeMinutes(), settings.alarmNames(), settings.alarmRollback(), Map.of());
        String hash = ContentHash.of(taskDefinition, daemon);
        Map<String, String> taskTags = ForwarderRenderer.taskTags(forwarder);
        return new DesiredForwarder(key, taskDefinition.withTags(taskTags),
                daemon.withTags(ForwarderRenderer.workloadTags(key, taskTags, hash)), false, forwarder.adopt(), hash);
    }
}
