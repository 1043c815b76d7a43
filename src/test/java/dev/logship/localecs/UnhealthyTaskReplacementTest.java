package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS replaces a service task whose essential container fails its health check: through the real
 * SDK, a task set UNHEALTHY (admin hook) is stopped with "Task failed container health checks" and
 * replaced, for REPLICA and DAEMON services; a rollout whose tasks stay UNHEALTHY counts every
 * replaced task as failed, and the deployment circuit breaker fails it.
 */
class UnhealthyTaskReplacementTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private LocalEcsServer server;
    private EcsClient ecs;

    @BeforeEach
    void start() {
        server = LocalEcsServer.start(LocalEcsConfig.builder().cluster("prod", 3)
                .taskConvergence(Duration.ofMillis(50)).unhealthyReplacement(Duration.ofSeconds(2)).build());
        ecs = EcsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        for (String image : List.of("fluent/fluent-bit:5.1.1-debug", "fluent/fluent-bit:5.1.2-debug")) {
            ecs.registerTaskDefinition(r -> r.family("fb").containerDefinitions(ContainerDefinition.builder().name("fb")
                    .image(image).memory(64).healthCheck(h -> h.command("CMD-SHELL", "wget -qO- localhost:2020/api/v1/health"))
                    .build()));
        }
    }

    @AfterEach
    void stop() {
        ecs.close();
        server.close();
    }

    private void create(SchedulingStrategy strategy) {
        ecs.createService(r -> r.cluster("prod").serviceName("fb").taskDefinition("fb:1")
                .desiredCount(strategy == SchedulingStrategy.DAEMON ? null : 2).schedulingStrategy(strategy)
                .deploymentConfiguration(c -> c.deploymentCircuitBreaker(b -> b.enable(true).rollback(false))));
        Waits.until("fb:1 completed", Duration.ofSeconds(10),
                () -> service().deployments().get(0).rolloutState() == DeploymentRolloutState.COMPLETED);
    }

    private Service service() {
        return ecs.describeServices(r -> r.cluster("prod").services("fb")).services().get(0);
    }

    private List<Task> tasks(DesiredStatus status) {
        List<String> arns = ecs.listTasks(r -> r.cluster("prod").desiredStatus(status)).taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster("prod").tasks(arns)).tasks();
    }

    private void health(String body) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/_localecs/tasks/health"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private void oneUnhealthyTaskIsReplaced(int running) throws Exception {
        Task sick = tasks(DesiredStatus.RUNNING).get(0);
        health("{\"cluster\":\"prod\",\"task\":\"" + sick.taskArn() + "\",\"healthStatus\":\"UNHEALTHY\"}");
        assertThat(tasks(DesiredStatus.RUNNING)).filteredOn(t -> t.taskArn().equals(sick.taskArn()))
                .extracting(Task::healthStatusAsString).containsExactly("UNHEALTHY");
        Task stopped = Waits.until("the UNHEALTHY task stopped", Duration.ofSeconds(10), () -> tasks(DesiredStatus.STOPPED)
                .stream().filter(t -> t.taskArn().equals(sick.taskArn())).findFirst());
        assertThat(stopped.stoppedReason()).isEqualTo("Task failed container health checks");
        assertThat(stopped.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
        Waits.until("a HEALTHY replacement runs", Duration.ofSeconds(10), () -> {
            List<Task> live = tasks(DesiredStatus.RUNNING);
            return live.size() == running && live.stream().allMatch(t -> t.healthStatusAsString().equals("HEALTHY"));
        });
        assertThat(service().events()).anySatisfy(e -> assertThat(e.message())
                .isEqualTo("(service fb) (task " + sick.taskArn().substring(sick.taskArn().lastIndexOf('/') + 1)
                        + ") failed container health checks."));
        assertThat(service().deployments().get(0).failedTasks()).isEqualTo(1);
    }

    @Test
    void anUnhealthyReplicaTaskIsStoppedAndReplaced() throws Exception {
        create(SchedulingStrategy.REPLICA);
        oneUnhealthyTaskIsReplaced(2);
    }

    @Test
    void anUnhealthyDaemonTaskIsStoppedAndReplacedOnItsNode() throws Exception {
        create(SchedulingStrategy.DAEMON);
        oneUnhealthyTaskIsReplaced(3);
    }

    @Test
    void aRolloutWhoseTasksStayUnhealthyTripsTheCircuitBreaker() throws Exception {
        create(SchedulingStrategy.REPLICA);
        health("{\"cluster\":\"prod\",\"healthStatus\":\"UNHEALTHY\"}");
        ecs.updateService(r -> r.cluster("prod").service("fb").taskDefinition("fb:2"));
        Deployment failed = Waits.until("the rollout failed", Duration.ofSeconds(30), () -> service().deployments().stream()
                .filter(d -> d.taskDefinition().endsWith("fb:2") && d.rolloutState() == DeploymentRolloutState.FAILED).findFirst());
        assertThat(failed.failedTasks()).isGreaterThanOrEqualTo(3);
        assertThat(failed.rolloutStateReason()).contains("circuit breaker");
        long replaced = tasks(DesiredStatus.STOPPED).stream()
                .filter(t -> "Task failed container health checks".equals(t.stoppedReason())).count();
        System.out.println("rollout fb:2 with every task UNHEALTHY: failedTasks " + failed.failedTasks() + ", tasks stopped for"
                + " failed health checks " + replaced);
    }
}
