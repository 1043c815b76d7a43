package dev.logship.aws;

import static dev.logship.aws.Desired.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.localecs.Faults;
import dev.logship.model.DesiredCluster;
import dev.logship.sync.SyncResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Clusters synced in parallel (as the controller does) by one synchronizer. */
class ConcurrentApplyTest {
    private static final int CLUSTERS = 6;

    @Test
    void clustersWithEqualContentAppliedAtOnceShareOneRevision() throws Exception {
        Map<String, Integer> nodes = new LinkedHashMap<>();
        for (int i = 0; i < CLUSTERS; i++) {
            nodes.put("c" + i + "-ecs", 1);
        }
        try (LocalEcsHarness ecs = new LocalEcsHarness(nodes)) {
            // Slow calls widen the window between "no matching revision listed" and "registered".
            ecs.server.setFaults(Faults.latency(30));
            CyclicBarrier together = new CyclicBarrier(CLUSTERS);
            ExecutorService pool = Executors.newFixedThreadPool(CLUSTERS);
            try {
                List<Future<SyncResult>> results = new ArrayList<>();
                for (int i = 0; i < CLUSTERS; i++) {
                    DesiredCluster cluster = cluster(target("c" + i, false), daemon("c" + i, "papertrail"));
                    results.add(pool.submit(() -> {
                        together.await();
                        return ecs.synchronizer.sync(cluster);
                    }));
                }
                for (Future<SyncResult> r : results) {
                    assertThat(r.get().failures()).isEmpty();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(ecs.server.callCounts()).containsEntry("RegisterTaskDefinition", 1L).containsEntry("CreateService", (long) CLUSTERS);
        }
    }
}
