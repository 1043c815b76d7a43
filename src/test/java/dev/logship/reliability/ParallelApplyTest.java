package dev.logship.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.localecs.faults.Faults;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.sync.SyncResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The controller applies clusters in parallel. Regression test: clusters running the same
 * forwarder used to register one revision each when their applies overlapped (each listed the
 * family before the other registered).
 */
class ParallelApplyTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void clustersAppliedInParallelRegisterTheirSharedContentOnce() throws Exception {
        List<String> names = ReliabilityFleets.names("p", 12);
        DesiredState state = ReliabilityFleets.ofClusters("p", 12, "gliderlabs/logspout:v3.2.14", "syslog://logs.example.com:514").render("r1");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try (EcsRig ecs = EcsRig.start(names, 1, 50)) {
            ecs.server.setFaults(Faults.latency(30)); // widens the window between listing and registering
            ClusterSynchronizer sync = new ClusterSynchronizer(ecs.gateways);
            sync.manage(state);
            List<Future<SyncResult>> runs = new ArrayList<>();
            for (DesiredCluster cluster : state.clusters()) {
                runs.add(pool.submit(() -> sync.sync(cluster)));
            }
            for (Future<SyncResult> run : runs) {
                assertThat(run.get().failures()).isEmpty();
            }
            assertThat(ecs.activeRevisions("logship-papertrail")).hasSize(1);
            assertThat(ecs.server.callCounts().get("RegisterTaskDefinition")).isEqualTo(1);
            String shared = ecs.activeRevisions("logship-papertrail").get(0);
            names.forEach(n -> assertThat(ecs.revisionsInUse(n + "-ecs")).containsEntry("papertrail", shared));
        } finally {
            pool.shutdownNow();
        }
    }
}
