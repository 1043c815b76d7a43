package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Waits;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The scheduler leaves clusters at rest alone: a call costs local-ecs the clusters it changed,
 * not the whole fleet (it once walked every task of every cluster before and after each call,
 * so a 1,000-cluster bench spent more CPU in local-ecs than in the client it measured). Clusters
 * that a call changes, or that time still changes, are settled as before.
 */
class SchedulerRestTest {
    private static final int CLUSTERS = 30;
    private LocalEcsServer server;
    private EcsClient ecs;

    @AfterEach
    void stop() {
        ecs.close();
        server.close();
    }

    private static String name(int i) {
        return "c" + i;
    }

    private Service service(String cluster) {
        return ecs.describeServices(r -> r.cluster(cluster).services("logspout")).services().get(0);
    }

    @Test
    void aCallSettlesOnlyTheClustersItChangedWhileTheRestStayAtRest() {
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(200));
        for (int i = 0; i < CLUSTERS; i++) {
            config.cluster(name(i), 2);
        }
        server = LocalEcsServer.start(config.build());
        ecs = EcsClients.of(server.endpoint());
        ecs.registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234));
        for (int i = 0; i < CLUSTERS; i++) {
            String cluster = name(i);
            ecs.createService(r -> r.cluster(cluster).serviceName("logspout").taskDefinition("logspout").desiredCount(2));
        }
        for (int i = 0; i < CLUSTERS; i++) {
            String cluster = name(i);
            Waits.until(cluster + " steady", Duration.ofSeconds(30), () -> service(cluster).runningCount() == 2);
        }

        Waits.until("the fleet at rest", Duration.ofSeconds(30), this::aReadSettlesNothing);
        long before = server.clustersSettled();
        service(name(0));
        service(name(1));
        assertThat(server.clustersSettled() - before).as("reads of a fleet at rest settle nothing").isZero();

        before = server.clustersSettled();
        ecs.updateService(r -> r.cluster(name(7)).service("logspout").desiredCount(1));
        assertThat(service(name(7)).runningCount()).isEqualTo(1);
        assertThat(server.clustersSettled() - before).as("a change to one cluster settles that one").isBetween(1L, 4L);
        assertThat(service(name(8)).runningCount()).isEqualTo(2);

        server.setNodeCount(name(3), 1); // a node leaves a cluster at rest: its task goes with it
        assertThat(service(name(3)).runningCount()).isEqualTo(1);
        server.setNodeCount(name(3), 2); // and one joins: the task is placed again
        Waits.until("c3 back to 2", Duration.ofSeconds(30), () -> service(name(3)).runningCount() == 2);
        Waits.until("the fleet at rest again", Duration.ofSeconds(30), this::aReadSettlesNothing);

        before = server.clustersSettled();
        ecs.registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234)); // names no cluster: all are looked at once
        service(name(0));
        assertThat(server.clustersSettled() - before).isEqualTo(CLUSTERS);

        // c7 runs 1 task on 2 nodes: the new task takes the free node, then the old one is retired, with time alone
        ecs.updateService(r -> r.cluster(name(7)).service("logspout").taskDefinition("logspout:2"));
        Waits.until("rollout of c7 finished", Duration.ofSeconds(30), () -> service(name(7)).deployments().size() == 1
                && service(name(7)).runningCount() == 1);
        assertThat(service(name(7)).taskDefinition()).endsWith("logspout:2");
        assertThat(service(name(10)).taskDefinition()).endsWith("logspout:1");
    }

    private boolean aReadSettlesNothing() {
        long before = server.clustersSettled();
        service(name(0));
        return server.clustersSettled() == before;
    }
}
