package dev.logship.sync;

import dev.logship.model.OwnershipTags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Deletes daemon task definition revisions of one family that no daemon uses, keeping the newest
 * {@code keep}, by the rules {@link RevisionCleanup} applies to service task definitions: newest
 * by the number in the ARN, only revisions carrying this installation's owner tag, never one in
 * {@code inUse} (every revision a daemon of any observed cluster of the region runs, drains from
 * or deploys to). The caller holds the family's lock.
 */
final class DaemonRevisionCleanup {
    private DaemonRevisionCleanup() {}

    static List<String> deleteUnused(DaemonGateway gateway, String owner, List<String> activeArns, Set<String> inUse, int keep) {
        List<String> newestFirst = new ArrayList<>(activeArns);
        newestFirst.sort(Comparator.comparingLong(RevisionCleanup::revision).reversed());
        List<String> deleted = new ArrayList<>();
        for (int i = keep; i < newestFirst.size(); i++) {
            String arn = newestFirst.get(i);
            if (RevisionCleanup.revision(arn) != Long.MAX_VALUE && !inUse.contains(arn)
                    && OwnershipTags.ownedBy(gateway.describeDaemonTaskDefinition(arn).tags(), owner)) {
                gateway.deleteDaemonTaskDefinition(arn);
                deleted.add(arn);
            }
        }
        return deleted;
    }
}
