package dev.logship.sync;

import dev.logship.diff.Change;
import dev.logship.diff.ClusterPlan;
import dev.logship.diff.Conflict;
import dev.logship.diff.Create;
import dev.logship.diff.DaemonChange;
import dev.logship.diff.NoChange;
import dev.logship.diff.Normalizer;
import dev.logship.diff.Prune;
import dev.logship.diff.Recreate;
import dev.logship.diff.Update;
import dev.logship.model.ClusterTarget;
import dev.logship.model.ForwarderKey;
import dev.logship.model.SchedulingStrategy;
import dev.logship.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Runs one cluster's plan in ECS's safe order: resolve (register) task definitions, then
 * create / update / recreate services, then prune; then asks for the clean-up of revisions
 * nobody uses, which runs after the apply is reported ({@link RevisionSweeper}).
 * A failed call stops that forwarder's remaining work and is recorded; other forwarders go on.
 */
final class PlanExecutor {
    private final EcsGateway gateway;
    private final SyncOptions options;
    private final TaskDefinitionResolver resolver;
    private final RevisionUsage usage;
    private final ClusterTarget target;
    private final String owner;
    final List<SyncResult.Step> steps = new ArrayList<>();
    final List<SyncResult.Failure> failures = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    /** Task definition families this run moved a service onto or off, each with the forwarder that did. */
    private final Map<String, ForwarderKey> touchedFamilies = new TreeMap<>();
    private final Set<String> inUse = new HashSet<>();
    private final Set<String> draining = new HashSet<>();
    private final FamilyLocks locks;
    private final RevisionSweeper sweeper;
    private final Supplier<DaemonGateway> daemonGateway;
    private DaemonExecutor daemons;

    /** {@code daemonGateway} is asked only when the plan has a managed-daemon change. */
    PlanExecutor(EcsGateway gateway, SyncOptions options, RevisionUsage usage, FamilyLocks locks, ClusterTarget target,
            String owner, RevisionSweeper sweeper, Supplier<DaemonGateway> daemonGateway) {
        this.daemonGateway = daemonGateway;
        this.owner = owner;
        this.locks = locks;
        this.sweeper = sweeper;
        this.gateway = gateway;
        this.options = options;
        this.resolver = new TaskDefinitionResolver(gateway, locks, target.roleArn(), target.region());
        this.usage = usage;
        this.target = target;
    }

    /** The revisions this cluster may use after the apply (a superset: a failed update keeps the old one). */
    Set<String> inUse() {
        Set<String> all = new HashSet<>(inUse);
        if (daemons != null) {
            all.addAll(daemons.inUse);
        }
        return Set.copyOf(all);
    }

    boolean mutated() {
        return !steps.isEmpty() || !failures.isEmpty();
    }

    void execute(ClusterPlan plan) {
        Map<ForwarderKey, String> revisions = new HashMap<>();
        for (Change change : plan.changes()) {
            liveRevision(change);
            var desired = change instanceof Create c ? c.desired() : change instanceof Recreate r ? r.desired()
                    : change instanceof Update u && u.needsTaskDefinition() ? u.desired() : null;
            if (desired != null) {
                run(change.key(), "RegisterTaskDefinition", () -> {
                    var resolution = resolver.resolve(desired.taskDefinition(), arn -> usage.claim(target, arn));
                    revisions.put(change.key(), resolution.arn());
                    inUse.add(resolution.arn());
                    if (resolution.registered()) {
                        touch(desired.taskDefinition().family(), change.key());
                        steps.add(SyncResult.step(change.key(), "register", resolution.arn()));
                    }
                });
            }
        }
        for (Change change : plan.changes()) {
            if (change instanceof Create c && revisions.containsKey(c.key())) {
                run(c.key(), "CreateService", () -> create(c.key(), c.service(), revisions.get(c.key())));
            } else if (change instanceof Recreate r && revisions.containsKey(r.key())) {
                run(r.key(), "DeleteService", () -> recreate(r, revisions.get(r.key())));
            } else if (change instanceof Update u && (!u.needsTaskDefinition() || revisions.containsKey(u.key()))) {
                update(u, revisions.get(u.key()));
            } else if (change instanceof DaemonChange d && d.mutates() && d.kind() != DaemonChange.Kind.PRUNE) {
                run(d.key(), "CreateDaemon", () -> daemons().createOrUpdate(d));
            }
        }
        // Prunes last; the old half of a replacement only once its forwarder's new workload exists.
        Set<ForwarderKey> failed = failures.stream().map(f -> f.forwarder()).filter(f -> !f.isEmpty())
                .map(ForwarderKey::parse).collect(java.util.stream.Collectors.toSet());
        for (DaemonChange d : plan.changes(DaemonChange.class)) {
            if (d.kind() == DaemonChange.Kind.PRUNE && failed.contains(d.key())) {
                warnings.add("kept managed daemon " + d.daemonName() + ": its forwarder's new service could not be created");
            } else if (d.kind() == DaemonChange.Kind.PRUNE) {
                run(d.key(), "DeleteDaemon", () -> daemons().prune(d));
            }
        }
        for (Prune prune : plan.changes(Prune.class)) {
            if (failed.contains(prune.key())) {
                warnings.add("kept service " + prune.serviceName() + ": its forwarder's new workload could not be created");
                continue;
            }
            run(prune.key(), "DeleteService", () -> {
                gateway.deleteService(prune.serviceName());
                steps.add(SyncResult.step(prune.key(), "prune", "deleted service " + prune.serviceName()
                        + (prune.reason() == null ? "" : " (" + prune.reason() + ")")));
                inUse.add(prune.live().taskDefinitionArn()); // its tasks are still draining
                draining.add(prune.live().taskDefinitionArn());
                touch(family(prune.live().taskDefinitionArn()), prune.key());
            });
        }
        requestCleanUps();
    }

