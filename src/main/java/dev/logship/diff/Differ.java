package dev.logship.diff;

import dev.logship.model.ClusterTarget;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.ForwarderKey;
import dev.logship.model.LiveCluster;
import dev.logship.model.LiveDaemon;
import dev.logship.model.LiveService;
import dev.logship.model.OwnershipTags;
import dev.logship.model.SchedulingStrategy;
import dev.logship.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Compares one desired cluster with what ECS runs and says what each forwarder needs. */
public final class Differ {
    private Differ() {}

    public static ClusterPlan diff(DesiredCluster desired, LiveCluster live) {
        ClusterTarget target = desired.target();
        List<String> warnings = new ArrayList<>();
        if (!live.exists()) {
            warnings.add(missingCluster(target));
            return new ClusterPlan(target, false, 0, List.of(), warnings);
        }
        if (target.suspend()) {
            warnings.add("cluster is suspended: apply will change nothing");
        }
        List<Change> changes = new ArrayList<>();
        for (DesiredForwarder forwarder : desired.forwarders()) {
            // The one place a forwarder's workload decides how it is compared.
            changes.add(forwarder.workload().match(s -> {
                ServiceSpec service = effectiveService(forwarder, live.placeableNodes(s.placementConstraints()));
                return forwarderChange(forwarder, service, live.service(service.serviceName()), desired.owner());
            }, d -> {
                DaemonDiffer.Desired daemon = DaemonDiffer.Desired.of(forwarder);
                return Replacements.describe(DaemonDiffer.change(daemon, live.daemon(d.daemonName()).orElse(null),
                        desired.owner()), live, desired.owner());
            }));
        }
        List<String> refusals = new ArrayList<>();
        changes.addAll(prunes(desired, live, warnings, refusals));
        return new ClusterPlan(target, true, live.activeNodes(), changes, warnings, refusals, live.nodes());
    }

    /** Said the same way by plan and apply: no retry can help, someone must create the cluster or fix the manifest. */
    public static String missingCluster(ClusterTarget target) {
        return "ECS cluster " + target.clusterName() + " not found in " + target.region() + ": nothing can be applied"
                + " (create it, or correct clusterName/region in Cluster " + target.name() + ")";
    }

    /**
     * perNodePort services run one task per node they can be placed on (ACTIVE, agent connected,
     * matching their memberOf constraints): ECS's scheduler then places one per node.
     */
    public static ServiceSpec effectiveService(DesiredForwarder forwarder, int placeableNodes) {
        ServiceSpec service = forwarder.service();
        return forwarder.perNodePort() ? service.withPerNodeCount(placeableNodes) : service;
    }

    static Change forwarderChange(DesiredForwarder forwarder, ServiceSpec service, Optional<LiveService> found, String owner) {
        if (found.isEmpty()) {
            return Change.create(forwarder, service);
        }
        LiveService live = found.get();
        Optional<String> conflict = ownershipConflict(forwarder, live, owner);
        if (conflict.isPresent()) {
            return Change.conflict(forwarder, live, conflict.get());
        }
        if (strategyOf(live) != service.schedulingStrategy()) {
            return Change.recreate(forwarder, service, live);
        }
        List<FieldDiff> diffs = fieldDiffs(forwarder, service, live);
        return diffs.isEmpty() ? Change.noChange(forwarder, live) : Change.update(forwarder, service, live, diffs);
    }

    /**
     * Why the forwarder may not touch the same-named live service, if it may not. A service of
     * an earlier logship without an owner id but with this forwarder's key is not a conflict:
     * the update claims it (the owner tag is part of the desired tags). {@code adopt} takes
     * over services without logship's tags only, never another installation's.
     */
    static Optional<String> ownershipConflict(DesiredForwarder forwarder, LiveService live, String owner) {
        String name = live.serviceName();
        return switch (OwnershipTags.relation(live.tags(), owner, forwarder.key().toString())) {
            case MINE, CLAIMABLE -> Optional.empty();
            case UNMANAGED -> forwarder.adopt() ? Optional.empty() : Optional.of("service " + name
                    + " exists without logship's ownership tags; it is left untouched (set adopt: true on the forwarder"
                    + " to take it over)");
            case OTHER_OWNER -> Optional.of("service " + name + " belongs to another logship installation (owner "
                    + OwnershipTags.owner(live.tags()).orElse("?") + ", this one is " + ownerText(owner)
                    + "); it is left untouched (see README, Ownership)");
            case OTHER_KEY -> Optional.of("service " + name + " belongs to logship forwarder "
                    + live.tags().get(OwnershipTags.FORWARDER) + "; it is left untouched");
        };
    }

    private static String ownerText(String owner) {
        return owner == null ? "without an owner id" : owner;
    }

