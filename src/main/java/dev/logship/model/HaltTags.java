package dev.logship.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The record of a halt kept on the ECS resource itself (service or managed daemon, next to the
 * owner tag), so that no restart, empty data directory or other process forgets it: {@link
 * #HALTED} is the revision halted or rolled back there, {@link #HALTED_CONTENT} the content hash
 * that revision had there. Neither gives a route away: a Git commit id is public in the
 * repository, a plain directory's id is keyed with this installation's secret, and the content
 * hash keeps route values out (README "content-hash").
 *
 * <p>These tags are not desired state: the diff leaves them out of service and daemon tags, so
 * a rollback never removes them and a plan never shows them; only {@code sync.HaltRecords}
 * writes or clears them.
 */
public final class HaltTags {
    public static final String HALTED = "logship.dev/halted";
    public static final String HALTED_CONTENT = "logship.dev/halted-content";

    private HaltTags() {}

    public static boolean isHaltTag(String key) {
        return HALTED.equals(key) || HALTED_CONTENT.equals(key);
    }

    /** {@code tags} without the halt record (what the diff compares). */
    public static Map<String, String> without(Map<String, String> tags) {
        if (tags == null || tags.keySet().stream().noneMatch(HaltTags::isHaltTag)) {
            return tags;
        }
        Map<String, String> out = new TreeMap<>(tags);
        out.keySet().removeIf(HaltTags::isHaltTag);
        return out;
    }

    /** The tags that record a halt of {@code revisionId} on a resource whose content there hashed to {@code contentHash}. */
    public static Map<String, String> of(String revisionId, String contentHash) {
        Map<String, String> out = new TreeMap<>();
        out.put(HALTED, revisionId);
        if (contentHash != null && !contentHash.isEmpty()) {
            out.put(HALTED_CONTENT, contentHash);
        }
        return out;
    }

    /**
     * Whether a resource with these live tags refuses {@code revisionId} whose content there hashes
     * to {@code desiredContentHash}. The same revision id is refused. A plain directory's ids are
     * keyed per data directory, so another process (apply, serve with an empty data dir) may name the
     * same files differently: for them, the halted content is refused too where the resource no
     * longer runs it (it was rolled back; a forwarder the halted commit did not change runs the same
     * content and refuses nothing).
     */
    public static boolean refuses(Map<String, String> liveTags, String revisionId, String desiredContentHash) {
        if (liveTags == null || liveTags.get(HALTED) == null) {
            return false;
        }
        String halted = liveTags.get(HALTED);
        if (halted.equals(revisionId)) {
            return true;
        }
        String haltedContent = liveTags.get(HALTED_CONTENT);
        return revisionId.startsWith("dir:") && halted.startsWith("dir:") && desiredContentHash != null
                && desiredContentHash.equals(haltedContent) && !Objects.equals(haltedContent, liveTags.get(OwnershipTags.CONTENT_HASH));
    }
}
