package dev.logship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.aws.AwsSettings;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.reconcile.ClusterStatus;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * BENCHMARKS.md's churn figure (issue 21): serve with a ClusterSet over one account, ECS's rate
 * limits on in local-ecs; CREATED clusters appear at once and then are deleted at once. Prints how
 * long until every new cluster runs its forwarder, how long until every deleted one has left the
 * status, and the calls made to deleted clusters (must be 0 mutating). A benchmark, not a test:
 * java -cp target/test-classes:target/classes:CP dev.logship.cli.ChurnAtScale [created] [interval-seconds]
 */
public final class ChurnAtScale {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int created = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Duration interval = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
        String account = ClusterDiscoveryCommandTest.A;
        Path tmp = Files.createTempDirectory("churn");
        try (LocalEcsServer ecs = LocalEcsServer.start(LocalEcsConfig.builder().throttle(true).taskConvergence(Duration.ofMillis(20)).build());
                ManifestRepo repo = ManifestRepo.create(tmp.resolve("r"))) {
            ecs.createCluster("seed", account, "us-east-1", Map.of("logship", "on", "Environment", "prod"), 1);
            repo.push("fleet", Map.of("fleet.yaml", ClusterDiscoveryCommandTest.clusterSet("fleet",
                    ClusterDiscoveryCommandTest.roles(account), "[us-east-1]"), "papertrail.yaml", ClusterDiscoveryCommandTest.FORWARDER));
            ControllerSettings settings = ControllerSettings.defaults().withIntervals(Duration.ofMinutes(10), Duration.ofMinutes(10))
                    .withDiscoveryInterval(interval);
            try (Operator serve = Operator.start(new ServeConfig(repo.bare.toString(), "main", null, ecs.endpoint().toString(),
                    "127.0.0.1", 0, tmp.resolve("data"), null, true, null, null, settings).withAssumeRoles(AwsSettings.AssumeRoles.ALWAYS))) {
                Waits.until("the seed cluster's forwarder", Duration.ofMinutes(2), () -> running(ecs).contains("seed"));
                Set<String> fresh = IntStream.range(0, created).mapToObj(i -> String.format("team-%03d", i)).collect(Collectors.toSet());
                long start = System.nanoTime();
                fresh.forEach(name -> ecs.createCluster(name, account, "us-east-1", Map.of("logship", "on", "Environment", "prod"), 1));
                Waits.until("every new cluster runs its forwarder", Duration.ofMinutes(15), () -> running(ecs).containsAll(fresh));
                double createdSeconds = (System.nanoTime() - start) / 1e9;

                ecs.resetCallCounts();
                start = System.nanoTime();
                fresh.forEach(ecs::deleteCluster);
                Waits.until("every deleted cluster leaves the status", Duration.ofMinutes(15), () -> serve.controller().status()
                        .clusters().stream().map(ClusterStatus::name).noneMatch(n -> fresh.contains(n.substring(0, n.indexOf('.')))));
                double deletedSeconds = (System.nanoTime() - start) / 1e9;
                long mutatingOnDeleted = ecs.mutatingCallCountsByCluster().entrySet().stream().filter(e -> fresh.contains(e.getKey()))
                        .mapToLong(e -> e.getValue().values().stream().mapToLong(Long::longValue).sum()).sum();
                System.out.printf("churn, discovery every %d s, ECS rate limits on: %d created -> all running their forwarder in %.1f s;"
                        + " %d deleted -> all gone from the status in %.1f s; mutating calls to deleted clusters %d; calls after the deletes %s%n",
                        interval.toSeconds(), created, createdSeconds, created, deletedSeconds, mutatingOnDeleted, ecs.callCounts());
            }
        }
    }

    /** Clusters whose papertrail service is ACTIVE in local-ecs. */
    private static Set<String> running(LocalEcsServer ecs) throws Exception {
        JsonNode clusters = JSON.readTree(ecs.stateJson()).path("clusters");
        Set<String> out = new java.util.HashSet<>();
        clusters.fields().forEachRemaining(e -> {
            if ("ACTIVE".equals(e.getValue().path("services").path("papertrail").path("status").asText())) {
                out.add(e.getKey());
            }
        });
        return out;
    }
}
