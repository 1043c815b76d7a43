package dev.logship.sync;

import dev.logship.diff.ClusterPlan;
import dev.logship.diff.DaemonChange;
import dev.logship.diff.NoChange;
import dev.logship.diff.Recreate;
import dev.logship.diff.Update;
import dev.logship.model.HaltTags;
import dev.logship.model.OwnershipTags;
import dev.logship.model.Revision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads, writes and clears the halt record ({@link HaltTags}) on the live services and daemons of
 * one cluster's plan: what keeps a halted commit from being applied again by a restarted serve, a
 * serve with an empty data directory, or {@code apply}.
 */
public final class HaltRecords {
    /** A live resource of the plan that this installation manages, and the content hash Git wants for it. */
    private record Held(String kind, String name, String arn, Map<String, String> tags, String desiredHash) {}

    private HaltRecords() {}

    /** Why the plan's revision may not be applied here, or empty when no resource refuses it. */
    public static Optional<String> refusal(ClusterPlan plan, Revision revision) {
        return held(plan).stream().filter(h -> HaltTags.refuses(h.tags(), revision.id(), h.desiredHash())).findFirst()
                .map(h -> revision.shortId() + " was halted on this cluster (" + h.kind() + " " + h.name() + " carries "
                        + HaltTags.HALTED + "): it is not applied here again until the rollout is resumed or a newer commit comes");
    }

    /** Whether every managed resource of the plan already records the halt of {@code revision}. */
    static boolean recorded(ClusterPlan plan, Revision revision) {
        return held(plan).stream().allMatch(h -> revision.id().equals(h.tags().get(HaltTags.HALTED)));
    }

    /** Tags each managed resource of {@code plan} (made for the halted revision) with the halt; returns how many. */
    static int record(EcsGateway gateway, ClusterPlan plan, Revision revision) {
        int n = 0;
        for (Held h : held(plan)) {
            Map<String, String> tags = HaltTags.of(revision.id(), h.desiredHash());
            if (!tags.entrySet().stream().allMatch(e -> e.getValue().equals(h.tags().get(e.getKey())))) {
                gateway.tagResource(h.arn(), tags);
                n++;
            }
        }
        return n;
    }

    /** Removes the halt record from each managed resource of {@code plan} that carries one; returns how many. */
    static int clear(EcsGateway gateway, ClusterPlan plan) {
        int n = 0;
        for (Held h : held(plan)) {
            Set<String> keys = new java.util.TreeSet<>(h.tags().keySet());
            keys.removeIf(k -> !HaltTags.isHaltTag(k));
            if (!keys.isEmpty()) {
                gateway.untagResource(h.arn(), keys);
                n++;
            }
        }
        return n;
    }

    private static List<Held> held(ClusterPlan plan) {
        List<Held> out = new ArrayList<>();
        for (var c : plan.changes()) {
            if (c instanceof Update u) {
                out.add(new Held("service", u.serviceName(), u.live().serviceArn(), u.live().tags(), u.desired().contentHash()));
            } else if (c instanceof NoChange n) {
                out.add(new Held("service", n.serviceName(), n.live().serviceArn(), n.live().tags(), n.desired().contentHash()));
            } else if (c instanceof Recreate r) {
                out.add(new Held("service", r.serviceName(), r.live().serviceArn(), r.live().tags(), r.desired().contentHash()));
            } else if (c instanceof DaemonChange d && d.live() != null && d.desired() != null
                    && (d.kind() == DaemonChange.Kind.UPDATE || d.kind() == DaemonChange.Kind.NO_CHANGE)) {
                out.add(new Held("daemon", d.daemonName(), d.live().daemonArn(), d.live().tags(),
                        d.desired().spec().tags().get(OwnershipTags.CONTENT_HASH)));
            }
        }
        out.removeIf(h -> h.arn() == null || h.tags() == null || !OwnershipTags.isManaged(h.tags()));
        return out;
    }
}
