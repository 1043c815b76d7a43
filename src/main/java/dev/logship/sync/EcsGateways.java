package dev.logship.sync;

import dev.logship.model.ClusterTarget;
import java.util.Collection;

/** Hands out the gateway for a cluster (the adapter shares one client per account and region). */
@FunctionalInterface
public interface EcsGateways {
    EcsGateway forCluster(ClusterTarget target);

    /**
     * The clusters about to be observed without the exact ACTIVE count (those of the desired
     * state in force that have no perNodePort forwarder), so an adapter may batch their reads.
     */
    default void expect(Collection<ClusterTarget> targets) {}

    /** The managed-daemon gateway for a cluster; an adapter without one cannot run {@code managedDaemon} forwarders. */
    default DaemonGateway daemonsFor(ClusterTarget target) {
        throw new GatewayException("CreateDaemon", "Unsupported", "this ECS adapter cannot run managed daemons", null);
    }
}
