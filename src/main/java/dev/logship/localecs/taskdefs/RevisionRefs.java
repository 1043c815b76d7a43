package dev.logship.localecs.taskdefs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.resources.Arns;
import java.util.List;
import java.util.Map;

/**
 * How ECS resolves a reference to a revision of a family, for task definitions and daemon task
 * definitions alike: an ARN or {@code family:revision} names one revision; a bare family means
 * its latest ACTIVE revision. Revisions are kept in order, revision N at index N - 1.
 */
public final class RevisionRefs {
    private RevisionRefs() {}

    /** The revision {@code ref} names, or null when there is none. */
    public static ObjectNode resolve(Map<String, List<ObjectNode>> families, String ref) {
        String name = Arns.lastSegment(ref);
        int colon = name.lastIndexOf(':');
        List<ObjectNode> revisions = families.get(colon < 0 ? name : name.substring(0, colon));
        if (revisions == null) {
            return null;
        }
        if (colon < 0) {
            for (int i = revisions.size() - 1; i >= 0; i--) {
                if (revisions.get(i).get("status").asText().equals("ACTIVE")) {
                    return revisions.get(i);
                }
            }
            return null;
        }
        try {
            int revision = Integer.parseInt(name.substring(colon + 1));
            return revision >= 1 && revision <= revisions.size() ? revisions.get(revision - 1) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
