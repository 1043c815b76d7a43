package dev.logship.sync;

import dev.logship.model.ClusterTarget;
import dev.logship.model.ForwarderKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Revision clean-up, apart from the applies: an apply only asks for it ({@link #request}), and
 * the clean-up runs after the apply is reported, for service and daemon task definitions alike.
 * Deregistering is never urgent, while a RegisterTaskDefinition is what a push waits for, and
 * both draw from ECS's task-definition bucket (20 burst, 1 per second): so requests are coalesced
 * (one pending clean-up per family and account/region scope, however many pushes asked) and
 * re-planned when they run, from the family's ACTIVE revisions and the region's usage as they are
 * then. In serve they run only from {@link CallBudget#spare() spare} budget, never waiting for a
 * family lock an apply holds; the one-shot CLI runs them all after its report.
 *
 * <p>The rules are the apply's were: a revision is kept when any deployment of any observed
 * cluster of the region runs it, when an apply that asked pointed a workload at it or moved one
 * off it (a deleted service's tasks still drain), when it is retained ({@link RetainedRevisions}),
 * when it is among the newest {@code keep}, or when it lacks this installation's owner tag; nothing
 * is deregistered while some managed cluster of the region is unobserved; each family is cleaned up
 * under its lock ({@link FamilyLocks}), so no apply registers or claims a revision in between.
 */
public final class RevisionSweeper {
    /** What one clean-up did, for the events of the cluster that asked last: each step names its forwarder. */
    public record Swept(String cluster, List<SyncResult.Step> steps, List<SyncResult.Failure> failures, List<String> warnings) {}

    /** Daemon task definition families are locked apart from the same-named service families. */
    static final String DAEMON_FAMILY = "daemon:";

    private record Key(String scope, boolean daemon, String family) {}

    /**
     * The latest cluster, forwarder and owner that asked; what the latest asking apply used (the
     * region's observations cover earlier ones); and the revisions of every service the asking
     * applies deleted (their tasks still drain, and a deleted service is no longer observed).
     */
    private record Pending(ClusterTarget target, ForwarderKey forwarder, String owner, Set<String> used, Set<String> draining) {
        Pending then(Pending later) {
            Set<String> all = new HashSet<>(draining);
            all.addAll(later.draining);
            return new Pending(later.target, later.forwarder, later.owner, later.used, Set.copyOf(all));
        }
    }

    /** {@code done}: false when budget or a busy family lock left work for later. */
    private record Outcome(boolean done, List<String> gone, SyncResult.Failure failure, String warning) {}

    private final EcsGateways gateways;
    private final RevisionsToKeep toKeep;
    private final FamilyLocks locks;
    private final int keep;
    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();
    private final ReentrantLock sweeping = new ReentrantLock();
    private volatile CleanupStore store = CleanupStore.NONE;

    RevisionSweeper(EcsGateways gateways, RevisionUsage usage, FamilyLocks locks, int keep, Supplier<RetainedRevisions> retained) {
        this.gateways = gateways;
        this.toKeep = new RevisionsToKeep(usage, retained);
        this.locks = locks;
        this.keep = keep;
    }

    /**
     * An apply moved {@code forwarder}'s workload onto or off revisions of {@code family}: {@code used}
     * is every revision it may use afterwards, {@code draining} those of the services it deleted.
     */
    void request(ClusterTarget target, boolean daemon, String family, ForwarderKey forwarder, String owner, Set<String> used,
            Set<String> draining) {
        pending.merge(new Key(FamilyLocks.scope(target.roleArn(), target.region()), daemon, family),
                new Pending(target, forwarder, owner, nonNull(used), nonNull(draining)), Pending::then);
        store.save(kept());
    }

    /** serve: runs the clean-ups {@code kept} holds from an earlier process too, and keeps what waits there from now on. */
    public void keptIn(CleanupStore kept) {
        for (CleanupStore.Request r : kept.load()) {
            toKeep.restored(r.target());
            request(r.target(), r.daemon(), r.family(), r.forwarder(), r.owner(), r.used(), r.draining());
        }
        store = kept;
    }

    /** Writes the pending clean-ups now (serve's stop). */
    public void flush() {
        store.flush();
    }

    private List<CleanupStore.Request> kept() {
        List<CleanupStore.Request> out = new ArrayList<>();
        pending.forEach((k, p) -> out.add(new CleanupStore.Request(p.target(), k.daemon(), k.family(), p.forwarder(), p.owner(),
                p.used(), p.draining())));
        return out;
    }

    private static Set<String> nonNull(Set<String> arns) {
        return arns.stream().filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** True while some clean-up waits (for budget, a busy family, or the region's clusters to be observed). */
    public boolean pending() {
        return !pending.isEmpty();
    }

    /** serve: runs what spare budget allows now, without waiting for any family lock; the rest stays pending. */
    public List<Swept> sweepFromSpareBudget() {
        return sweep(true);
    }

    /** The one-shot CLI after its report, and tools: runs every pending clean-up now, paced like any call. */
    public List<Swept> sweepAll() {
        return sweep(false);
    }

    /** {@code applied} with the steps and failures of every pending clean-up, run now ({@link ClusterSynchronizer#sync}). */
    SyncResult sweepAllInto(SyncResult applied) {
        List<SyncResult.Step> steps = new ArrayList<>(applied.steps());
        List<SyncResult.Failure> failures = new ArrayList<>(applied.failures());
        sweepAll().forEach(s -> {
            steps.addAll(s.steps());
            failures.addAll(s.failures());
        });
        return new SyncResult(applied.cluster(), steps, failures, applied.warnings(), applied.health(), applied.clusterHealth());
    }

    private List<Swept> sweep(boolean spareOnly) {
        List<Swept> out = new ArrayList<>();
        sweeping.lock();
        try {
            for (Key key : List.copyOf(pending.keySet())) {
                Pending p = pending.remove(key);
                if (p == null || toKeep.leftGit(p.target())) { // dropped: its revisions stay registered
                    continue;
                }
                Outcome o = key.daemon() ? daemonFamily(key, p, spareOnly) : serviceFamily(key, p, spareOnly);
                if (!o.done()) {
                    pending.merge(key, p, (newer, again) -> again.then(newer)); // a request made meanwhile is the latest
                }
                String action = key.daemon() ? "delete revision" : "deregister";
                List<SyncResult.Step> steps = o.gone().stream().map(arn -> new SyncResult.Step(p.forwarder().toString(), action, arn)).toList();
                if (!steps.isEmpty() || o.failure() != null || o.warning() != null) {
                    out.add(new Swept(p.target().name(), steps, o.failure() == null ? List.of() : List.of(o.failure()),
                            o.warning() == null ? List.of() : List.of(o.warning())));
                }
            }
            store.save(kept()); // what is done is no longer kept; what a request saved meanwhile lacked the swept key
        } finally {
            sweeping.unlock();
        }
        return out;
    }

    private Outcome serviceFamily(Key key, Pending p, boolean spareOnly) {
        EcsGateway gateway = gateways.forCluster(p.target());
        BooleanSupplier mayCall = () -> !spareOnly || gateway.budget("DeregisterTaskDefinition").spare();
        FamilyLocks.Family shared = locks.of(key.scope(), key.family());
        if (!mayCall.getAsBoolean() || !lock(shared.lock, spareOnly)) {
            return new Outcome(false, List.of(), null, null);
        }
        try {
            Set<String> used = toKeep.of(p.target(), key.family(), p.used(), p.draining());
            if (used == null) {
                return unknown("unused task definition revisions kept: ", p);
            }
            TaskDefinitionResolver listing = new TaskDefinitionResolver(gateway, locks, p.target().roleArn(), p.target().region());
            try {
                List<String> active = listing.currentRevisions(key.family());
                FamilyLocks.Listing listed = shared.recent();
                RevisionCleanup.Result r = RevisionCleanup.deregisterUnused(gateway, p.owner(), active, used, keep, mayCall);
                if (!r.deregistered().isEmpty() && listed != null) { // the listing less what is gone: no apply or sweep lists again
                    shared.share(new FamilyLocks.Listing(active.stream().filter(a -> !r.deregistered().contains(a)).toList(),
                            shared.registrations.incrementAndGet(), listed.listedAtNanos()));
                } else if (!r.deregistered().isEmpty()) {
                    forget(shared, listing, key.family());
                }
                return new Outcome(r.finished(), r.deregistered(), null, null);
            } catch (GatewayException e) {
                forget(shared, listing, key.family()); // some may be gone: every listing of the family is stale
                return new Outcome(true, List.of(), SyncResult.failure(p.forwarder(), e.operation(), e.getMessage()), null);
            }
        } finally {
            shared.lock.unlock();
        }
    }

    private Outcome daemonFamily(Key key, Pending p, boolean spareOnly) {
        DaemonGateway gateway = gateways.daemonsFor(p.target());
        BooleanSupplier mayCall = () -> !spareOnly || gateway.budget("DeleteDaemonTaskDefinition").spare();
        ReentrantLock lock = locks.of(key.scope(), DAEMON_FAMILY + key.family()).lock;
        if (!mayCall.getAsBoolean() || !lock(lock, spareOnly)) {
            return new Outcome(false, List.of(), null, null);
        }
        try {
            Set<String> used = toKeep.of(p.target(), key.family(), p.used(), p.draining());
            if (used == null) {
                return unknown("unused daemon task definition revisions kept: ", p);
            }
            RevisionCleanup.Result r = DaemonRevisionCleanup.deleteUnused(gateway, p.owner(),
                    gateway.activeDaemonRevisionArns(key.family()), used, keep, mayCall);
            return new Outcome(r.finished(), r.deregistered(), null, null);
        } catch (GatewayException e) {
            return new Outcome(true, List.of(), SyncResult.failure(p.forwarder(), e.operation(), e.getMessage()), null);
        } finally {
            lock.unlock();
        }
    }

    /** Kept pending: what the clean-up must keep is not all known yet (see {@link RevisionsToKeep#unknownBecause}). */
    private Outcome unknown(String what, Pending p) {
        return new Outcome(false, List.of(), null, what + toKeep.unknownBecause(p.target()));
    }

    /** In serve a family an apply holds is left for later, so clean-up never makes an apply wait. */
    private static boolean lock(ReentrantLock lock, boolean spareOnly) {
        if (spareOnly) {
            return lock.tryLock();
        }
        lock.lock();
        return true;
    }

    /** Revisions were deregistered: every other apply's listing of the family is stale now. */
    private static void forget(FamilyLocks.Family shared, TaskDefinitionResolver listing, String family) {
        shared.registrations.incrementAndGet();
        listing.forget(family);
    }
}
