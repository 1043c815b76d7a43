package dev.logship.diff;

import dev.logship.model.DaemonSpec;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.LiveDaemon;
import dev.logship.model.OwnershipTags;
import dev.logship.model.RouteSummary;
import dev.logship.model.TaskDefinitionSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Desired managed daemons against live ones, by the rules services follow: ownership decides
 * first ({@link OwnershipTags}: another's or an unmanaged daemon is a conflict unless adopted),
 * then settings and the daemon task definition (as the complete RegisterDaemonTaskDefinition
 * document, both sides from the SDK's field metadata) decide between update and no change;
 * only this installation's daemons that Git no longer has are pruned.
 */
public final class DaemonDiffer {
    /** How a tags difference starts (tags move by TagResource, not by a deployment). */
    static final String TAGS = "tags: ";

    /**
     * One desired daemon: its forwarder key (the tag), settings, the daemon task definition to
     * register (null when the caller registers it some other way), its RegisterDaemonTaskDefinition
     * document, adopt.
     */
    /** {@code routes}: the forwarder's routes, masked, for status only (never compared with ECS). */
    public record Desired(String key, DaemonSpec spec, TaskDefinitionSpec taskDefinition,
            Map<String, Object> taskDefinitionDocument, boolean adopt, List<RouteSummary> routes) {
        public Desired {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(spec, "spec");
            routes = routes == null ? List.of() : List.copyOf(routes);
        }

        public Desired(String key, DaemonSpec spec, TaskDefinitionSpec taskDefinition, Map<String, Object> taskDefinitionDocument,
                boolean adopt) {
            this(key, spec, taskDefinition, taskDefinitionDocument, adopt, List.of());
        }

        public Desired(String key, DaemonSpec spec, Map<String, Object> taskDefinitionDocument, boolean adopt) {
            this(key, spec, null, taskDefinitionDocument, adopt);
        }

        /** A managedDaemon forwarder whose task definition carries its document (see {@code ClusterSynchronizer}). */
        public static Desired of(DesiredForwarder forwarder) {
            return new Desired(forwarder.key().toString(), (DaemonSpec) forwarder.workload(), forwarder.taskDefinition(),
                    forwarder.taskDefinition().document(), forwarder.adopt(), forwarder.routes());
        }
    }

    private DaemonDiffer() {}

    public static List<DaemonChange> diff(List<Desired> desired, List<LiveDaemon> live, String owner, boolean prune) {
        List<DaemonChange> out = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        for (Desired d : desired) {
            wanted.add(d.spec().daemonName());
            out.add(change(d, live.stream().filter(x -> x.daemonName().equals(d.spec().daemonName())).findFirst()
                    .orElse(null), owner));
        }
        for (LiveDaemon l : live) {
            if (!wanted.contains(l.daemonName()) && prune && OwnershipTags.ownedBy(l.tags(), owner)) {
                out.add(new DaemonChange(DaemonChange.Kind.PRUNE, l.daemonName(), null, l, List.of(), "no longer in Git"));
            }
        }
        return out;
    }

    /** One desired daemon against the same-named live one (null: absent). */
    public static DaemonChange change(Desired d, LiveDaemon l, String owner) {
        return l == null ? new DaemonChange(DaemonChange.Kind.CREATE, d.spec().daemonName(), d, null, List.of(), null)
                : compare(d, l, owner);
    }

    private static DaemonChange compare(Desired d, LiveDaemon l, String owner) {
        var relation = OwnershipTags.relation(l.tags(), owner, d.key());
        String name = d.spec().daemonName();
        String conflict = switch (relation) {
            case OTHER_OWNER -> "daemon " + name + " belongs to another logship installation ("
                    + OwnershipTags.owner(l.tags()).orElse("?") + ")";
            case OTHER_KEY -> "daemon " + name + " is logship's but for forwarder " + l.tags().get(OwnershipTags.FORWARDER);
            case UNMANAGED -> d.adopt() ? null : "daemon " + name + " exists and logship did not create it (set spec.adopt to take it over)";
            default -> null;
        };
        if (conflict != null) {
            return new DaemonChange(DaemonChange.Kind.CONFLICT, name, d, l, List.of(), conflict);
        }
        List<String> differences = differences(d, l);
        return new DaemonChange(differences.isEmpty() ? DaemonChange.Kind.NO_CHANGE : DaemonChange.Kind.UPDATE, name, d, l,
                differences, null);
    }

    /** What differs, one line each; a null drainPercent or bakeTime leaves ECS's value alone. */
    static List<String> differences(Desired d, LiveDaemon l) {
        DaemonSpec s = d.spec();
        List<String> out = new ArrayList<>();
        List<String> wantProviders = s.capacityProviders().stream().map(DaemonDiffer::lastSegment).sorted().toList();
        List<String> haveProviders = l.capacityProviderArns().stream().map(DaemonDiffer::lastSegment).sorted().toList();
        if (!wantProviders.equals(haveProviders)) {
            out.add("capacityProviders: " + haveProviders + " -> " + wantProviders);
        }
        if (s.drainPercent() != null && !s.drainPercent().equals(l.drainPercent())) {
            out.add("drainPercent: " + l.drainPercent() + " -> " + s.drainPercent());
        }
        if (s.bakeTimeMinutes() != null && !s.bakeTimeMinutes().equals(l.bakeTimeMinutes())) {
            out.add("bakeTimeInMinutes: " + l.bakeTimeMinutes() + " -> " + s.bakeTimeMinutes());
        }
        if (!s.alarmNames().equals(l.alarmNames()) || (!s.alarmNames().isEmpty() && s.alarmRollback() != l.alarmRollback())) {
            out.add("alarms: " + l.alarmNames() + (l.alarmRollback() ? " (rollback)" : "") + " -> " + s.alarmNames()
                    + (s.alarmRollback() ? " (rollback)" : ""));
        }
        Map<String, String> liveTags = dev.logship.model.HaltTags.without(l.tags()); // the halt record is not desired state
        if (!liveTags.equals(s.tags())) {
            out.add(TAGS + FieldDiffs.changedKeys(new java.util.TreeMap<>(liveTags), new java.util.TreeMap<>(s.tags())));
        }
        Map<String, Object> live = l.taskDefinition() == null ? null : l.taskDefinition().document();
        if (!Objects.equals(d.taskDefinitionDocument(), live)) {
            out.add("daemon task definition: " + FieldDiffs.changedKeys(live, d.taskDefinitionDocument()));
        }
        return out;
    }

    private static String lastSegment(String nameOrArn) {
        return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
    }

    /** Top-level fields whose values differ, for a one-line plan entry (the full diff is the service path's job). */
    private static final class FieldDiffs {
        static List<String> changedKeys(Map<String, Object> before, Map<String, Object> after) {
            Set<String> keys = new java.util.TreeSet<>();
            if (before != null) {
                keys.addAll(before.keySet());
            }
            if (after != null) {
                keys.addAll(after.keySet());
            }
            return keys.stream().filter(k -> !Objects.equals(before == null ? null : before.get(k), after == null ? null : after.get(k)))
                    .toList();
        }
    }
}
