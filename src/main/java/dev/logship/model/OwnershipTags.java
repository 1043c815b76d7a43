package dev.logship.model;

import java.util.Map;
import java.util.Optional;

/**
 * The tags that mark an ECS resource as logship's. Prune and update touch only resources
 * carrying {@link #MANAGED_BY} = {@link #MANAGER}; {@link #FORWARDER} says which forwarder
 * (cluster/forwarder) it belongs to and {@link #CONTENT_HASH} the hash of its desired content.
 */
public final class OwnershipTags {
    public static final String MANAGED_BY = "logship.dev/managed-by";
    public static final String MANAGER = "logship";
    public static final String FORWARDER = "logship.dev/forwarder";
    public static final String CONTENT_HASH = "logship.dev/content-hash";

    private OwnershipTags() {}

    public static boolean isManaged(Map<String, String> tags) {
        return tags != null && MANAGER.equals(tags.get(MANAGED_BY));
    }

    public static Optional<ForwarderKey> forwarder(Map<String, String> tags) {
        if (!isManaged(tags) || tags.get(FORWARDER) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ForwarderKey.parse(tags.get(FORWARDER)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
