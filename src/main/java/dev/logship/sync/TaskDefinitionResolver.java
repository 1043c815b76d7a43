package dev.logship.sync;

import dev.logship.diff.Normalizer;
import dev.logship.model.TaskDefinitionSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the revision to run for a desired task definition: any ACTIVE revision of the family
 * whose normalised content (tags included) equals it, else a newly registered one. Reuse makes
 * clusters with equal content share a revision and makes a registration that happened just
 * before a crash count. One resolver lives for one apply, so forwarders sharing content in
 * the same run share the lookup as well. Listing and registering happen under the family's
 * lock (shared by clusters synced in parallel), so concurrent clusters do not each register.
 */
final class TaskDefinitionResolver {
    private final EcsGateway gateway;
    private final Map<TaskDefinitionSpec, String> resolved = new HashMap<>();
    private final Map<String, List<String>> listings = new HashMap<>();
    private final java.util.function.Function<String, Object> familyLocks;

    TaskDefinitionResolver(EcsGateway gateway, java.util.function.Function<String, Object> familyLocks) {
        this.gateway = gateway;
        this.familyLocks = familyLocks;
    }

    /** The ARN to use and whether it had to be registered now. */
    record Resolution(String arn, boolean registered) {}

    Resolution resolve(TaskDefinitionSpec desired) {
        TaskDefinitionSpec wanted = Normalizer.taskDefinition(desired);
        String known = resolved.get(wanted);
        if (known != null) {
            return new Resolution(known, false);
        }
        synchronized (familyLocks.apply(desired.family())) {
            return findOrRegister(desired, wanted);
        }
    }

    private Resolution findOrRegister(TaskDefinitionSpec desired, TaskDefinitionSpec wanted) {
        for (String arn : activeRevisions(desired.family())) {
            if (Normalizer.taskDefinition(gateway.describeTaskDefinition(arn)).equals(wanted)) {
                resolved.put(wanted, arn);
                return new Resolution(arn, false);
            }
        }
        String arn = gateway.register(desired);
        resolved.put(wanted, arn);
        listings.get(desired.family()).add(0, arn);
        return new Resolution(arn, true);
    }

    /**
     * ACTIVE revisions of a family, newest first, listed once per apply and kept current with
     * what this apply registered (so revision cleanup needs no second listing).
     */
    List<String> activeRevisions(String family) {
        return listings.computeIfAbsent(family, f -> new ArrayList<>(gateway.activeRevisionArns(f)));
    }
}
