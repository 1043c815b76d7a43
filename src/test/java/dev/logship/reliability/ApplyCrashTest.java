package dev.logship.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.Fleet;
import dev.logship.testkit.JavaProcess;
import dev.logship.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * {@code logship apply} as its own process, killed with SIGKILL at seeded random moments while
 * it rolls 30 clusters (60 services) from one image to another and back, against a local-ecs
 * process that keeps its state in a file; then local-ecs itself is killed and restarted while an
 * apply runs. After each, a later apply converges: every desired service exactly once, no
 * orphan, at most one spare revision per forwarder, the team's own service untouched.
 * {@link ServeCrashTest} does the same to {@code serve}; this one keeps the CLI honest with 3
 * kills ({@code -Dlogship.crashKills=50} in the reliability profile).
 */
class ApplyCrashTest {
    private static final List<String> CLUSTERS = ReliabilityFleets.names("k", 30);
    private static final List<String> FORWARDERS = List.of("papertrail", "seed");
    private static final String ROUTE = Secrets.ROUTE;
    private static final String[] IMAGES = {"gliderlabs/logspout:v3.2.14", "gliderlabs/logspout:v3.2.13"};

    private static Fleet fleet(String image) {
        return ReliabilityFleets.withPerNodeSeed("k", CLUSTERS.size(), image, ROUTE);
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void applyKilledAtRandomMomentsAndEcsRestartedMidSyncStillConverges(@TempDir Path dir) {
        int kills = Integer.getInteger("logship.crashKills", 3);
        Convergence.forgetRevisions();
        Random random = new Random(Long.getLong("logship.crashSeed", 424242L));
        Path manifests = dir.resolve("manifests");
        try (LocalEcsProcess ecs = LocalEcsProcess.start(dir, CLUSTERS, 2); EcsClient sdk = ecs.sdk()) {
            Convergence.createUnmanaged(sdk, "k000-ecs");
            String unmanaged = Convergence.unmanagedFingerprint(sdk, "k000-ecs");
            int landed = 0;
            List<Long> moments = new ArrayList<>();
            for (int i = 0; i < kills; i++) {
                fleet(IMAGES[i % 2]).writeTo(manifests);
                long at = 700 + random.nextInt(3300);
                moments.add(at);
                JavaProcess apply = apply(dir, ecs, manifests, "apply-" + i);
                Waits.pause(Duration.ofMillis(at)); // the seeded moment to crash at
                if (apply.alive()) {
                    apply.kill();
                    landed++;
                }
            }
            String image = IMAGES[kills % 2];
            fleet(image).writeTo(manifests);
            assertThat(finish(dir, ecs, manifests, "after-kills")).isEqualTo(0);
            assertThat(Convergence.problems(sdk, CLUSTERS, FORWARDERS, image)).isEmpty();
            assertThat(Convergence.unmanagedFingerprint(sdk, "k000-ecs")).isEqualTo(unmanaged);

            // local-ecs dies mid-sync and comes back with its state file on the same port
            String next = IMAGES[(kills + 1) % 2];
            fleet(next).writeTo(manifests);
            JavaProcess apply = apply(dir, ecs, manifests, "ecs-restart");
            Waits.until("the apply is a third of the way through", Duration.ofSeconds(60),
                    () -> rolled(sdk, "k010-ecs", next));
            assertThat(apply.alive()).as("apply still running when ECS goes down").isTrue();
            ecs.kill();
            Waits.pause(Duration.ofMillis(1500)); // ECS is down for a while
            ecs.restart();
            assertThat(apply.await(Duration.ofSeconds(120))).isTrue();
            int firstExit = apply.exitCode();
            int exit = firstExit == 0 ? 0 : finish(dir, ecs, manifests, "after-ecs-restart");
            assertThat(exit).isEqualTo(0);
            assertThat(Convergence.problems(sdk, CLUSTERS, FORWARDERS, next)).isEmpty();
            assertThat(Convergence.unmanagedFingerprint(sdk, "k000-ecs")).isEqualTo(unmanaged);
            // plan and apply print what they change; a route (a secret) must never be among it
            JavaProcess plan = JavaProcess.start(dir.resolve("logs"), "plan", Map.of(), List.of("plan", "--repo",
                    manifests.toString(), "--ecs-endpoint", ecs.endpoint().toString(), "--output", "json"));
            assertThat(plan.await(Duration.ofSeconds(60))).isTrue();
            assertThat(plan.exitCode()).as("no changes pending").isEqualTo(0);
            assertThat(SecretScan.leaks(dir.resolve("logs"), null, CLUSTERS)).isEmpty();
            System.out.printf("FIGURES apply-crash: kills=%d landedMidRun=%d moments(ms)=%s ecsRestart: apply exit %d%s%n",
                    kills, landed, moments, firstExit, firstExit == 0 ? "" : " (next apply converged)");
        }
    }

    private static boolean rolled(EcsClient sdk, String ecsCluster, String image) {
        return Convergence.services(sdk, ecsCluster).stream().filter(s -> FORWARDERS.contains(s.serviceName())).anyMatch(s ->
                Convergence.image(sdk, s.taskDefinition()).equals(image));
    }

    private static JavaProcess apply(Path dir, LocalEcsProcess ecs, Path manifests, String name) {
        return JavaProcess.start(dir.resolve("logs"), name, Map.of(), List.of("apply", "--repo", manifests.toString(),
                "--ecs-endpoint", ecs.endpoint().toString()));
    }

    /** Runs an apply to the end; its exit code. */
    private static int finish(Path dir, LocalEcsProcess ecs, Path manifests, String name) {
        JavaProcess apply = apply(dir, ecs, manifests, name);
        assertThat(apply.await(Duration.ofSeconds(180))).as("apply finished").isTrue();
        if (apply.exitCode() != 0) {
            System.out.println(name + " exited " + apply.exitCode() + ":\n" + apply.output());
        }
        return apply.exitCode();
    }
}
