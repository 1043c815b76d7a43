package dev.logship.manifest;

import dev.logship.model.Immutable;
import java.util.List;

/**
 * The {@code spec.managedDaemon} block of a {@code scheduling: managedDaemon} forwarder: the
 * ECS Managed Instances capacity providers (names or ARNs) it runs on and its deployment
 * settings. {@code drainPercent} and {@code bakeTimeMinutes} are null when left to ECS;
 * {@code alarmRollback} says whether the alarms roll a deployment back (ECS's {@code enable}).
 */
public record ManagedDaemonSettings(List<String> capacityProviders, Double drainPercent, Integer bakeTimeMinutes,
        List<String> alarmNames, boolean alarmRollback) {

    public ManagedDaemonSettings {
        capacityProviders = Immutable.list(capacityProviders);
        alarmNames = Immutable.list(alarmNames);
    }
}