    private void liveRevision(Change change) {
        var live = change instanceof NoChange n ? n.live() : change instanceof Conflict c ? c.live()
                : change instanceof Update u ? u.live() : null;
        if (live != null && live.taskDefinitionArn() != null) {
            inUse.add(live.taskDefinitionArn());
            if (change instanceof Update u && u.needsTaskDefinition()) {
                touch(family(live.taskDefinitionArn()), change.key());
            }
        }
    }

    private void create(ForwarderKey key, ServiceSpec service, String arn) {
        gateway.createService(service, arn);
        steps.add(SyncResult.step(key, "create", "created service " + service.serviceName() + " on " + arn));
    }

    private void recreate(Recreate r, String arn) {
        gateway.deleteService(r.serviceName());
        steps.add(SyncResult.step(r.key(), "delete", "deleted service " + r.serviceName() + " to change its scheduling"));
        if (!gateway.awaitServiceGone(r.serviceName(), options.recreateTimeout())) {
            throw new GatewayException("DescribeServices", "Timeout",
                    "service " + r.serviceName() + " did not become INACTIVE within " + options.recreateTimeout(), null);
        }
        create(r.key(), r.service(), arn);
    }

    private void update(Update u, String arn) {
        ServiceSpec s = u.service();
        if (u.needsTaskDefinition() || u.needsServiceUpdate()) {
            boolean ok = run(u.key(), "UpdateService", () -> {
                gateway.updateService(s.serviceName(), new ServiceUpdate(arn,
                        s.schedulingStrategy() == SchedulingStrategy.REPLICA ? s.desiredCount() : null,
                        s.placementConstraints(), Normalizer.concreteDeployment(s.deployment(), s.schedulingStrategy()),
                        s.propagateTags() == null ? "NONE" : s.propagateTags()));
                steps.add(SyncResult.step(u.key(), "update", "updated service " + s.serviceName()
                        + (arn == null ? "" : " to " + arn)));
            });
            if (!ok) {
                return;
            }
        }
        if (u.needsTagging()) {
            run(u.key(), "TagResource", () -> steps.add(SyncResult.step(u.key(), "tag", ServiceTags.reconcile(gateway, u))));
        }
    }

    /**
     * Asks for the clean-up of every family this run moved a workload onto or off: it runs after
     * the apply is reported, from spare budget ({@link RevisionSweeper}), so no apply waits for a
     * DeregisterTaskDefinition. Nothing is asked while some managed cluster of the region has not
     * been observed (it may run a revision this cluster no longer does), and the warning says why.
     */
    private void requestCleanUps() {
        Map<String, ForwarderKey> daemonFamilies = daemons == null ? Map.of() : daemons.touchedFamilies;
        RevisionUsage.Elsewhere elsewhere = usage.elsewhere(target);
        if (!elsewhere.known()) {
            if (!touchedFamilies.isEmpty()) {
                warnings.add("unused task definition revisions kept: " + elsewhere.unknownBecause());
            }
            if (!daemonFamilies.isEmpty()) {
                warnings.add("unused daemon task definition revisions kept: " + elsewhere.unknownBecause());
            }
            return;
        }
        touchedFamilies.forEach((family, key) -> sweeper.request(target, false, family, key, owner, inUse, draining));
        daemonFamilies.forEach((family, key) -> sweeper.request(target, true, family, key, owner, daemons.inUse, Set.of()));
    }

    /** The daemon executor, made on the first daemon change (it shares this run's steps and failures). */
    private DaemonExecutor daemons() {
        if (daemons == null) {
            daemons = new DaemonExecutor(daemonGateway.get(), gateway, new DaemonExecutor.Revisions() {
                @Override
                public java.util.concurrent.locks.Lock lock(String family) {
                    return locks.of(resolver.scope(), RevisionSweeper.DAEMON_FAMILY + family).lock;
                }

                @Override
                public void claim(String arn) {
                    usage.claim(target, arn);
                }
            }, steps, failures);
        }
        return daemons;
    }

    /** Runs one forwarder's call; a failure is recorded (never swallowed) and returns false. */
    private boolean run(ForwarderKey key, String operation, Runnable call) {
        try {
            call.run();
            return true;
        } catch (GatewayException e) {
            failures.add(SyncResult.failure(key, e.operation(), e.getMessage()));
            return false;
        }
    }

    private void touch(String family, ForwarderKey key) {
        if (family != null) {
            touchedFamilies.put(family, key);
        }
    }

    /** {@code arn:aws:ecs:REGION:ACCOUNT:task-definition/FAMILY:REV} -> FAMILY (null stays null). */
    static String family(String taskDefinitionArn) {
        if (taskDefinitionArn == null) {
            return null;
        }
        String tail = taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
        int colon = tail.lastIndexOf(':');
        return colon < 0 ? tail : tail.substring(0, colon);
    }
}
