package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Waits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

class SchedulerTest {
    private LocalEcsServer server;
    private EcsClient ecs;

    private void start(LocalEcsConfig config) {
        server = LocalEcsServer.start(config);
        ecs = EcsClients.of(server.endpoint());
        ecs.registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234));
    }

    @AfterEach
    void stop() {
        ecs.close();
        server.close();
    }

    private Service service(String name) {
        return ecs.describeServices(r -> r.cluster("prod").services(name)).services().get(0);
    }

    private List<Task> tasks() {
        List<String> arns = ecs.listTasks(r -> r.cluster("prod")).taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster("prod").tasks(arns)).tasks();
    }

    @Test
    void daemonFollowsNodesJoiningAndLeaving() {
        start(LocalEcsConfig.builder().cluster("prod", 2).build());
        ecs.createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout")
                .schedulingStrategy(SchedulingStrategy.DAEMON));
        assertThat(service("logspout").runningCount()).isEqualTo(2);

        server.setNodeCount("prod", 5);
        assertThat(service("logspout").runningCount()).isEqualTo(5);
        assertThat(service("logspout").desiredCount()).isEqualTo(5);
        assertThat(tasks()).extracting(Task::containerInstanceArn).doesNotHaveDuplicates().hasSize(5);

        server.setNodeCount("prod", 1);
        assertThat(service("logspout").runningCount()).isEqualTo(1);
    }

    @Test
    void fixedHostPortNeverPutsTwoTasksOnOneNodeAndSaysWhy() {
        start(LocalEcsConfig.builder().cluster("prod", 3).build());
        ecs.createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout").desiredCount(5));

        Service s = service("logspout");
        assertThat(s.desiredCount()).isEqualTo(5);
        assertThat(s.runningCount()).isEqualTo(3);
        assertThat(tasks()).extracting(Task::containerInstanceArn).doesNotHaveDuplicates();
        assertThat(s.events()).anySatisfy(e -> assertThat(e.message())
                .contains("(service logspout) was unable to place a task")
                .contains("is already using a port required by your task"));

        server.setNodeCount("prod", 5);
        assertThat(service("logspout").runningCount()).isEqualTo(5);
    }

    @Test
    void theSeedsTrickRunsExactlyOnePerNodeWhenDesiredEqualsNodes() {
        start(LocalEcsConfig.builder().cluster("prod", 4).build());
        ecs.createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout").desiredCount(4));

        assertThat(tasks()).hasSize(4).extracting(Task::containerInstanceArn).doesNotHaveDuplicates();
        assertThat(tasks()).allSatisfy(t -> assertThat(t.containers().get(0).networkBindings().get(0).hostPort()).isEqualTo(1234));
        assertThat(service("logspout").events().get(0).message()).contains("has reached a steady state");
    }

    @Test
    void updatingTheSeedsOnePerNodeServiceWithEcsDefaultsStallsOnItsOwnHostPort() {
        // 200/100: the new tasks may start (up to 6) but every node's port is held by an old task,
        // and no old task may stop before a new one runs. ECS waits forever; so does local-ecs.
        start(LocalEcsConfig.builder().cluster("prod", 3).build());
        ecs.createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout").desiredCount(3));
        ecs.registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234));

        ecs.updateService(r -> r.cluster("prod").service("logspout").taskDefinition("logspout:2"));

        Service s = service("logspout");
        assertThat(s.deployments()).hasSize(2);
        assertThat(s.deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.IN_PROGRESS);
        assertThat(tasks()).hasSize(3).allMatch(t -> t.taskDefinitionArn().endsWith("logspout:1"));
        assertThat(s.events().get(0).message()).contains("is already using a port required by your task");
    }

    @Test
    void updatingAOnePerNodeServiceWithMaximum100Minimum50ReplacesEveryTaskInPlace() {
        start(LocalEcsConfig.builder().cluster("prod", 3).build());
        ecs.createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout").desiredCount(3)
                .deploymentConfiguration(c -> c.maximumPercent(100).minimumHealthyPercent(50)));
        ecs.registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234));

        ecs.updateService(r -> r.cluster("prod").service("logspout").taskDefinition("logspout:2"));
        // min ceil(1.5) = 2 healthy, max 3 tasks: one old task stops, one new starts, and so on
        for (int i = 0; i < 20 && service("logspout").deployments().size() > 1; i++) {
            tasks(); // every call settles the scheduler
        }

        Service s = service("logspout");
        assertThat(s.deployments()).singleElement().satisfies(d -> assertThat(d.rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED));
        assertThat(tasks()).hasSize(3).allMatch(t -> t.taskDefinitionArn().endsWith("logspout:2"))
                .extracting(Task::containerInstanceArn).doesNotHaveDuplicates();
    }

    @Test
    void onOneNodeEcsRoundingStalls100Over50ButRolls100Over0() {
        start(LocalEcsConfig.builder().cluster("old-config", 1).cluster("logship-config", 1).build());
        ecs.registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234));
        for (String cluster : List.of("old-config", "logship-config")) {
            int minimum = cluster.equals("old-config") ? 50 : 0;
            ecs.createService(r -> r.cluster(cluster).serviceName("logspout").taskDefinition("logspout:1").desiredCount(1)
                    .deploymentConfiguration(c -> c.maximumPercent(100).minimumHealthyPercent(minimum)));
            ecs.updateService(r -> r.cluster(cluster).service("logspout").taskDefinition("logspout:2"));
        }
        // every call settles the scheduler: ten looks are ten chances to move
        for (int i = 0; i < 10; i++) {
            serviceIn("old-config");
            serviceIn("logship-config");
        }

        // max floor(1 x 100%) = 1 task, min ceil(1 x 50%) = 1 healthy: the old task may not stop, the new may not start
        Service stalled = serviceIn("old-config");
        assertThat(stalled.deployments()).hasSize(2);
        assertThat(stalled.deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.IN_PROGRESS);
        assertThat(stalled.deployments().get(0).runningCount() + stalled.deployments().get(0).pendingCount()).isZero();
        assertThat(stalled.runningCount()).as("the old task keeps running").isEqualTo(1);

        // minimum 0 (what logship renders for one node): the old task stops, then the new one starts
        Service rolled = serviceIn("logship-config");
        assertThat(rolled.deployments()).singleElement().satisfies(d -> {
            assertThat(d.rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
            assertThat(d.taskDefinition()).endsWith("logspout:2");
        });
        assertThat(rolled.runningCount()).isEqualTo(1);
    }

    private Service serviceIn(String cluster) {
        return ecs.describeServices(r -> r.cluster(cluster).services("logspout")).services().get(0);
    }

    @Test
    void distinctInstanceKeepsReplicasApartWithoutAnyHostPort() {
        start(LocalEcsConfig.builder().cluster("prod", 2).build());
        ecs.registerTaskDefinition(r -> r.family("web").containerDefinitions(
                software.amazon.awssdk.services.ecs.model.ContainerDefinition.builder().name("web").image("nginx").memory(64).build()));

        ecs.createService(r -> r.cluster("prod").serviceName("web").taskDefinition("web").desiredCount(3)
                .placementConstraints(c -> c.type("distinctInstance")));
        ecs.createService(r -> r.cluster("prod").serviceName("packed").taskDefinition("web").desiredCount(3));

        assertThat(service("web").runningCount()).isEqualTo(2);
        assertThat(service("packed").runningCount()).isEqualTo(3);
    }

    @Test
    void scalingDownStopsTasksAndSaysSo() {
        start(LocalEcsConfig.builder().cluster("prod", 3).build());
        ecs.createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout").desiredCount(3));

        ecs.updateService(r -> r.cluster("prod").service("logspout").desiredCount(1));

        assertThat(service("logspout").runningCount()).isEqualTo(1);
        assertThat(service("logspout").events()).anySatisfy(e -> assertThat(e.message()).startsWith("(service logspout) has stopped 2 running tasks"));
    }

    @Test
    void removedNodesTakeTheirTasksWithThem() {
        start(LocalEcsConfig.builder().cluster("prod", 3).build());
        ecs.createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout").desiredCount(3));

        server.setNodeCount("prod", 2);

        assertThat(service("logspout").runningCount()).isEqualTo(2);
        assertThat(ecs.listTasks(r -> r.cluster("prod").desiredStatus("STOPPED")).taskArns()).hasSize(1);
    }

    @Test
    void tasksStayPendingUntilTheConvergenceDelayHasPassed() {
        start(LocalEcsConfig.builder().cluster("prod", 2).taskConvergence(Duration.ofMillis(400)).build());
        ecs.createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout")
                .schedulingStrategy(SchedulingStrategy.DAEMON));

        Service early = service("logspout");
        assertThat(early.pendingCount()).isEqualTo(2);
        assertThat(early.runningCount()).isZero();
        assertThat(early.deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.IN_PROGRESS);

        Waits.until("tasks run", Duration.ofSeconds(5), () -> service("logspout").runningCount() == 2);
        Service settled = service("logspout");
        assertThat(settled.pendingCount()).isZero();
        assertThat(settled.deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
    }

    @Test
    void theSdksServicesStableWaiterSeesTheRolloutFinish() {
        start(LocalEcsConfig.builder().cluster("prod", 3).taskConvergence(Duration.ofMillis(300)).build());
        ecs.createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout")
                .schedulingStrategy(SchedulingStrategy.DAEMON));

        var outcome = ecs.waiter().waitUntilServicesStable(r -> r.cluster("prod").services("logspout"),
                o -> o.waitTimeout(Duration.ofSeconds(30)).backoffStrategyV2(
                        software.amazon.awssdk.retries.api.BackoffStrategy.fixedDelay(Duration.ofMillis(100))));

        assertThat(outcome.matched().response()).hasValueSatisfying(r -> assertThat(r.services().get(0).runningCount()).isEqualTo(3));
        ecs.deleteService(r -> r.cluster("prod").service("logspout"));
        ecs.waiter().waitUntilServicesInactive(r -> r.cluster("prod").services("logspout"));
    }

    @Test
    void aRollingUpdateKeepsTheOldDeploymentUntilTheNewTasksRun() {
        start(LocalEcsConfig.builder().cluster("prod", 2).taskConvergence(Duration.ofMillis(300)).build());
        ecs.createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout")
                .schedulingStrategy(SchedulingStrategy.DAEMON));
        Waits.until("first rollout", Duration.ofSeconds(5), () -> service("logspout").runningCount() == 2);
        ecs.registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234));

        ecs.updateService(r -> r.cluster("prod").service("logspout").taskDefinition("logspout:2"));

        Service rolling = service("logspout");
        assertThat(rolling.deployments()).extracting(d -> d.status()).containsExactly("PRIMARY", "ACTIVE");
        assertThat(rolling.deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.IN_PROGRESS);
        Waits.until("rollout done", Duration.ofSeconds(5), () -> service("logspout").deployments().size() == 1);
        assertThat(service("logspout").deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
        assertThat(service("logspout").runningCount()).isEqualTo(2);
    }
}
