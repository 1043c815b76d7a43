package dev.logship.aws;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * One EcsClient per (role, region), built once and shared. Each carries the pacing
 * interceptor of its account and region ({@link AccountPacing}: ECS's limits are per account
 * and region) and the SDK's standard retry strategy with more attempts and jittered
 * exponential backoff for what still fails (ThrottlingException, 5xx, I/O errors).
 */
final class EcsClients implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EcsClients.class);
    private record ClientKey(String roleArn, String region) {}

    private final AwsSettings settings;
    private final EcsCallCounter counter;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(30)).build();
    private final Map<ClientKey, EcsClient> clients = new ConcurrentHashMap<>();
    private final Map<String, AutoCloseable> closeables = new ConcurrentHashMap<>();
    private final AccountPacing pacing;
    private volatile String firstRegion = "us-east-1";
    private final AtomicBoolean notAssumedSaid = new AtomicBoolean();

    EcsClients(AwsSettings settings, EcsCallCounter counter) {
        this.settings = settings;
        this.counter = counter;
        this.pacing = new AccountPacing(settings.rateLimits(), this::callerAccount);
    }

    EcsClient client(String roleArn, String region) {
        return clients.computeIfAbsent(new ClientKey(roleArn, region), this::build);
    }

    /** The limiter a (role, region) draws from; for tests. */
    EcsRateLimiter limiter(String roleArn, String region) {
        return pacing.limiter(settings.assumes(roleArn) ? roleArn : null, region);
    }

    private EcsClient build(ClientKey key) {
        firstRegion = key.region();
        EcsRateLimiter limiter = pacing.limiter(settings.assumes(key.roleArn()) ? key.roleArn() : null, key.region());
        EcsClientBuilder builder = EcsClient.builder()
                .region(Region.of(key.region()))
                .httpClient(http)
                .credentialsProvider(credentials(key))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts())
                                .circuitBreakerEnabled(false)
                                // At most 0.5 s between tries of what is not throttling (I/O, 5xx): the 12 attempts at an
                                // unreachable endpoint take at most 4.3 s (2 s typical), so plan/apply fail within 10 s;
                                // throttling keeps its own, longer backoff (up to 10 s a try).
                                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofMillis(500)))
                                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200), Duration.ofSeconds(10)))
                                .build())
                        .addExecutionInterceptor(new PacingInterceptor(limiter, counter))
                        .addExecutionInterceptor(new CallContextInterceptor())
                        .build());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    private AwsCredentialsProvider credentials(ClientKey key) {
        AwsCredentialsProvider base = baseCredentials();
        if (!settings.assumes(key.roleArn())) {
            // AUTO against a loopback endpoint: an emulator may have no STS beside it, so the role is not assumed.
            // Said once per run (these clients live for one run), so nobody mistakes it for a role in use.
            if (key.roleArn() != null && !key.roleArn().isBlank() && notAssumedSaid.compareAndSet(false, true)) {
                LOG.warn("roleArn {} (and any other Cluster's roleArn) is not assumed: the ECS endpoint {} is a loopback"
                        + " address; --assume-roles always (LOGSHIP_ASSUME_ROLES=always) assumes it through STS at that endpoint",
                        key.roleArn(), settings.endpoint());
            }
            return base;
        }
        StsClient sts = sts(key.region(), base);
        StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> r.roleArn(key.roleArn()).roleSessionName("logship"))
                .build();
        closeables.put(key.roleArn() + "@" + key.region(), () -> {
            assumed.close();
            sts.close();
        });
        return assumed;
    }

    /** STS for a region; against a loopback ECS endpoint, that endpoint (local-ecs serves STS on its port). */
    private StsClient sts(String region, AwsCredentialsProvider credentials) {
        StsClientBuilder builder = StsClient.builder().region(Region.of(region)).httpClient(http).credentialsProvider(credentials);
        if (settings.endpointIsLocal()) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    /** The base credentials' account (STS GetCallerIdentity), or null when STS cannot say. */
    private String callerAccount() {
        try (StsClient sts = sts(firstRegion, baseCredentials())) {
            return sts.getCallerIdentity().account();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private AwsCredentialsProvider baseCredentials() {
        if (settings.credentials() != null) {
            return settings.credentials();
        }
        AwsCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        if (!settings.endpointIsLocal()) {
            return chain;
        }
        return AwsCredentialsProviderChain.builder().credentialsProviders(chain,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }

    @Override
    public void close() {
        clients.values().forEach(EcsClient::close);
        closeables.values().forEach(c -> {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing is best effort at shutdown
            }
        });
        http.close();
    }
}
