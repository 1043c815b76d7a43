package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.Waits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DaemonContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A managed daemon's task whose essential container turns UNHEALTHY is stopped with "Task failed
 * container health checks" and, as for any stopped daemon task, its instance is replaced and the
 * daemon runs there again (real SDK over HTTP; health set through the admin API).
 */
class UnhealthyDaemonTaskTest {
    private LocalEcsServer server;
    private EcsClient ecs;

    @BeforeEach
    void start() {
        server = LocalEcsServer.start(LocalEcsConfig.builder().managedInstances("prod", "managed", 2)
                .taskConvergence(Duration.ofMillis(50)).unhealthyReplacement(Duration.ofSeconds(2)).build());
        ecs = EcsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void stop() {
        ecs.close();
        server.close();
    }

    private List<Task> tasks(DesiredStatus status) {
        List<String> arns = ecs.listTasks(r -> r.cluster("prod").desiredStatus(status)).taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster("prod").tasks(arns)).tasks();
    }

    @Test
    void anUnhealthyDaemonTaskIsStoppedAndTheDaemonRunsAgainOnAReplacementInstance() {
        String td = ecs.registerDaemonTaskDefinition(r -> r.family("fluent-bit").containerDefinitions(
                DaemonContainerDefinition.builder().name("fluent-bit").image("fluent/fluent-bit:5.1.1-debug").memory(128)
                        .healthCheck(h -> h.command("CMD-SHELL", "wget -qO- localhost:2020/api/v1/health")).build()))
                .daemonTaskDefinitionArn();
        String provider = ecs.describeCapacityProviders(r -> r.capacityProviders("managed")).capacityProviders().get(0)
                .capacityProviderArn();
        ecs.createDaemon(r -> r.daemonName("fluent-bit").clusterArn("prod").daemonTaskDefinitionArn(td)
                .capacityProviderArns(provider));
        Waits.until("the daemon runs HEALTHY on both instances", Duration.ofSeconds(10), () -> {
            List<Task> live = tasks(DesiredStatus.RUNNING);
            return live.size() == 2 && live.stream().allMatch(t -> t.healthStatusAsString().equals("HEALTHY"));
        });
        Task sick = tasks(DesiredStatus.RUNNING).get(0);
        assertThat(server.setContainerHealth("prod", sick.taskArn(), "UNHEALTHY")).isEqualTo(1);

        Task stopped = Waits.until("the UNHEALTHY daemon task stopped", Duration.ofSeconds(10), () -> tasks(DesiredStatus.STOPPED)
                .stream().filter(t -> t.taskArn().equals(sick.taskArn())).findFirst());
        assertThat(stopped.stoppedReason()).isEqualTo("Task failed container health checks");
        Waits.until("the daemon runs HEALTHY on two instances again, one of them new", Duration.ofSeconds(10), () -> {
            List<Task> live = tasks(DesiredStatus.RUNNING);
            return live.size() == 2 && live.stream().allMatch(t -> t.healthStatusAsString().equals("HEALTHY"))
                    && live.stream().noneMatch(t -> t.containerInstanceArn().equals(sick.containerInstanceArn()));
        });
    }
}
