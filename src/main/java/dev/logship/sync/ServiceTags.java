package dev.logship.sync;

import dev.logship.diff.Update;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes a service's tags equal to the desired ones with at most one TagResource and one
 * UntagResource call. Tags with AWS's reserved {@code aws:} prefix are never removed.
 */
final class ServiceTags {
    private ServiceTags() {}

    /** Returns what was done, for the sync result. */
    static String reconcile(EcsGateway gateway, Update u) {
        Map<String, String> live = u.live().tags();
        Map<String, String> add = new HashMap<>();
        u.service().tags().forEach((k, v) -> {
            if (!v.equals(live.get(k))) {
                add.put(k, v);
            }
        });
        Set<String> remove = new TreeSet<>(live.keySet());
        remove.removeAll(u.service().tags().keySet());
        remove.removeIf(k -> k.startsWith("aws:") || dev.logship.model.HaltTags.isHaltTag(k)); // the halt record is kept (HaltRecords)
        if (!add.isEmpty()) {
            gateway.tagResource(u.live().serviceArn(), add);
        }
        if (!remove.isEmpty()) {
            gateway.untagResource(u.live().serviceArn(), remove);
        }
        return "set " + new TreeSet<>(add.keySet()) + ", removed " + remove + " on service " + u.serviceName();
    }
}
