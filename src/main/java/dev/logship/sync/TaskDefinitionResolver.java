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
 * {@link FamilyLocks} so equal content is registered once, and share a recent listing so a
 * run over many clusters lists each family once.
 */
final class TaskDefinitionResolver {
    private final EcsGateway gateway;
    private final FamilyLocks locks;
    private final String scope;
    private final Map<SortedMap<String, Object>, String> resolved = new HashMap<>();
    private final Map<String, FamilyLocks.Listing> listings = new HashMap<>();

    TaskDefinitionResolver(EcsGateway gateway, FamilyLocks locks, String roleArn, String region) {
        this.gateway = gateway;
        this.locks = locks;
        this.scope = FamilyLocks.scope(roleArn, region);
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
        FamilyLocks.Family shared = locks.of(scope, family);
        activeRevisions(family); // listed under this family's lock only: applies of other families never wait
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
            long generation = shared.registrations.incrementAndGet();
            resolved.put(wanted, arn);
            FamilyLocks.Listing now = new FamilyLocks.Listing(withFirst(arn, listings.get(family).arns()), generation,
                    listings.get(family).listedAtNanos());
            listings.put(family, now);
            shared.share(now);
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
     * ACTIVE revisions of a family, newest first: listed once per apply, or taken from another
     * apply's listing while it is current ({@link FamilyLocks.Family#recent}), and kept current
     * with what this apply registered (so revision cleanup needs no second listing).
     */
    List<String> activeRevisions(String family) {
        FamilyLocks.Listing listing = listings.get(family);
        if (listing == null) {
            FamilyLocks.Family shared = locks.of(scope, family);
            listing = shared.recent();
            if (listing == null) {
                shared.lock.lock(); // one apply lists, the others of this family wait and take its listing
                try {
                    listing = shared.recent();
                    if (listing == null) {
                        long generation = shared.registrations.get();
                        listing = new FamilyLocks.Listing(List.copyOf(gateway.activeRevisionArns(family)), generation,
                                System.nanoTime());
                        shared.share(listing);
                    }
                } finally {
                    shared.lock.unlock();
                }
            }
            listings.put(family, listing);
        }
        return listing.arns();
    }

    /**
     * The family's ACTIVE revisions as they are now; the caller holds the family's lock. Listed
     * again when another apply registered or deregistered in the family since this one listed.
     */
    List<String> currentRevisions(String family) {
        FamilyLocks.Listing listing = listings.get(family);
        if (listing != null && listing.generation() != locks.of(scope, family).registrations.get()) {
            listings.remove(family);
        }
        return activeRevisions(family);
    }

    /** The scope ({@link FamilyLocks#scope}) this resolver's families live in. */
    String scope() {
        return scope;
    }

    /** Revisions of the family were deregistered: no apply may reuse this listing. */
    void forget(String family) {
        locks.of(scope, family).forget();
        listings.remove(family);
    }

    private static List<String> withFirst(String arn, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(arn);
        out.addAll(rest);
        return List.copyOf(out);
    }
}
