package dev.logship.sync;

import dev.logship.model.OwnershipTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Deletes daemon task definition revisions of one family that no daemon uses, keeping the newest
 * {@code keep}, by the rules {@link RevisionCleanup} applies to service task definitions: newest
 * by the number in the ARN, only revisions carrying this installation's owner tag, never one in
 * {@code inUse} (every revision a daemon of any observed cluster of the region runs, drains from
 * or deploys to). The caller holds the family's lock.
 */
final class DaemonRevisionCleanup {
    private DaemonRevisionCleanup() {}

    /** Deletes the unused candidates, asking {@code mayCall} before each (spare budget left?); stops when it says no. */
    static RevisionCleanup.Result deleteUnused(DaemonGateway gateway, String owner, List<String> activeArns, Set<String> inUse,
            int keep, BooleanSupplier mayCall) {
        List<String> deleted = new ArrayList<>();
        for (String arn : RevisionCleanup.candidates(activeArns, inUse, keep)) {
            if (!mayCall.getAsBoolean()) {
                return new RevisionCleanup.Result(deleted, false);
            }
            if (OwnershipTags.ownedBy(gateway.describeDaemonTaskDefinition(arn).tags(), owner)) {
                gateway.deleteDaemonTaskDefinition(arn);
                deleted.add(arn);
            }
        }
        return new RevisionCleanup.Result(deleted, true);
    }
}
