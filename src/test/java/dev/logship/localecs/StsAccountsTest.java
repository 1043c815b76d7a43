package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logship.testkit.AwsCliPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * STS on local-ecs's port, spoken by the real SDK StsClient and the AWS CLI: credentials from
 * AssumeRole count against the role's account, and each account has its own rate buckets.
 */
class StsAccountsTest {
    private static final String ROLE_A = "arn:aws:iam::111111111111:role/logship-deployer";
    private static final String ROLE_B = "arn:aws:iam::222222222222:role/team/logship-deployer";

    private static StsClient sts(LocalEcsServer server, AwsCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static StaticCredentialsProvider base() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret"));
    }

    private static EcsClient ecs(LocalEcsServer server, AwsCredentialsProvider credentials) {
        return EcsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @Test
    void assumeRoleReturnsCredentialsOfTheRolesAccountAndGetCallerIdentityNamesIt() {
        try (LocalEcsServer server = LocalEcsServer.start(LocalEcsConfig.defaults()); StsClient sts = sts(server, base())) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo("000000000000");

            AssumeRoleResponse assumed = sts.assumeRole(r -> r.roleArn(ROLE_B).roleSessionName("logship").durationSeconds(900));
            assertThat(assumed.credentials().accessKeyId()).hasSize(20).startsWith("ASIA222222222222");
            assertThat(assumed.credentials().sessionToken()).isNotBlank();
            assertThat(assumed.credentials().expiration()).isAfter(java.time.Instant.now().plusSeconds(800));
            assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::222222222222:assumed-role/logship-deployer/logship");

            var c = assumed.credentials();
            try (StsClient asRole = sts(server, StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))) {
                var identity = asRole.getCallerIdentity();
                assertThat(identity.account()).isEqualTo("222222222222");
                assertThat(identity.arn()).isEqualTo(assumed.assumedRoleUser().arn());
                assertThat(identity.userId()).isEqualTo(assumed.assumedRoleUser().assumedRoleId()).endsWith(":logship");
            }
            // A 12-digit access key picks its account without STS (LocalStack's convention).
            try (StsClient digits = sts(server, StaticCredentialsProvider.create(AwsBasicCredentials.create("333333333333", "x")))) {
                assertThat(digits.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::333333333333:root");
            }
            assertThat(server.stsCallCounts()).containsEntry("AssumeRole", 1L).containsEntry("GetCallerIdentity", 3L);
            assertThat(server.callCounts()).as("STS calls are not ECS calls").isEmpty();
        }
    }

    @Test
    void badAssumeRoleRequestsAreRefusedWithStsErrors() {
        try (LocalEcsServer server = LocalEcsServer.start(LocalEcsConfig.defaults()); StsClient sts = sts(server, base())) {
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::12:user/bob").roleSessionName("s1")))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).contains("arn:aws:iam::12:user/bob", "role ARN looks like");
                    });
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(ROLE_A).roleSessionName("x")))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .contains("roleSessionName"));
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(ROLE_A).roleSessionName("s1").durationSeconds(60)))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .contains("durationSeconds", "900"));
        }
    }

    @Test
    void ecsCallsSignedWithAssumedCredentialsDrawFromTheirOwnAccountsBuckets() {
        // A time scale of 0.01 all but stops the refill, so a burst runs out however slow the machine is.
        try (LocalEcsServer server = LocalEcsServer.start(LocalEcsConfig.builder().throttle(true).timeScale(0.01).build());
                StsClient sts = sts(server, base());
                StsAssumeRoleCredentialsProvider roleA = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                        .refreshRequest(r -> r.roleArn(ROLE_A).roleSessionName("session-a")).build();
                StsAssumeRoleCredentialsProvider roleB = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                        .refreshRequest(r -> r.roleArn(ROLE_B).roleSessionName("session-b")).build();
                EcsClient a = ecs(server, roleA);
                EcsClient b = ecs(server, roleB);
                EcsClient home = ecs(server, base())) {
            int acceptedA = 0;
            while (registers(a)) {
                acceptedA++;
                assertThat(acceptedA).as("registrations before account A is throttled").isLessThan(200);
            }
            assertThat(acceptedA).isGreaterThanOrEqualTo(20);

            // Account B's and the base account's buckets are untouched by A's burst.
            for (int i = 0; i < 20; i++) {
                assertThat(registers(b)).as("account B registration %d", i).isTrue();
            }
            assertThat(registers(home)).isTrue();
            assertThat(registers(a)).as("account A is still throttled").isFalse();

            Map<String, Map<String, Long>> byAccount = server.callCountsByAccount();
            assertThat(byAccount.get("111111111111")).containsEntry("RegisterTaskDefinition", acceptedA + 2L);
            assertThat(byAccount.get("222222222222")).containsEntry("RegisterTaskDefinition", 20L);
            assertThat(byAccount.get("000000000000")).containsEntry("RegisterTaskDefinition", 1L);
            assertThat(server.errorCounts()).containsEntry("RegisterTaskDefinition:ThrottlingException", 2L);
        }
    }

    @Test
    void theAwsCliAssumesARoleAgainstLocalEcs(@TempDir Path dir) {
        try (LocalEcsServer server = LocalEcsServer.start(LocalEcsConfig.defaults())) {
            Map<String, String> env = new java.util.HashMap<>(ExternalTool.awsEnvironment(server));
            env.put("AWS_ENDPOINT_URL_STS", server.endpoint().toString());
            ExternalTool.Result result = ExternalTool.run(List.of(AwsCliPath.aws(), "sts", "assume-role", "--role-arn", ROLE_A,
                    "--role-session-name", "cli", "--query", "Credentials.AccessKeyId", "--output", "text"), env, dir);
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            String key = result.stdout().trim();
            assertThat(key).startsWith("ASIA111111111111");

            env.put("AWS_ACCESS_KEY_ID", key);
            env.put("AWS_SESSION_TOKEN", "any");
            ExternalTool.Result identity = ExternalTool.run(List.of(AwsCliPath.aws(), "sts", "get-caller-identity",
                    "--query", "Account", "--output", "text"), env, dir);
            assertThat(identity.exitCode()).as(identity.stderr()).isZero();
            assertThat(identity.stdout().trim()).isEqualTo("111111111111");
            ExternalTool.Result clusters = ExternalTool.run(List.of(AwsCliPath.aws(), "ecs", "list-clusters"), env, dir);
            assertThat(clusters.exitCode()).as(clusters.stderr()).isZero();
            assertThat(server.callCountsByAccount()).containsOnlyKeys("111111111111");
        }
    }

    private static boolean registers(EcsClient ecs) {
        try {
            ecs.registerTaskDefinition(LocalEcsFixture.logspout("burst", 1234));
            return true;
        } catch (EcsException e) {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
            return false;
        }
    }
}