    public static List<FieldDiff> fieldDiffs(DesiredForwarder forwarder, ServiceSpec service, LiveService live) {
        List<FieldDiff> diffs = new ArrayList<>();
        SortedMap<String, String> want = FieldPaths.of(Normalizer.taskDefinition(forwarder.taskDefinition()));
        if (live.taskDefinition() == null) {
            diffs.add(FieldDiff.of("taskDefinition", live.taskDefinitionArn() + " (could not be described)",
                    forwarder.taskDefinition().family()));
        } else if (live.taskDefinition().document() != null && forwarder.taskDefinition().document() != null) {
            diffs.addAll(TaskDefinitionDiff.of(live.taskDefinition().document(), forwarder.taskDefinition().document()));
        } else {
            // Without ECS documents (specs built by hand) only the modelled fields can be compared.
            diffs.addAll(compare(FieldPaths.of(Normalizer.taskDefinition(live.taskDefinition())), want));
        }
        diffs.addAll(compare(FieldPaths.of(Normalizer.service(liveSpec(live))), FieldPaths.of(Normalizer.service(service))));
        return diffs;
    }

    static ServiceSpec liveSpec(LiveService live) {
        return new ServiceSpec(live.serviceName(), strategyOf(live), live.desiredCount(), live.placementConstraints(),
                live.deployment(), live.propagateTags(), live.tags());
    }

    private static SchedulingStrategy strategyOf(LiveService live) {
        return live.schedulingStrategy() == null ? SchedulingStrategy.REPLICA : live.schedulingStrategy();
    }

    static List<FieldDiff> compare(SortedMap<String, String> have, SortedMap<String, String> want) {
        List<FieldDiff> out = new ArrayList<>();
        Set<String> paths = new TreeSet<>(have.keySet());
        paths.addAll(want.keySet());
        for (String path : paths) {
            String old = have.get(path);
            String wanted = want.get(path);
            if (old == null ? wanted != null : !old.equals(wanted)) {
                out.add(FieldDiff.of(path, old, wanted));
            }
        }
        return out;
    }

    /**
     * Services and daemons of this installation (its owner id) for this logical cluster whose
     * forwarder is gone from Git. One whose forwarder moved between a service mode and
     * managedDaemon is removed as part of that replacement ({@link Replacements}), whatever the
     * prune setting. A service of an earlier logship without an owner id is never pruned: no
     * forwarder of this installation claimed it, so it may be another installation's (a
     * warning says so). Pruning is skipped (with a warning) when the Cluster disables it, and
     * refused when it would leave the cluster without forwarders and allowEmpty is false.
     */
    static List<Change> prunes(DesiredCluster desired, LiveCluster live, List<String> warnings, List<String> refusals) {
        Set<String> wanted = desired.forwarders().stream().map(f -> f.key().forwarder()).collect(Collectors.toSet());
        Set<String> wantedServices = new TreeSet<>();
        Set<String> wantedDaemons = new TreeSet<>();
        desired.forwarders().forEach(f -> f.workload().match(s -> wantedServices.add(s.serviceName()),
                d -> wantedDaemons.add(d.daemonName())));
        List<Change> prunes = new ArrayList<>();
        List<Change> replaced = new ArrayList<>();
        Set<String> unclaimed = new TreeSet<>();
        for (LiveService service : live.services()) {
            Optional<ForwarderKey> key = OwnershipTags.forwarder(service.tags());
            if (key.isEmpty() || !key.get().cluster().equals(desired.target().name()) || wantedServices.contains(service.serviceName())) {
                continue;
            }
            if (wanted.contains(key.get().forwarder())) {
                Replacements.serviceReplacedByDaemon(desired, key.get(), service).ifPresent(replaced::add);
            } else if (OwnershipTags.ownedBy(service.tags(), desired.owner())) {
                prunes.add(Change.prune(key.get(), service));
            } else if (OwnershipTags.owner(service.tags()).isEmpty()) {
                unclaimed.add(service.serviceName());
            }
        }
        for (LiveDaemon daemon : live.daemons()) {
            Optional<ForwarderKey> key = OwnershipTags.forwarder(daemon.tags());
            if (key.isEmpty() || !key.get().cluster().equals(desired.target().name()) || wantedDaemons.contains(daemon.daemonName())
                    || !OwnershipTags.ownedBy(daemon.tags(), desired.owner())) {
                continue;
            }
            DaemonChange prune = new DaemonChange(DaemonChange.Kind.PRUNE, daemon.daemonName(), null, daemon, List.of(), null);
            if (wanted.contains(key.get().forwarder())) {
                replaced.add(prune.withReason(Replacements.daemonReplacedByService(desired, key.get())));
            } else {
                prunes.add(prune.withReason("no longer in Git"));
            }
        }
        if (!unclaimed.isEmpty()) {
            warnings.add("not pruning " + String.join(", ", unclaimed) + ": tagged by a logship without owner ids, and no"
                    + " forwarder of this installation claims it (delete it, or tag it " + OwnershipTags.OWNER + "="
                    + ownerText(desired.owner()) + " to let this installation prune it)");
        }
        if (prunes.isEmpty()) {
            return replaced;
        }
        String names = prunes.stream().map(Change::serviceName).sorted().collect(Collectors.joining(", "));
        if (!desired.target().prune()) {
            warnings.add("not pruning " + names + ": prune is disabled for this cluster");
            return replaced;
        }
        if (desired.forwarders().isEmpty() && !desired.target().allowEmpty()) {
            String refusal = "refusing to prune " + names + ": it would leave the cluster with no forwarders"
                    + " (set allowEmpty: true on the Cluster to allow it)";
            warnings.add(refusal);
            refusals.add(refusal);
            return replaced;
        }
        prunes.addAll(replaced);
        return prunes;
    }
}
