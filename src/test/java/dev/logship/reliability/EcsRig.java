package dev.logship.reliability;

import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.AwsSettings;
import dev.logship.aws.RateLimits;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Fleet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * A local-ecs on a free loopback port, logship's real AWS adapter pointed at it, and a plain SDK
 * client for looking at ECS the way a person would (the checks never go through logship).
 */
final class EcsRig implements AutoCloseable {
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    final LocalEcsServer server;
    final AwsEcsGateways gateways;
    final EcsClient sdk;

    private EcsRig(LocalEcsServer server, RateLimits limits) {
        this.server = server;
        this.gateways = new AwsEcsGateways(new AwsSettings(server.endpoint(), CREDENTIALS, limits, 12));
        this.sdk = EcsClients.of(server.endpoint(), Fleet.REGION);
    }

    /** Clusters {@code name-ecs} with {@code nodes} ACTIVE nodes each; logship paces at ECS's rates sped up by {@code timeScale}. */
    static EcsRig start(List<String> clusters, int nodes, double timeScale) {
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).region(Fleet.REGION);
        clusters.forEach(c -> config.cluster(c + "-ecs", nodes));
        return new EcsRig(LocalEcsServer.start(config.build()), RateLimits.ecsDefaults().withTimeScale(timeScale));
    }

    /** ACTIVE revisions of a family, as ECS lists them. */
    List<String> activeRevisions(String family) {
        return sdk.listTaskDefinitionsPaginator(r -> r.familyPrefix(family).status("ACTIVE")).taskDefinitionArns().stream()
                .filter(arn -> arn.contains("task-definition/" + family + ":")).toList();
    }

    String status(String taskDefinitionArn) {
        return sdk.describeTaskDefinition(r -> r.taskDefinition(taskDefinitionArn)).taskDefinition().statusAsString();
    }

    /** Every ACTIVE service of an ECS cluster, described with tags. */
    List<Service> services(String ecsCluster) {
        List<String> arns = sdk.listServicesPaginator(r -> r.cluster(ecsCluster)).serviceArns().stream().toList();
        List<Service> out = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 10) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 10));
            out.addAll(sdk.describeServices(r -> r.cluster(ecsCluster).services(batch).include(
                    software.amazon.awssdk.services.ecs.model.ServiceField.TAGS)).services());
        }
        return out;
    }

    /** Service name to task definition ARN, for one ECS cluster. */
    Map<String, String> revisionsInUse(String ecsCluster) {
        Map<String, String> out = new TreeMap<>();
        services(ecsCluster).forEach(s -> out.put(s.serviceName(), s.taskDefinition()));
        return out;
    }

    @Override
    public void close() {
        sdk.close();
        gateways.close();
        server.close();
    }
}
