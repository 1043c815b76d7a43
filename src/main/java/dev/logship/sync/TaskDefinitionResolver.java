package dev.logship.sync;

import dev.logship.diff.DocumentNormalizer;
import dev.logship.diff.TaskDefinitionDiff;
import dev.logship.model.TaskDefinitionSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Consumer;

/**
 * Finds the revision to run for a desired task definition: any ACTIVE revision of the family
 * whose complete RegisterTaskDefinition input (every field ECS returns, tags included, after
 * {@link DocumentNormalizer}) equals the desired input, else a newly registered one. A revision
 * someone registered with logship's tags but other content (privileged, entryPoint...) is never
 * reused. Reuse makes
 * clusters with equal content share a revision and makes a registration that happened just
 * before a crash count. One resolver lives for one apply, so forwarders sharing content in
 * the same run share the lookup as well; applies running in parallel coordinate through
 * {@link FamilyLocks} so equal content is registered once.
 */
final class TaskDefinitionResolver {
    private final EcsGateway gateway;
    private final FamilyLocks locks;
    private final String region;
    private final Map<SortedMap<String, Object>, String> resolved = new HashMap<>();
    private final Map<String, Listing> listings = new HashMap<>();

    /** A family's ACTIVE revisions, newest first, and the family's registration count when listing began. */
    private record Listing(List<String> arns, long generation) {}

    TaskDefinitionResolver(EcsGateway gateway, FamilyLocks locks, String region) {
        this.gateway = gateway;
        this.locks = locks;
        this.region = region;
    }

    /** The ARN to use and whether it had to be registered now. */
    record Resolution(String arn, boolean registered) {}

    /**
     * {@code claim} is told the ARN while the family's lock is still held, so a clean-up of the
     * family (which takes the same lock) never misses a revision an apply is about to point a
     * service at.
     */
    Resolution resolve(TaskDefinitionSpec desired, Consumer<String> claim) {
        Map<String, Object> request = gateway.requestDocument(desired);
        SortedMap<String, Object> wanted = DocumentNormalizer.taskDefinition(request);
        String known = resolved.get(wanted);
        if (known != null) {
            return new Resolution(known, false);
        }
        String family = desired.family();
        FamilyLocks.Family shared = locks.of(region, family);
        activeRevisions(family); // list outside the lock: parallel applies of other families never wait
        shared.lock.lock();
        try {
            if (listings.get(family).generation() != shared.registrations.get()) {
                listings.remove(family); // another apply registered since: its revision may be the one we want
            }
            for (String arn : activeRevisions(family)) {
                if (isExactly(gateway.describeTaskDefinition(arn), request)) {
                    resolved.put(wanted, arn);
                    claim.accept(arn);
                    return new Resolution(arn, false);
                }
            }
            String arn = gateway.register(desired);
            claim.accept(arn);
            shared.registrations.incrementAndGet();
            resolved.put(wanted, arn);
            listings.put(family, new Listing(withFirst(arn, listings.get(family).arns()), shared.registrations.get()));
            return new Resolution(arn, true);
        } finally {
            shared.lock.unlock();
        }
    }

    /** A revision is reused only when its complete input, tags included, equals the desired input. */
    private static boolean isExactly(TaskDefinitionSpec revision, Map<String, Object> request) {
        return revision.document() != null && TaskDefinitionDiff.sameContent(revision.document(), request);
    }

    /**
     * The family's ACTIVE revisions as they are now; the caller holds the family's lock. Listed
     * again only when another apply registered or deregistered in the family since this one listed.
     */
    List<String> currentRevisions(String family) {
        Listing listing = listings.get(family);
        if (listing != null && listing.generation() != locks.of(region, family).registrations.get()) {
            listings.remove(family);
        }
        return activeRevisions(family);
    }

    /**
     * ACTIVE revisions of a family, newest first, listed once per apply and kept current with
     * what this apply registered (so revision cleanup needs no second listing).
     */
    List<String> activeRevisions(String family) {
        Listing listing = listings.get(family);
        if (listing == null) {
            long generation = locks.of(region, family).registrations.get();
            listing = new Listing(List.copyOf(gateway.activeRevisionArns(family)), generation);
            listings.put(family, listing);
        }
        return listing.arns();
    }

    private static List<String> withFirst(String arn, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(arn);
        out.addAll(rest);
        return List.copyOf(out);
    }
}
