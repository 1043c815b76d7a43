package dev.logship.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.TestSnapshots;
import dev.logship.model.DesiredCluster;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import dev.logship.sync.Health;
import dev.logship.testkit.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Container health end to end over real HTTP: a forwarder on a {@code -debug} image renders a
 * container health check; local-ecs reports {@code healthStatus} on its tasks through the real
 * SDK's DescribeTasks, the admin API ({@code POST /_localecs/tasks/health}) turns it UNHEALTHY
 * per cluster or per task, and logship's judgement follows: UNHEALTHY tasks are not Healthy,
 * even with every task running.
 */
class ContainerHealthAgainstLocalEcsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private LocalEcsHarness ecs;
    private EcsClient sdk;

    @BeforeEach
    void start() {
        ecs = new LocalEcsHarness(Map.of("prod-ecs", 2));
        sdk = ecs.sdk("us-east-1");
    }

    @AfterEach
    void stop() {
        sdk.close();
        ecs.close();
    }

    private static DesiredCluster desired(String image) {
        ReadResult read = DesiredStates.read(TestSnapshots.of("c.yaml", TestSnapshots.cluster("prod", "us-east-1")
                .replace("spec:\n", "spec:\n  clusterName: prod-ecs\n"), "f.yaml", TestSnapshots.forwarder("fb", """
                        clusters: [prod]
                        agent: fluentBit
                        image: %s
                        routes: ["syslog+tls://logs.example.com:6514"]""".formatted(image))));
        assertThat(read.problems()).isEmpty();
        return read.state().cluster("prod").orElseThrow();
    }

    private List<Task> tasks() {
        List<String> arns = sdk.listTasks(r -> r.cluster("prod-ecs").serviceName("fb")).taskArns();
        return sdk.describeTasks(r -> r.cluster("prod-ecs").tasks(arns)).tasks();
    }

    private Health health(DesiredCluster desired) {
        return ecs.synchronizer.health(desired).values().iterator().next();
    }

    private int admin(String body) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(ecs.server.endpoint() + "/_localecs/tasks/health"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Integer.parseInt(answer.body().replaceAll("\\D", ""));
    }

    @Test
    void unhealthyTasksMakeAForwarderDegradedThoughEveryTaskRuns() throws Exception {
        DesiredCluster prod = desired("fluent/fluent-bit:5.1.1-debug");
        assertThat(ecs.synchronizer.sync(prod).failures()).isEmpty();
        Waits.until("the forwarder is Healthy", Duration.ofSeconds(20),
                () -> health(prod).status() == Health.Status.Healthy);
        assertThat(tasks()).hasSize(2).allSatisfy(t -> {
            assertThat(t.healthStatusAsString()).isEqualTo("HEALTHY");
            assertThat(t.containers().get(0).healthStatusAsString()).isEqualTo("HEALTHY");
        });

        String oneTask = tasks().get(0).taskArn();
        assertThat(admin("{\"cluster\":\"prod-ecs\",\"task\":\"" + oneTask + "\",\"healthStatus\":\"UNHEALTHY\"}")).isEqualTo(1);
        assertThat(tasks()).extracting(Task::healthStatusAsString).containsExactlyInAnyOrder("HEALTHY", "UNHEALTHY");
        Health one = health(prod);
        assertThat(one.status()).isEqualTo(Health.Status.Degraded);
        assertThat(one.message()).isEqualTo("1 of 2 tasks UNHEALTHY (container health check)");

        assertThat(admin("{\"cluster\":\"prod-ecs\",\"healthStatus\":\"UNHEALTHY\"}")).isEqualTo(2);
        assertThat(tasks()).extracting(Task::healthStatusAsString).containsOnly("UNHEALTHY");
        assertThat(health(prod).message()).startsWith("2 of 2 tasks UNHEALTHY");

        assertThat(admin("{\"cluster\":\"prod-ecs\",\"healthStatus\":\"HEALTHY\"}")).isEqualTo(2);
        assertThat(health(prod).status()).isEqualTo(Health.Status.Healthy);
    }

    @Test
    void withoutAHealthCheckTasksSayUnknownAndLogshipMakesNoTaskCalls() throws Exception {
        DesiredCluster prod = desired("fluent/fluent-bit:5.1.1");
        assertThat(ecs.synchronizer.sync(prod).failures()).isEmpty();
        Waits.until("the forwarder is Healthy", Duration.ofSeconds(20),
                () -> health(prod).status() == Health.Status.Healthy);
        admin("{\"cluster\":\"prod-ecs\",\"healthStatus\":\"UNHEALTHY\"}");
        assertThat(tasks()).extracting(Task::healthStatusAsString).containsOnly("UNKNOWN");
        long listTasks = ecs.server.callCounts().getOrDefault("ListTasks", 0L);
        assertThat(health(prod).status()).as("no check: ECS's health says nothing").isEqualTo(Health.Status.Healthy);
        assertThat(ecs.server.callCounts().getOrDefault("ListTasks", 0L)).as("a steady service without a check costs no task call")
                .isEqualTo(listTasks);
    }
}
