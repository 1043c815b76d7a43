package dev.logship.sync;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock, registration counter and recent listing per task definition family in one
 * account and region (the scope: role and region, as a family of one name in two accounts is
 * two families), shared by every apply of a {@link ClusterSynchronizer}. Clusters with equal
 * content share a revision, and the controller applies clusters in parallel: without this, two
 * applies that listed the family before either registered would both register the same
 * content (one revision per cluster instead of one per forwarder). Under the lock, an apply
 * whose listing predates a registration made meanwhile lists again before deciding to
 * register. The listing is shared too, so a run over many clusters lists each family once.
 * Revision clean-up takes the same lock and counts its deregistrations in the same counter, so
 * it never deregisters a revision an apply has just found or registered and not yet pointed a
 * service at, and every listing made before it is stale.
 */
final class FamilyLocks {
    /** How long a family's listing serves other applies: about one run over the fleet. */
    static final long LISTING_FRESH_NANOS = 60_000_000_000L;

    /** A family's ACTIVE revisions, newest first, the registration count when listing began, and when. */
    record Listing(List<String> arns, long generation, long listedAtNanos) {}

    static final class Family {
        final ReentrantLock lock = new ReentrantLock();
        final AtomicLong registrations = new AtomicLong();
        private volatile Listing listing;

        /** The shared listing if still current: younger than a run, and no registration or clean-up since. */
        Listing recent() {
            Listing l = listing;
            return l != null && l.generation() == registrations.get()
                    && System.nanoTime() - l.listedAtNanos() < LISTING_FRESH_NANOS ? l : null;
        }

        void share(Listing l) {
            listing = l;
        }

        /** Revisions were deregistered: the next apply lists again. */
        void forget() {
            listing = null;
        }
    }

    private final Map<String, Family> families = new ConcurrentHashMap<>();

    /** {@code scope}: whose families (role and region, see {@link #scope}). */
    Family of(String scope, String family) {
        return families.computeIfAbsent(scope + "/" + family, k -> new Family());
    }

    /** Families are per account and region; the role stands for the account (null: the base credentials). */
    static String scope(String roleArn, String region) {
        return (roleArn == null ? "" : roleArn) + "@" + region;
    }
}
