package dev.logship.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.Fleet;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.ServeProcess;
import dev.logship.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * {@code logship serve} as its own process, killed with SIGKILL at seeded random moments while
 * it rolls 20 clusters (40 services) to a new image, and restarted each time; after each
 * restart it converges: every desired service exactly once, no orphan, at most one spare
 * revision per forwarder, the team's own service untouched. Then local-ecs (a process keeping
 * its state in a file) is killed and restarted mid-sync: serve backs off and recovers by itself.
 * 4 kills by default (each costs a serve JVM start and a 40-service re-sync; 8 before
 * the suite had to fit in 8 minutes); {@code -Dlogship.crashKills=50} (the reliability profile) kills 50 times.
 */
class ServeCrashTest {
    private static final List<String> CLUSTERS = ReliabilityFleets.names("s", 20);
    private static final List<String> FORWARDERS = List.of("papertrail", "seed");
    private static final String[] IMAGES = {"gliderlabs/logspout:v3.2.14", "gliderlabs/logspout:v3.2.13"};

    private static Fleet fleet(String image) {
        return ReliabilityFleets.withPerNodeSeed("s", CLUSTERS.size(), image, Secrets.ROUTE);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void serveKilledAtRandomMomentsAndEcsRestartedMidSyncConvergesAfterEachRestart(@TempDir Path dir) {
        int kills = Integer.getInteger("logship.crashKills", 4);
        Convergence.forgetRevisions();
        Random random = new Random(Long.getLong("logship.crashSeed", 777L));
        List<Long> moments = new ArrayList<>();
        List<Long> convergeMillis = new ArrayList<>();
        List<Integer> rolledAtKill = new ArrayList<>();
        try (LocalEcsProcess ecs = LocalEcsProcess.start(dir, CLUSTERS, 2, "--latency", "15"); EcsClient sdk = ecs.sdk();
             ManifestRepo git = ManifestRepo.create(dir.resolve("manifests.git"), dir.resolve("work"))) {
            Convergence.createUnmanaged(sdk, "s000-ecs");
            String unmanaged = Convergence.unmanagedFingerprint(sdk, "s000-ecs");
            String head = git.commit(fleet(IMAGES[0]), "first");
            try (ServeProcess serve = ServeProcess.start(dir, git.uri(), ecs.endpoint(), Secrets.environment(), "--poll-interval", "1h",
                    "--resync-interval", "1h", "--max-parallel", "4")) {
                awaitConverged(serve, sdk, head, IMAGES[0]);
                for (int i = 1; i <= kills; i++) {
                    String image = IMAGES[i % 2];
                    String commit = git.commit(fleet(image), "roll " + i);
                    serve.syncNow();
                    long at = 100 + random.nextInt(1900);
                    moments.add(at);
                    Waits.pause(Duration.ofMillis(at)); // the seeded moment to crash at
                    serve.kill();
                    rolledAtKill.add(servicesOn(sdk, image));
                    long restarted = System.nanoTime();
                    serve.restart();
                    awaitConverged(serve, sdk, commit, image);
                    convergeMillis.add(Duration.ofNanos(System.nanoTime() - restarted).toMillis());
                    assertThat(Convergence.unmanagedFingerprint(sdk, "s000-ecs")).isEqualTo(unmanaged);
                }

                // local-ecs dies mid-sync; serve backs off and recovers once it is back
                String image = IMAGES[(kills + 1) % 2];
                String commit = git.commit(fleet(image), "roll while ECS restarts");
                serve.syncNow();
                Waits.until("the rollout has begun", Duration.ofSeconds(30), () -> rolled(sdk, image));
                ecs.kill();
                Waits.pause(Duration.ofMillis(1500)); // ECS stays down for a while
                ecs.restart();
                long back = System.nanoTime();
                awaitConverged(serve, sdk, commit, image);
                long recoverMillis = Duration.ofNanos(System.nanoTime() - back).toMillis();
                assertThat(Convergence.problems(sdk, CLUSTERS, FORWARDERS, image)).isEmpty();
                assertThat(Convergence.unmanagedFingerprint(sdk, "s000-ecs")).isEqualTo(unmanaged);
                assertThat(SecretScan.leaks(dir.resolve("logs"), serve, CLUSTERS)).isEmpty();
                System.out.printf("FIGURES serve-crash: kills=%d moments(ms)=%s servicesRolledOfFortyAtKill=%s convergedAfterRestart(ms)=%s"
                        + " ecsRestart: converged %d ms after local-ecs was back%n", kills, moments, rolledAtKill, convergeMillis,
                        recoverMillis);
            }
        }
    }

    /** How many of the fleet's services run {@code image} (read while serve is dead: the state at the kill). */
    private static int servicesOn(EcsClient sdk, String image) {
        int n = 0;
        for (String c : CLUSTERS) {
            for (var s : Convergence.services(sdk, c + "-ecs")) {
                if (FORWARDERS.contains(s.serviceName()) && Convergence.image(sdk, s.taskDefinition()).equals(image)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean rolled(EcsClient sdk, String image) {
        return CLUSTERS.stream().limit(5).anyMatch(c -> Convergence.services(sdk, c + "-ecs").stream()
                .filter(s -> FORWARDERS.contains(s.serviceName()))
                .anyMatch(s -> Convergence.image(sdk, s.taskDefinition()).equals(image)));
    }

    /** Every cluster shows the commit Synced and ECS agrees (the full {@link Convergence} check). */
    private static void awaitConverged(ServeProcess serve, EcsClient sdk, String commit, String image) {
        Waits.until("every cluster shows " + commit.substring(0, 12) + " Synced", Duration.ofSeconds(120),
                () -> serve.allSynced(CLUSTERS, commit));
        Waits.until("ECS shows every service on " + image, Duration.ofSeconds(30),
                () -> Convergence.problems(sdk, CLUSTERS, FORWARDERS, image).isEmpty());
    }
}
