package dev.logship.model;

import java.util.Objects;

/**
 * One forwarder rendered for one cluster. {@code perNodePort}: REPLICA service whose
 * desiredCount logship keeps equal to the cluster's ACTIVE nodes. {@code adopt}: take over a
 * same-named service that lacks logship's ownership tags instead of reporting a conflict.
 * {@code contentHash}: hash of the normalised desired content, also carried as a tag.
 */
public record DesiredForwarder(
        ForwarderKey key,
        TaskDefinitionSpec taskDefinition,
        ServiceSpec service,
        boolean perNodePort,
        boolean adopt,
        String contentHash) {

    public DesiredForwarder {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(taskDefinition, "taskDefinition");
        Objects.requireNonNull(service, "service");
    }

    public DesiredForwarder withTaskDefinition(TaskDefinitionSpec newTaskDefinition) {
        return new DesiredForwarder(key, newTaskDefinition, service, perNodePort, adopt, contentHash);
    }

    /** The same forwarder with its task definition and service tagged with {@code owner}. */
    public DesiredForwarder ownedBy(String owner) {
        return new DesiredForwarder(key, taskDefinition.withTags(OwnershipTags.withOwner(taskDefinition.tags(), owner)),
                service.withTags(OwnershipTags.withOwner(service.tags(), owner)), perNodePort, adopt, contentHash);
    }
}
