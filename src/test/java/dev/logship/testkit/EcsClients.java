package dev.logship.testkit;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;

/**
 * Real SDK clients against a local-ecs (or any ECS endpoint on loopback) over HTTP, as users point
 * them at it: the one place the tests build one, instead of a builder chain per test.
 */
public final class EcsClients {
    /** Any key works against local-ecs that has no accounts; a 12-digit one would name an account. */
    public static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private EcsClients() {}

    /** A plain client in us-east-1, as a person checking ECS by hand would use. */
    public static EcsClient of(URI endpoint) {
        return of(endpoint, Region.US_EAST_1.id());
    }

    /** A plain client in {@code region}. */
    public static EcsClient of(URI endpoint, String region) {
        return builder(endpoint, region).build();
    }

    /** A client that surfaces the first error instead of retrying, for asserting error shapes. */
    public static EcsClient withoutRetries(URI endpoint) {
        return builder(endpoint, Region.US_EAST_1.id()).overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    /** The SDK's standard retry mode with 10 ms backoffs, so fault tests stay quick. */
    public static EcsClient withQuickRetries(URI endpoint) {
        BackoffStrategy quick = BackoffStrategy.fixedDelay(Duration.ofMillis(10));
        return builder(endpoint, Region.US_EAST_1.id()).overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
                .toBuilder().backoffStrategy(quick).throttlingBackoffStrategy(quick).build())).build();
    }

    private static EcsClientBuilder builder(URI endpoint, String region) {
        return EcsClient.builder().endpointOverride(endpoint).region(Region.of(region)).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create());
    }
}
