package dev.logship.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.ServeProcess;
import dev.logship.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Regression test: the controller never told the synchronizer which clusters it manages, so
 * (once cleanup became safe for revisions shared between clusters) serve kept every revision
 * forever. Now each accepted commit names its clusters and old revisions are deregistered.
 */
class ServeRevisionCleanupTest {
    private static final List<String> CLUSTERS = ReliabilityFleets.names("r", 2);

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void serveDeregistersRevisionsThatNoClusterOfTheRegionUsesAnyMore(@TempDir Path dir) {
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).region(Fleet.REGION);
        CLUSTERS.forEach(c -> config.cluster(c + "-ecs", 1));
        try (LocalEcsServer ecs = LocalEcsServer.start(config.build()); ManifestRepo git = ManifestRepo.create(dir.resolve("manifests.git"), dir.resolve("work"));
             EcsClient sdk = EcsClients.of(ecs.endpoint(), Fleet.REGION)) {
            String commit = git.commit(ReliabilityFleets.ofClusters("r", 2, "gliderlabs/logspout:v3.2.1", Secrets.ROUTE), "v3.2.1");
            try (ServeProcess serve = ServeProcess.start(dir, git.uri(), ecs.endpoint(), Secrets.environment(), "--poll-interval", "1h",
                    "--resync-interval", "1h")) {
                for (int patch = 1; patch <= 6; patch++) {
                    if (patch > 1) {
                        commit = git.commit(ReliabilityFleets.ofClusters("r", 2, "gliderlabs/logspout:v3.2." + patch, Secrets.ROUTE), "v" + patch);
                        serve.syncNow();
                    }
                    String expected = commit;
                    Waits.until("v3.2." + patch + " is applied", Duration.ofSeconds(30), () -> serve.allSynced(CLUSTERS, expected));
                    // clean-up keeps what an older deployment still drains: the next commit comes once the rollouts finished
                    Waits.until("the rollouts of v3.2." + patch + " finished", Duration.ofSeconds(30), () -> onlyOneDeployment(sdk));
                }
                // both clusters run 6; 4 and 5 are the newest kept for rollbacks; 1-3 are gone: clean-up runs after the
                // applies are reported, from spare budget of the task-definition bucket (refilled within about 10 s)
                Waits.until("revisions 1-3 are deregistered", Duration.ofSeconds(40), () -> active(sdk).size() == 3);
                assertThat(active(sdk)).containsExactlyInAnyOrder("4", "5", "6");
            }
        }
    }

    private static List<String> active(EcsClient sdk) {
        return sdk.listTaskDefinitionsPaginator(r -> r.familyPrefix("logship-papertrail").status("ACTIVE"))
                .taskDefinitionArns().stream().map(a -> a.substring(a.lastIndexOf(':') + 1)).toList();
    }

    /** Every service of every cluster runs one deployment: no older revision is still draining. */
    private static boolean onlyOneDeployment(EcsClient sdk) {
        return sdk.listClusters().clusterArns().stream().allMatch(cluster -> {
            List<String> services = sdk.listServices(r -> r.cluster(cluster)).serviceArns();
            return services.isEmpty() || sdk.describeServices(r -> r.cluster(cluster).services(services)).services().stream()
                    .allMatch(service -> service.deployments().size() == 1);
        });
    }
}
