package dev.logship.sync;

import dev.logship.model.OwnershipTags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Deregisters revisions of one family that nobody uses, keeping the newest {@code keep} (a
 * cluster may be rolling onto them; rollbacks stay cheap). "Newest" is the revision number
 * parsed from each ARN, never the server's listing order. Only revisions carrying this
 * installation's owner tag are touched. The caller holds the family's lock ({@link FamilyLocks})
 * and passes in every revision in use or retained ({@link RetainedRevisions}).
 */
final class RevisionCleanup {
    private RevisionCleanup() {}

    static List<String> deregisterUnused(EcsGateway gateway, String owner, List<String> arns, Set<String> inUse, int keep) {
        List<String> newestFirst = new ArrayList<>(arns);
        newestFirst.sort(Comparator.comparingLong(RevisionCleanup::revision).reversed());
        List<String> deregistered = new ArrayList<>();
        for (int i = keep; i < newestFirst.size(); i++) {
            String arn = newestFirst.get(i);
            if (revision(arn) != Long.MAX_VALUE && !inUse.contains(arn)
                    && OwnershipTags.ownedBy(gateway.describeTaskDefinition(arn).tags(), owner)) {
                gateway.deregister(arn);
                deregistered.add(arn);
            }
        }
        return deregistered;
    }

    /**
     * {@code arn:aws:ecs:REGION:ACCOUNT:task-definition/FAMILY:REV} -> REV; Long.MAX_VALUE when
     * the ARN has no number (it sorts as newest and is never deregistered: what cannot be ordered is kept).
     */
    static long revision(String arn) {
        int colon = arn == null ? -1 : arn.lastIndexOf(':');
        try {
            long number = colon < 0 ? -1 : Long.parseLong(arn.substring(colon + 1));
            return number > 0 ? number : Long.MAX_VALUE;
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
