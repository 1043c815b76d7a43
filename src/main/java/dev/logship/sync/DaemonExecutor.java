package dev.logship.sync;

import dev.logship.diff.DaemonChange;
import dev.logship.model.ForwarderKey;
import dev.logship.model.TaskDefinitionSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs daemon changes through a {@link DaemonGateway}: a daemon task definition revision whose
 * RegisterDaemonTaskDefinition document equals the desired one is reused instead of registering
 * another; an update that only moves tags is a TagResource/UntagResource, not a deployment;
 * conflicts and no-changes touch nothing. {@link PlanExecutor} runs creates and updates before
 * service prunes and prunes last, so a forwarder moving between a service and a daemon gets its
 * new workload first. A failed call is recorded and the rest still run.
 */
public final class DaemonExecutor {
    private final DaemonGateway gateway;
    /** TagResource and UntagResource take any ECS ARN: the service gateway's calls serve daemons too. */
    private final EcsGateway tagging;
    private final Revisions revisions;
    public final List<SyncResult.Step> steps;
    public final List<SyncResult.Failure> failures;
    /** Daemon task definition revisions this run pointed a daemon at (revision clean-up keeps them). */
    final Set<String> inUse = new HashSet<>();
    /** Daemon task definition families this run moved a daemon onto or off, each with the forwarder that did. */
    final Map<String, ForwarderKey> touchedFamilies = new java.util.TreeMap<>();

    /**
     * How one run shares daemon task definition revisions with parallel applies of other
     * clusters: reuse or registration happens under the family's lock (clean-up takes it too) and
     * the chosen revision is claimed before the daemon points at it.
     */
    interface Revisions {
        java.util.concurrent.locks.Lock lock(String family);

        void claim(String arn);

        Revisions UNSHARED = new Revisions() {
            @Override
            public java.util.concurrent.locks.Lock lock(String family) {
                return new java.util.concurrent.locks.ReentrantLock();
            }

            @Override
            public void claim(String arn) {}
        };
    }

    DaemonExecutor(DaemonGateway gateway, EcsGateway tagging, Revisions revisions, List<SyncResult.Step> steps,
            List<SyncResult.Failure> failures) {
        this.revisions = revisions;
        this.gateway = gateway;
        this.tagging = tagging;
        this.steps = steps;
        this.failures = failures;
    }

    /** For callers that run daemons alone (tags are then left as they are). */
    public DaemonExecutor(DaemonGateway gateway) {
        this(gateway, null, Revisions.UNSHARED, new ArrayList<>(), new ArrayList<>());
    }

    /** Creates and updates first, prunes last. */
    public void execute(List<DaemonChange> changes) {
        changes.stream().filter(c -> c.kind() != DaemonChange.Kind.PRUNE).forEach(this::createOrUpdate);
        changes.stream().filter(c -> c.kind() == DaemonChange.Kind.PRUNE).forEach(this::prune);
    }

    /** Runs a create or update (anything else touches nothing); false when a call failed. */
    public boolean createOrUpdate(DaemonChange c) {
        ForwarderKey key = c.key();
        try {
            if (c.kind() == DaemonChange.Kind.CREATE) {
                String td = revisionFor(key, c.desired().taskDefinition(), c.desired().taskDefinitionDocument());
                gateway.createDaemon(c.desired().spec(), td);
                steps.add(SyncResult.step(key, "create", "created managed daemon " + c.daemonName() + " on " + td
                        + (c.reason() == null ? "" : " (" + c.reason() + ")")));
            } else if (c.kind() == DaemonChange.Kind.UPDATE) {
                if (c.needsDeployment()) {
                    String td = revisionFor(key, c.desired().taskDefinition(), c.desired().taskDefinitionDocument());
                    touch(key, c.live().taskDefinition());
                    gateway.updateDaemon(c.live().daemonArn(), c.desired().spec(), td);
                    steps.add(SyncResult.step(key, "update", "updated managed daemon " + c.daemonName() + " to " + td));
                } else if (c.live().taskDefinitionArn() != null) {
                    inUse.add(c.live().taskDefinitionArn());
                }
                if (c.needsTagging() && tagging != null) {
                    steps.add(SyncResult.step(key, "tag", retag(c)));
                }
            }
            return true;
        } catch (GatewayException e) {
            failures.add(SyncResult.failure(key, e.operation(), e.getMessage()));
            return false;
        }
    }

    /** Deletes an owned daemon (the diff only plans prunes of this installation's daemons). */
    public boolean prune(DaemonChange c) {
        try {
            gateway.deleteDaemon(c.live().daemonArn());
            touch(c.key(), c.live().taskDefinition());
            steps.add(SyncResult.step(c.key(), "prune", "deleted managed daemon " + c.daemonName()
                    + (c.reason() == null ? "" : " (" + c.reason() + ")")));
            return true;
        } catch (GatewayException e) {
            failures.add(SyncResult.failure(c.key(), e.operation(), e.getMessage()));
            return false;
        }
    }

    /** An ACTIVE revision of the family with exactly this document, else a new one; claimed under the family's lock. */
    private String revisionFor(ForwarderKey key, TaskDefinitionSpec spec, Map<String, Object> document) {
        Objects.requireNonNull(spec, "the desired daemon task definition");
        touchedFamilies.put(spec.family(), key);
        var lock = revisions.lock(spec.family());
        lock.lock();
        try {
            for (String arn : gateway.activeDaemonRevisionArns(spec.family())) {
                if (Objects.equals(gateway.describeDaemonTaskDefinition(arn).document(), document)) {
                    revisions.claim(arn);
                    inUse.add(arn);
                    return arn;
                }
            }
            String arn = gateway.registerDaemonTaskDefinition(spec);
            revisions.claim(arn);
            inUse.add(arn);
            steps.add(SyncResult.step(key, "register", arn));
            return arn;
        } finally {
            lock.unlock();
        }
    }

    private void touch(ForwarderKey key, TaskDefinitionSpec live) {
        if (live != null) {
            touchedFamilies.put(live.family(), key);
        }
    }

    /** At most one TagResource and one UntagResource; {@code aws:} tags are never removed. */
    private String retag(DaemonChange c) {
        Map<String, String> have = c.live().tags();
        Map<String, String> want = c.desired().spec().tags();
        Map<String, String> add = new HashMap<>();
        want.forEach((k, v) -> {
            if (!v.equals(have.get(k))) {
                add.put(k, v);
            }
        });
        Set<String> remove = new TreeSet<>(have.keySet());
        remove.removeAll(want.keySet());
        remove.removeIf(k -> k.startsWith("aws:") || dev.logship.model.HaltTags.isHaltTag(k)); // the halt record is kept (HaltRecords)
        if (!add.isEmpty()) {
            tagging.tagResource(c.live().daemonArn(), add);
        }
        if (!remove.isEmpty()) {
            tagging.untagResource(c.live().daemonArn(), remove);
        }
        return "set " + new TreeSet<>(add.keySet()) + ", removed " + remove + " on managed daemon " + c.daemonName();
    }
}
