package dev.logship.diff;

import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.ForwarderKey;
import dev.logship.model.LiveCluster;
import dev.logship.model.LiveService;
import dev.logship.model.OwnershipTags;
import java.util.Optional;

/**
 * A forwarder that moves between a service mode and managedDaemon is a planned replacement:
 * the new workload is created, then the old one (this installation's only) is deleted, so a
 * node is never left without a forwarder by the plan itself. The old half is a prune with a
 * reason and happens whatever the Cluster's prune setting: the forwarder is still in Git.
 * sync runs creates before prunes and skips the delete when the create failed.
 */
final class Replacements {
    private Replacements() {}

    /** A daemon create says which service of the same forwarder it replaces, if one of this installation's exists. */
    static Change describe(DaemonChange change, LiveCluster live, String owner) {
        if (change.kind() != DaemonChange.Kind.CREATE) {
            return change;
        }
        String key = change.key().toString();
        return live.services().stream().filter(s -> mine(s, owner, key)).findFirst()
                .map(s -> (Change) change.withReason("replaces service " + s.serviceName()
                        + " (deleted once the daemon is created)"))
                .orElse(change);
    }

    /** The forwarder's old service, when Git now runs the forwarder as a managed daemon and the service is this installation's. */
    static Optional<Change> serviceReplacedByDaemon(DesiredCluster desired, ForwarderKey key, LiveService service) {
        return forwarder(desired, key).flatMap(f -> f.workload().match(s -> Optional.<String>empty(), d -> Optional.of(d.daemonName())))
                .filter(daemon -> mine(service, desired.owner(), key.toString()))
                .map(daemon -> new Prune(key, service, "replaced by managed daemon " + daemon + " (deleted after the daemon is created)"));
    }

    /** Why an owned daemon goes although its forwarder is still in Git: it runs as a service now. */
    static String daemonReplacedByService(DesiredCluster desired, ForwarderKey key) {
        return forwarder(desired, key).flatMap(f -> f.workload().match(
                        s -> Optional.of("replaced by service " + s.serviceName() + " (deleted after the service is created)"),
                        d -> Optional.<String>empty()))
                .orElse("no longer in Git");
    }

    private static Optional<DesiredForwarder> forwarder(DesiredCluster desired, ForwarderKey key) {
        return desired.forwarders().stream().filter(f -> f.key().equals(key)).findFirst();
    }

    private static boolean mine(LiveService service, String owner, String key) {
        var relation = OwnershipTags.relation(service.tags(), owner, key);
        return (relation == OwnershipTags.Relation.MINE || relation == OwnershipTags.Relation.CLAIMABLE)
                && OwnershipTags.forwarder(service.tags()).map(k -> k.toString().equals(key)).orElse(false);
    }
}
