package dev.logship.diff;

import dev.logship.model.DaemonSpec;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.DesiredState;
import dev.logship.model.OwnershipTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one commit changes against another in the desired state alone, with no ECS read: per
 * cluster and forwarder, added, removed or changed with each changed field (masked where a
 * route may sit). The review of a pull request: "what would this merge do to which clusters".
 * The content-hash tag is left out: it labels content whose changes are listed anyway.
 */
public record DesiredDiff(List<ForwarderChange> changes) {
    public enum Kind { ADDED, REMOVED, CHANGED }

    /** {@code workload} is "service NAME" or "managed daemon NAME" on the side that has it (head first). */
    public record ForwarderChange(String cluster, String forwarder, Kind kind, String workload, List<FieldDiff> fields) {
        public ForwarderChange {
            fields = List.copyOf(fields);
        }
    }

    public DesiredDiff {
        changes = List.copyOf(changes);
    }

    public static DesiredDiff between(DesiredState base, DesiredState head) {
        Map<String, DesiredCluster> before = byName(base);
        Map<String, DesiredCluster> after = byName(head);
        TreeSet<String> clusters = new TreeSet<>(before.keySet());
        clusters.addAll(after.keySet());
        List<ForwarderChange> out = new ArrayList<>();
        for (String cluster : clusters) {
            Map<String, DesiredForwarder> was = forwarders(before.get(cluster));
            Map<String, DesiredForwarder> now = forwarders(after.get(cluster));
            TreeSet<String> names = new TreeSet<>(was.keySet());
            names.addAll(now.keySet());
            for (String name : names) {
                change(cluster, name, was.get(name), now.get(name)).ifPresent(out::add);
            }
        }
        return new DesiredDiff(out);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Clusters with at least one change, sorted. */
    public List<String> clusters() {
        return changes.stream().map(ForwarderChange::cluster).distinct().sorted().toList();
    }

    private static java.util.Optional<ForwarderChange> change(String cluster, String name, DesiredForwarder was,
            DesiredForwarder now) {
        if (was == null || now == null) {
            DesiredForwarder present = now == null ? was : now;
            Kind kind = now == null ? Kind.REMOVED : Kind.ADDED;
            return java.util.Optional.of(new ForwarderChange(cluster, name, kind, describe(present), List.of()));
        }
        List<FieldDiff> fields = Differ.compare(paths(was), paths(now)).stream().map(FieldDiff::masked).toList();
        return fields.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(new ForwarderChange(cluster, name, Kind.CHANGED, describe(now), fields));
    }

    static String describe(DesiredForwarder forwarder) {
        return forwarder.workload().match(s -> "service " + s.serviceName(), d -> "managed daemon " + d.daemonName());
    }

    /** The forwarder as field paths: its task definition, then its service or daemon. */
    static SortedMap<String, String> paths(DesiredForwarder forwarder) {
        SortedMap<String, String> out = new TreeMap<>(FieldPaths.of(Normalizer.taskDefinition(forwarder.taskDefinition())));
        out.putAll(forwarder.workload().match(s -> FieldPaths.of(Normalizer.service(s)), DesiredDiff::daemonPaths));
        out.keySet().removeIf(path -> path.contains(OwnershipTags.CONTENT_HASH));
        return out;
    }

    private static SortedMap<String, String> daemonPaths(DaemonSpec d) {
        SortedMap<String, String> out = new TreeMap<>();
        out.put("daemon.capacityProviders", new TreeSet<>(d.capacityProviders()).toString());
        if (d.drainPercent() != null) {
            out.put("daemon.drainPercent", String.valueOf(d.drainPercent()));
        }
        if (d.bakeTimeMinutes() != null) {
            out.put("daemon.bakeTimeInMinutes", String.valueOf(d.bakeTimeMinutes()));
        }
        if (!d.alarmNames().isEmpty()) {
            out.put("daemon.alarms", d.alarmNames() + (d.alarmRollback() ? " (rollback)" : ""));
        }
        d.tags().forEach((k, v) -> out.put("daemon.tags." + k, v));
        return out;
    }

    private static Map<String, DesiredCluster> byName(DesiredState state) {
        Map<String, DesiredCluster> out = new TreeMap<>();
        if (state != null) {
            state.clusters().forEach(c -> out.put(c.target().name(), c));
        }
        return out;
    }

    private static Map<String, DesiredForwarder> forwarders(DesiredCluster cluster) {
        Map<String, DesiredForwarder> out = new TreeMap<>();
        if (cluster != null) {
            cluster.forwarders().forEach(f -> out.put(f.key().forwarder(), f));
        }
        return out;
    }
}
