package dev.logship.sync;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock and registration counter per task definition family and region, shared by every
 * apply of a {@link ClusterSynchronizer}. Clusters with equal content share a revision, and the
 * controller applies clusters in parallel: without this, two applies that listed the family
 * before either registered would both register the same content (one revision per cluster
 * instead of one per forwarder). Under the lock, an apply whose listing predates a
 * registration made meanwhile lists again before deciding to register. Revision clean-up
 * takes the same lock and counts its deregistrations in the same counter, so it never
 * deregisters a revision an apply has just found or registered and not yet pointed a service at.
 */
final class FamilyLocks {
    static final class Family {
        final ReentrantLock lock = new ReentrantLock();
        final AtomicLong registrations = new AtomicLong();
    }

    private final Map<String, Family> families = new ConcurrentHashMap<>();

    Family of(String region, String family) {
        return families.computeIfAbsent(region + "/" + family, k -> new Family());
    }
}
