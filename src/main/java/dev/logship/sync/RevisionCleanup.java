package dev.logship.sync;

import dev.logship.model.OwnershipTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Deregisters revisions of logship's families that are not in {@code inUse} (what every
 * observed cluster of the region uses, see {@link RevisionUsage}), keeping the newest {@code
 * keep} (a cluster may be rolling onto them; rollbacks stay cheap). Only revisions carrying
 * logship's ownership tag are touched.
 */
final class RevisionCleanup {
    private RevisionCleanup() {}

    static List<String> deregisterUnused(EcsGateway gateway, String owner, List<String> arns, Set<String> inUse, int keep) {
        List<String> deregistered = new ArrayList<>();
        for (int i = keep; i < arns.size(); i++) {
            String arn = arns.get(i);
            if (!inUse.contains(arn) && OwnershipTags.ownedBy(gateway.describeTaskDefinition(arn).tags(), owner)) {
                gateway.deregister(arn);
                deregistered.add(arn);
            }
        }
        return deregistered;
    }
}
