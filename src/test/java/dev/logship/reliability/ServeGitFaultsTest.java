package dev.logship.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.ServeProcess;
import dev.logship.testkit.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git going wrong under a running {@code serve} process: a force-push to an older commit, a
 * commit that deletes every manifest, the branch deleted, the remote unreachable. The status
 * explains each; nothing is pruned unless a new valid commit allows it; what was applied stays.
 */
class ServeGitFaultsTest {
    private static final List<String> CLUSTERS = ReliabilityFleets.names("g", 3);
    private static final String V14 = "gliderlabs/logspout:v3.2.14";
    private static final String V13 = "gliderlabs/logspout:v3.2.13";

    private static Fleet fleet(String image) {
        return ReliabilityFleets.withPerNodeSeed("g", CLUSTERS.size(), image, Secrets.ROUTE);
    }

    private static String sourceError(ServeProcess serve) {
        String error = serve.status().path("source").path("error").textValue();
        return error == null ? "" : error;
    }

    private static long mutations(LocalEcsServer ecs) {
        return ecs.mutatingCallCounts().values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void gitFaultsAreExplainedOnTheStatusAndNothingIsPrunedOrLost(@TempDir Path dir) throws Exception {
        LocalEcsConfig.Builder config = fleet(V14).localEcs();
        try (LocalEcsServer ecs = LocalEcsServer.start(config.build()); ManifestRepo git = ManifestRepo.create(dir.resolve("manifests.git"), dir.resolve("work"))) {
            String first = git.commit(fleet(V14), "first");
            try (ServeProcess serve = ServeProcess.start(dir, git.uri(), ecs.endpoint(), Secrets.environment(), "--poll-interval", "1h",
                    "--resync-interval", "1h")) {
                Waits.until("the first commit is applied", Duration.ofSeconds(60), () -> serve.allSynced(CLUSTERS, first));
                String second = git.commit(fleet(V13), "second: new image");
                serve.syncNow();
                Waits.until("the second commit is applied", Duration.ofSeconds(30), () -> serve.allSynced(CLUSTERS, second));

                // 1. force-push back to the first commit: reported, and followed (it is a valid commit)
                git.forcePush(first);
                serve.syncNow();
                Waits.until("the force-pushed commit is applied", Duration.ofSeconds(30), () -> serve.allSynced(CLUSTERS, first));
                assertThat(serve.events()).contains("HistoryRewritten");

                // 2. a commit that deletes every manifest: stalled, nothing pruned, the first commit stays applied
                ecs.resetCallCounts();
                String empty = git.deleteEverything("delete everything");
                serve.syncNow();
                Waits.until("the source saw the empty commit", Duration.ofSeconds(30),
                        () -> serve.status().path("source").path("revision").asText().equals(empty));
                Waits.pause(Duration.ofSeconds(2)); // give a wrong prune the time to happen
                JsonNode stalled = serve.cluster("g000");
                assertThat(stalled.path("conditions").toString()).contains("\"type\":\"Stalled\",\"status\":\"True\"")
                        .contains("no manifests found");
                assertThat(sourceError(serve)).contains("ValidationFailed").contains("nothing of it is applied");
                assertThat(mutations(ecs)).as("ECS calls that change something: %s", ecs.mutatingCallCounts()).isZero();
                CLUSTERS.forEach(c -> assertThat(serve.cluster(c).path("lastAppliedRevision").asText()).isEqualTo(first));

                // 3. the branch is deleted
                String restored = git.commit(fleet(V14), "manifests back");
                serve.syncNow();
                Waits.until("the restored commit is applied", Duration.ofSeconds(30), () -> serve.allSynced(CLUSTERS, restored));
                ecs.resetCallCounts();
                git.deleteBranch();
                serve.syncNow();
                Waits.until("the source reports the missing branch", Duration.ofSeconds(30),
                        () -> !sourceError(serve).isEmpty());
                assertThat(sourceError(serve)).contains("RefNotFound").contains("still applying " + restored.substring(0, 12));
                assertThat(mutations(ecs)).isZero();
                CLUSTERS.forEach(c -> assertThat(serve.cluster(c).path("lastAppliedRevision").asText()).isEqualTo(restored));
                git.forcePush(restored); // the branch again

                // 4. the remote is unreachable
                serve.syncNow();
                Waits.until("the branch is back", Duration.ofSeconds(30),
                        () -> sourceError(serve).isEmpty());
                Files.move(git.bare, dir.resolve("away.git"));
                serve.syncNow();
                Waits.until("the source reports the unreachable remote", Duration.ofSeconds(30),
                        () -> !sourceError(serve).isEmpty());
                assertThat(sourceError(serve)).contains("RemoteUnreachable").contains("still applying " + restored.substring(0, 12));
                assertThat(mutations(ecs)).isZero();
                Files.move(dir.resolve("away.git"), git.bare);
                serve.syncNow();
                Waits.until("the remote is back", Duration.ofSeconds(30),
                        () -> sourceError(serve).isEmpty());
                assertThat(serve.allSynced(CLUSTERS, restored)).isTrue();

                // 5. control: a valid commit that drops a forwarder, on clusters that allow pruning, does prune it
                String pruning = git.commit(ReliabilityFleets.ofClusters("g", CLUSTERS.size(), V14, Secrets.ROUTE), "drop seed");
                serve.syncNow();
                Waits.until("the pruning commit is applied", Duration.ofSeconds(30), () -> serve.allSynced(CLUSTERS, pruning));
                try (var sdk = EcsClients.of(ecs.endpoint(), Fleet.REGION)) {
                    CLUSTERS.forEach(c -> assertThat(Convergence.services(sdk, c + "-ecs"))
                            .extracting(software.amazon.awssdk.services.ecs.model.Service::serviceName).containsExactly("papertrail"));
                }

                // webhooks, good and bad, go through the same logs
                serve.webhook(true);
                serve.webhook(false);
                assertThat(SecretScan.leaks(dir.resolve("logs"), serve, CLUSTERS)).isEmpty();
            }
        }
    }
}
