package dev.logship.localecs;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DaemonContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DaemonDeployment;
import software.amazon.awssdk.services.ecs.model.DaemonDetail;

/** Daemon set-up the daemon contract tests share: a daemon task definition and a daemon on it. */
final class DaemonFixture {
    static final String CLUSTER = "prod";
    static final String PROVIDER = "managed";

    private DaemonFixture() {
    }

    static String register(EcsClient ecs, String image) {
        return ecs.registerDaemonTaskDefinition(r -> r.family("fluent-bit").containerDefinitions(
                DaemonContainerDefinition.builder().name("fluent-bit").image(image).memory(128).build()))
                .daemonTaskDefinitionArn();
    }

    static String providerArn(EcsClient ecs) {
        return ecs.describeCapacityProviders(r -> r.capacityProviders(PROVIDER)).capacityProviders().get(0).capacityProviderArn();
    }

    static String create(EcsClient ecs, String taskDefinitionArn, double drainPercent, int bakeMinutes) {
        return ecs.createDaemon(r -> r.daemonName("fluent-bit").clusterArn(CLUSTER).daemonTaskDefinitionArn(taskDefinitionArn)
                .capacityProviderArns(providerArn(ecs))
                .deploymentConfiguration(c -> c.drainPercent(drainPercent).bakeTimeInMinutes(bakeMinutes))).daemonArn();
    }

    static DaemonDetail describe(EcsClient ecs, String daemonArn) {
        return ecs.describeDaemon(r -> r.daemonArn(daemonArn)).daemon();
    }

    static DaemonDeployment deployment(EcsClient ecs, String deploymentArn) {
        return ecs.describeDaemonDeployments(r -> r.daemonDeploymentArns(deploymentArn)).daemonDeployments().get(0);
    }

    static int running(EcsClient ecs, String daemonArn, String revisionArn) {
        return describe(ecs, daemonArn).currentRevisions().stream().filter(r -> r.arn().equals(revisionArn))
                .mapToInt(r -> r.totalRunningCount()).sum();
    }
}
