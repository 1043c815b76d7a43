package dev.logship.aws;

import dev.logship.model.ClusterTarget;
import dev.logship.sync.EcsGateway;
import dev.logship.sync.EcsGateways;

/**
 * The AWS adapter's entry point: gateways per cluster over shared clients (one per role and
 * region), a shared task definition cache, and the call counter others can read.
 */
public final class AwsEcsGateways implements EcsGateways, AutoCloseable {
    private final EcsCallCounter counter = new EcsCallCounter();
    private final TaskDefinitionCache cache = new TaskDefinitionCache();
    private final EcsClients clients;

    public AwsEcsGateways(AwsSettings settings) {
        this.clients = new EcsClients(settings, counter);
    }

    @Override
    public EcsGateway forCluster(ClusterTarget target) {
        return new AwsEcsGateway(clients.client(target.roleArn(), target.region()), target.clusterName(), cache);
    }

    public EcsCallCounter calls() {
        return counter;
    }

    @Override
    public void close() {
        clients.close();
    }
}
