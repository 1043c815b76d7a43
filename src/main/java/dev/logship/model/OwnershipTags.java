package dev.logship.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one place that knows what "mine" means for an ECS resource, judged from its tags alone
 * (services, daemons and task definitions all carry them):
 * <ul>
 *   <li>{@link #MANAGED_BY} = {@link #MANAGER}: some logship made it;</li>
 *   <li>{@link #OWNER}: which installation (an owner id, see README "Ownership"); a resource
 *       without it was made by a logship from before owner ids;</li>
 *   <li>{@link #FORWARDER}: the key inside that installation ({@code cluster/forwarder});</li>
 *   <li>{@link #CONTENT_HASH}: a label of the desired content.</li>
 * </ul>
 * An installation whose owner is null is one from before owner ids: it owns exactly the
 * resources without an owner tag. Prune, update, adopt and revision clean-up ask {@link #relation}
 * or {@link #ownedBy}; nothing else reads these tags to decide.
 */
public final class OwnershipTags {
    public static final String MANAGED_BY = "logship.dev/managed-by";
    public static final String MANAGER = "logship";
    public static final String OWNER = "logship.dev/owner";
    public static final String FORWARDER = "logship.dev/forwarder";
    public static final String CONTENT_HASH = "logship.dev/content-hash";

    /** How a live resource relates to one installation ({@code owner}) and one of its keys. */
    public enum Relation {
        /** Managed by logship, this owner, this key: update it freely. */
        MINE,
        /** Managed by a logship without owner ids, with this key: the first installation with the key claims it (tags its owner). */
        CLAIMABLE,
        /** Another installation's: report a conflict, never touch it. */
        OTHER_OWNER,
        /** This installation's (or unowned), but a different key: report a conflict. */
        OTHER_KEY,
        /** Not logship's at all: a conflict unless the forwarder says adopt. */
        UNMANAGED
    }

    private OwnershipTags() {}

    public static boolean isManaged(Map<String, String> tags) {
        return tags != null && MANAGER.equals(tags.get(MANAGED_BY));
    }

    /** The owner id of a logship-managed resource; empty when unmanaged or made before owner ids. */
    public static Optional<String> owner(Map<String, String> tags) {
        return isManaged(tags) ? Optional.ofNullable(tags.get(OWNER)) : Optional.empty();
    }

    /** Managed by logship and owned by exactly {@code owner} (null: carries no owner tag). */
    public static boolean ownedBy(Map<String, String> tags, String owner) {
        return isManaged(tags) && Objects.equals(tags.get(OWNER), owner);
    }

    /** {@code key} is the value this installation writes in {@link #FORWARDER} for the resource. */
    public static Relation relation(Map<String, String> tags, String owner, String key) {
        if (!isManaged(tags)) {
            return Relation.UNMANAGED;
        }
        String theirs = tags.get(OWNER);
        if (theirs != null && !theirs.equals(owner)) {
            return Relation.OTHER_OWNER;
        }
        if (tags.get(FORWARDER) != null && !tags.get(FORWARDER).equals(key)) {
            return Relation.OTHER_KEY;
        }
        return theirs == null && owner != null ? Relation.CLAIMABLE : Relation.MINE;
    }

    /** A copy of {@code tags} carrying {@code owner} (unchanged when owner is null). */
    public static Map<String, String> withOwner(Map<String, String> tags, String owner) {
        if (owner == null || owner.equals(tags.get(OWNER))) {
            return tags;
        }
        Map<String, String> out = new TreeMap<>(tags);
        out.put(OWNER, owner);
        return out;
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
