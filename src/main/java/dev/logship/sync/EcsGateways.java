package dev.logship.sync;

import dev.logship.model.ClusterTarget;

/** Hands out the gateway for a cluster (the adapter shares one client per account and region). */
@FunctionalInterface
public interface EcsGateways {
    EcsGateway forCluster(ClusterTarget target);
}
