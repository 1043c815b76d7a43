package dev.logship.diff;

import dev.logship.model.DesiredForwarder;
import dev.logship.model.ForwarderKey;
import dev.logship.model.LiveService;
import dev.logship.model.ServiceSpec;
import java.util.List;

/**
 * What one forwarder on one cluster needs. {@code service} in the variants that create or
 * update is the effective desired service (perNodePort desiredCount already resolved).
 * Hold it as data; for display or JSON use {@link PlanView}, which masks secrets.
 */
public sealed interface Change permits Create, Update, Recreate, Prune, NoChange, Conflict, DaemonChange {

    ForwarderKey key();

    Action action();

    /** The ECS name of the service (or, for a {@link DaemonChange}, the daemon) it acts on. */
    String serviceName();

    /** What kind of ECS resource it acts on: "service" or "daemon". */
    default String workload() {
        return "service";
    }

    static Create create(DesiredForwarder desired, ServiceSpec service) {
        return new Create(desired, service);
    }

    static Update update(DesiredForwarder desired, ServiceSpec service, LiveService live, List<FieldDiff> diffs) {
        return new Update(desired, service, live, diffs);
    }

    static Recreate recreate(DesiredForwarder desired, ServiceSpec service, LiveService live) {
        return new Recreate(desired, service, live);
    }

    static Prune prune(ForwarderKey key, LiveService live) {
        return new Prune(key, live);
    }

    static NoChange noChange(DesiredForwarder desired, LiveService live) {
        return new NoChange(desired, live);
    }

    static Conflict conflict(DesiredForwarder desired, LiveService live, String reason) {
        return new Conflict(desired, live, reason);
    }
}
