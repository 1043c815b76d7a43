package dev.logship.localecs;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/** Real SDK clients against a real local-ecs over HTTP, as users point them at it. */
final class LocalEcsFixture {
    private LocalEcsFixture() {
    }

    static EcsClient client(LocalEcsServer server) {
        return client(server, Region.US_EAST_1);
    }

    static EcsClient client(LocalEcsServer server, Region region) {
        return EcsClient.builder()
                .endpointOverride(server.endpoint())
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A client that surfaces the first error instead of retrying, for asserting error shapes. */
    static EcsClient clientWithoutRetries(LocalEcsServer server) {
        return EcsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** The SDK's standard retry mode with 10 ms backoffs, so fault tests stay quick. */
    static EcsClient clientWithQuickRetries(LocalEcsServer server) {
        BackoffStrategy quick = BackoffStrategy.fixedDelay(Duration.ofMillis(10));
        return EcsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .backoffStrategy(quick).throttlingBackoffStrategy(quick).build()))
                .build();
    }

    /** The seed's logspout task: a fixed host port so ECS places at most one per node. */
    static RegisterTaskDefinitionRequest logspout(String family, int hostPort) {
        return RegisterTaskDefinitionRequest.builder()
                .family(family)
                .containerDefinitions(ContainerDefinition.builder()
                        .name("logspout").image("gliderlabs/logspout").memory(128).cpu(1)
                        .portMappings(PortMapping.builder().containerPort(hostPort).hostPort(hostPort).build())
                        .command("syslog+tls://logs.example.com:12345")
                        .build())
                .build();
    }

    static void waitUntil(Duration timeout, BooleanSupplier condition, String what) {
        dev.logship.testkit.Waits.until(what, timeout, condition::getAsBoolean);
    }
}
