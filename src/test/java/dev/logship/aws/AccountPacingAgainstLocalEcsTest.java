package dev.logship.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.model.ClusterTarget;
import dev.logship.model.DesiredCluster;
import dev.logship.sync.ClusterSynchronizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cluster roles assumed through local-ecs's STS, and client-side pacing per account and
 * region: a role's calls count against its account, roles of one account share a budget, and
 * two accounts (or two regions) are paced and throttled independently.
 */
class AccountPacingAgainstLocalEcsTest {
    private static final String ROLE_A = "arn:aws:iam::111111111111:role/logship";
    private static final String ROLE_A2 = "arn:aws:iam::111111111111:role/other-team";
    private static final String ROLE_B = "arn:aws:iam::222222222222:role/logship";

    private static ClusterTarget target(String cluster, String region, String roleArn) {
        return new ClusterTarget(cluster, cluster, region, roleArn, true, false, false);
    }

    private static AwsEcsGateways gateways(LocalEcsServer server, RateLimits limits, AwsSettings.AssumeRoles assume) {
        return new AwsEcsGateways(new AwsSettings(server.endpoint(), LocalEcsHarness.CREDENTIALS, limits, 1).withAssumeRoles(assume));
    }

    @Test
    void withAssumeRolesAlwaysAClustersRoleIsAssumedAgainstLocalEcsAndItsCallsCountAgainstTheRolesAccount() {
        try (LocalEcsServer server = LocalEcsServer.start(LocalEcsConfig.builder().cluster("prod", 2).build());
                AwsEcsGateways gateways = gateways(server, RateLimits.ecsDefaults(), AwsSettings.AssumeRoles.ALWAYS)) {
            DesiredCluster prod = new DesiredCluster(target("prod", "us-east-1", ROLE_B), List.of(Desired.daemon("prod", "papertrail")));
            assertThat(new ClusterSynchronizer(gateways).sync(prod).failures()).isEmpty();
            assertThat(server.callCountsByAccount()).containsOnlyKeys("222222222222");
            assertThat(server.stsCallCounts()).containsEntry("AssumeRole", 1L).containsEntry("GetCallerIdentity", 1L);
        }
    }

    @Test
    void byDefaultARoleIsNotAssumedAgainstALoopbackEndpoint() {
        try (LocalEcsServer server = LocalEcsServer.start(LocalEcsConfig.builder().cluster("prod", 2).build());
                AwsEcsGateways gateways = gateways(server, RateLimits.ecsDefaults(), AwsSettings.AssumeRoles.AUTO)) {
            DesiredCluster prod = new DesiredCluster(target("prod", "us-east-1", ROLE_B), List.of(Desired.daemon("prod", "papertrail")));
            assertThat(new ClusterSynchronizer(gateways).sync(prod).failures()).isEmpty();
            assertThat(server.callCountsByAccount()).containsOnlyKeys("000000000000");
            assertThat(server.stsCallCounts()).isEmpty();
        }
    }

    @Test
    void twoAccountsAndTwoRegionsArePacedAndThrottledIndependentlyWhileRolesOfOneAccountShareABudget() {
        // Both sides at a time scale of 0.01 all but stop the refill (one token per 5 s), so a
        // burst runs out however slow the machine is; pacing at 100% of ECS's rates.
        RateLimits limits = new RateLimits(true, 1.0, 0.01);
        try (LocalEcsServer server = LocalEcsServer.start(LocalEcsConfig.builder().throttle(true).timeScale(0.01).build());
                AwsEcsGateways gateways = gateways(server, limits, AwsSettings.AssumeRoles.ALWAYS)) {
            int burst = ApiBucket.TASK_DEFINITION_READ.burst();
            for (int i = 0; i < burst; i++) {
                gateways.forCluster(target("a", "us-east-1", ROLE_A)).activeRevisionArns("logship-papertrail");
            }
            EcsClients clients = gateways.clients();
            assertThat(clients.limiter(ROLE_A2, "us-east-1").available("ListTaskDefinitions"))
                    .as("another role in account A shares A's spent budget").isZero();
            assertThat(clients.limiter(ROLE_A2, "us-east-1")).isSameAs(clients.limiter(ROLE_A, "us-east-1"));
            assertThat(clients.limiter(ROLE_B, "us-east-1").available("ListTaskDefinitions")).isEqualTo(burst);
            assertThat(clients.limiter(ROLE_A, "eu-west-1").available("ListTaskDefinitions")).isEqualTo(burst);

            // Account B and A's other region spend their own full bursts at once: neither
            // logship's pacing nor local-ecs's buckets hold them back.
            for (int i = 0; i < burst; i++) {
                gateways.forCluster(target("b", "us-east-1", ROLE_B)).activeRevisionArns("logship-papertrail");
                gateways.forCluster(target("a-eu", "eu-west-1", ROLE_A)).activeRevisionArns("logship-papertrail");
            }
            assertThat(server.errorCounts()).as("no ThrottlingException in any account").isEmpty();
            Map<String, Map<String, Long>> byAccount = server.callCountsByAccount();
            assertThat(byAccount.get("111111111111")).containsEntry("ListTaskDefinitions", 2L * burst);
            assertThat(byAccount.get("222222222222")).containsEntry("ListTaskDefinitions", (long) burst);
        }
    }

    @Test
    void theBaseCredentialsShareTheirAccountsBudgetWithRolesInThatAccount() {
        try (LocalEcsServer server = LocalEcsServer.start(LocalEcsConfig.builder().accountId("333333333333").build());
                AwsEcsGateways gateways = gateways(server, RateLimits.ecsDefaults(), AwsSettings.AssumeRoles.ALWAYS)) {
            EcsClients clients = gateways.clients();
            EcsRateLimiter base = clients.limiter(null, "us-east-1");
            EcsRateLimiter sameAccount = clients.limiter("arn:aws:iam::333333333333:role/deployer", "us-east-1");
            EcsRateLimiter other = clients.limiter(ROLE_B, "us-east-1");
            assertThat(sameAccount).isSameAs(base);
            assertThat(other).isNotSameAs(base);
            assertThat(clients.limiter(null, "us-east-1")).isSameAs(base);
            assertThat(server.stsCallCounts()).containsOnly(Map.entry("GetCallerIdentity", 1L));
        }
    }
}
