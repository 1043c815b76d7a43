package dev.logship.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ECS managed daemon as CreateDaemon accepts it, minus the daemon task definition (resolved
 * to a revision at apply time, as for services). {@code capacityProviders} are names or ARNs of
 * Managed Instances capacity providers; {@code drainPercent} and {@code bakeTimeMinutes} null
 * leave ECS's defaults; {@code alarmRollback} is ECS's alarms {@code enable}.
 */
public record DaemonSpec(
        String daemonName,
        List<String> capacityProviders,
        Double drainPercent,
        Integer bakeTimeMinutes,
        List<String> alarmNames,
        boolean alarmRollback,
        Map<String, String> tags) implements Workload {

    public DaemonSpec {
        Objects.requireNonNull(daemonName, "daemonName");
        capacityProviders = Immutable.list(capacityProviders);
        if (capacityProviders.isEmpty()) {
            throw new IllegalArgumentException("a daemon needs at least one capacity provider");
        }
        alarmNames = Immutable.list(alarmNames);
        tags = Immutable.sortedMap(tags);
    }

    @Override
    public String name() {
        return daemonName;
    }

    @Override
    public <T> T match(java.util.function.Function<ServiceSpec, T> service, java.util.function.Function<DaemonSpec, T> daemon) {
        return daemon.apply(this);
    }

    public DaemonSpec withTags(Map<String, String> newTags) {
        return new DaemonSpec(daemonName, capacityProviders, drainPercent, bakeTimeMinutes, alarmNames, alarmRollback, newTags);
    }
}
