package dev.logship.sync;

import dev.logship.model.OwnershipTags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Deregisters revisions of one family that nobody uses, keeping the newest {@code keep} (a
 * cluster may be rolling onto them; rollbacks stay cheap). "Newest" is the revision number
 * parsed from each ARN, never the server's listing order. Only revisions carrying this
 * installation's owner tag are touched. The caller holds the family's lock ({@link FamilyLocks})
 * and passes in every revision in use or retained ({@link RetainedRevisions}).
 */
final class RevisionCleanup {
    private RevisionCleanup() {}

    /** What was deregistered, and whether every candidate was looked at ({@code mayCall} may stop it early). */
    record Result(List<String> deregistered, boolean finished) {}

    /** Deregisters the unused candidates, asking {@code mayCall} before each (spare budget left?); stops when it says no. */
    static Result deregisterUnused(EcsGateway gateway, String owner, List<String> arns, Set<String> inUse, int keep,
            BooleanSupplier mayCall) {
        List<String> deregistered = new ArrayList<>();
        for (String arn : candidates(arns, inUse, keep)) {
            if (!mayCall.getAsBoolean()) {
                return new Result(deregistered, false);
            }
            if (OwnershipTags.ownedBy(gateway.describeTaskDefinition(arn).tags(), owner)) {
                gateway.deregister(arn);
                deregistered.add(arn);
            }
        }
        return new Result(deregistered, true);
    }

    /** Beyond the newest {@code keep} (by the number in the ARN), numbered, and not in use; oldest last. */
    static List<String> candidates(List<String> arns, Set<String> inUse, int keep) {
        List<String> newestFirst = new ArrayList<>(arns);
        newestFirst.sort(Comparator.comparingLong(RevisionCleanup::revision).reversed());
        return newestFirst.subList(Math.min(keep, newestFirst.size()), newestFirst.size()).stream()
                .filter(arn -> revision(arn) != Long.MAX_VALUE && !inUse.contains(arn)).toList();
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
