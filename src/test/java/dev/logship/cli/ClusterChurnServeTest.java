package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.aws.AwsSettings;
import dev.logship.discovery.SetCoverage;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.localecs.faults.Faults;
import dev.logship.reconcile.ClusterStatus;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.reconcile.Event;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Churn through serve: a ClusterSet over two accounts (roles assumed at local-ecs's STS) with a
 * discovery interval of one second. A cluster another team creates gets its forwarder; an
 * untagged or deleted one leaves the status with an event and nothing is called or pruned there;
 * an account that starts denying access, or ECS throttling every call, keeps its last good list
 * and the set says so (status over HTTP, the metric). Real Git pushes, real SDK, real HTTP.
 */
class ClusterChurnServeTest {
    private static final String A = ClusterDiscoveryCommandTest.A;
    private static final String B = ClusterDiscoveryCommandTest.B;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private LocalEcsServer ecs;

    @BeforeEach
    void start() {
        ecs = LocalEcsServer.start(LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).build());
        ecs.createCluster("pay", A, "us-east-1", Map.of("logship", "on", "Environment", "prod"), 1);
        ecs.createCluster("web", B, "us-east-1", Map.of("logship", "on", "Environment", "prod"), 1);
    }

    @AfterEach
    void stop() {
        ecs.close();
    }

    private boolean runs(String cluster) throws Exception {
        JsonNode service = JSON.readTree(ecs.stateJson()).path("clusters").path(cluster).path("services").path("papertrail");
        return "ACTIVE".equals(service.path("status").asText());
    }

    private static List<String> clusters(Operator serve) {
        return serve.controller().status().clusters().stream().map(ClusterStatus::name).toList();
    }

    private static boolean said(Operator serve, String type, String cluster) {
        return serve.controller().events().stream().map(Event::type).anyMatch(type::equals)
                && serve.controller().events().stream().anyMatch(e -> e.type().equals(type)
                && (cluster == null || cluster.equals(e.cluster())));
    }

    private static String get(Operator serve, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void createdClustersGetForwardersGoneOnesLeaveUntouchedAndFailuresKeepTheLastGoodList() throws Exception {
        try (ManifestRepo repo = ManifestRepo.create(tmp.resolve("r"))) {
            repo.push("fleet", Map.of("fleet.yaml", ClusterDiscoveryCommandTest.clusterSet("fleet",
                    ClusterDiscoveryCommandTest.roles(A, B), "[us-east-1, eu-west-1]"),
                    "papertrail.yaml", ClusterDiscoveryCommandTest.FORWARDER));
            ControllerSettings settings = ControllerSettings.defaults().withIntervals(Duration.ofMinutes(10), Duration.ofMinutes(10))
                    .withDiscoveryInterval(Duration.ofSeconds(1));
            try (Operator serve = Operator.start(new ServeConfig(repo.bare.toString(), "main", null, ecs.endpoint().toString(),
                    "127.0.0.1", 0, tmp.resolve("data"), null, true, null, null, settings)
                    .withAssumeRoles(AwsSettings.AssumeRoles.ALWAYS))) {
                Waits.until("the forwarder on both discovered clusters", WAIT, () -> runs("pay") && runs("web"));
                String pay = "pay.us-east-1." + A;
                String web = "web.us-east-1." + B;
                assertThat(clusters(serve)).containsExactlyInAnyOrder(pay, web);

                ecs.createCluster("fresh", A, "eu-west-1", Map.of("logship", "on", "Environment", "prod"), 1);
                Waits.until("the new cluster's forwarder", WAIT, () -> runs("fresh"));
                String fresh = "fresh.eu-west-1." + A;
                assertThat(said(serve, "ClusterDiscovered", fresh)).isTrue();

                ecs.tagCluster("web", Map.of(), List.of("logship"));
                Waits.until("the untagged cluster leaves the status", WAIT, () -> !clusters(serve).contains(web));
                assertThat(said(serve, "ClusterLeft", web)).isTrue();
                assertThat(runs("web")).as("an untagged cluster keeps what runs there").isTrue();

                ecs.deleteCluster("pay");
                Waits.until("the deleted cluster leaves the status", WAIT, () -> !clusters(serve).contains(pay));
                assertThat(said(serve, "ClusterLeft", pay)).isTrue();
                assertThat(ecs.mutatingCallCountsByCluster().getOrDefault("pay", Map.of())).doesNotContainKey("DeleteService");

                ecs.denyAccounts(List.of(A));
                Waits.until("the set says account A fails", WAIT, () -> !serve.controller().status().discovery().isEmpty()
                        && !serve.controller().status().discovery().get(0).ready());
                SetCoverage set = serve.controller().status().discovery().get(0);
                assertThat(set.failing()).anySatisfy(f -> assertThat(f).contains(A + "/eu-west-1", "AccessDenied",
                        "keeping the last good list"));
                assertThat(clusters(serve)).as("the last good list is kept").contains(fresh);
                assertThat(said(serve, "DiscoveryFailed", null)).isTrue();
                JsonNode status = JSON.readTree(get(serve, "/api/v1/status"));
                assertThat(status.path("discovery").path(0).path("set").asText()).isEqualTo("fleet");
                assertThat(status.path("discovery").path(0).path("covered").asInt()).isEqualTo(1);
                assertThat(status.path("discovery").path(0).path("excludedByTags").asInt()).isEqualTo(1);
                assertThat(get(serve, "/metrics")).contains("logship_clusters_uncovered 0.0");

                ecs.denyAccounts(List.of());
                Waits.until("the set recovers", WAIT, () -> serve.controller().status().discovery().get(0).ready());
                assertThat(said(serve, "DiscoveryRecovered", null)).isTrue();

                // throttling (every ECS call answered ThrottlingException) keeps the last good list too (issue 21)
                ecs.setFaults(new Faults(1.0, 0, 0, 0));
                Waits.until("the set says discovery is throttled", WAIT, () -> !serve.controller().status().discovery().get(0).ready());
                SetCoverage throttled = serve.controller().status().discovery().get(0);
                System.out.println("while throttled: " + throttled.failing());
                assertThat(throttled.failing()).anySatisfy(f -> assertThat(f).contains("Throttled", "keeping the last good list"));
                assertThat(clusters(serve)).as("the last good list is kept through throttling").contains(fresh);
                assertThat(runs("fresh")).isTrue();
                ecs.setFaults(Faults.none());
                Waits.until("the set recovers from throttling", WAIT, () -> serve.controller().status().discovery().get(0).ready());
                assertThat(clusters(serve)).contains(fresh);
            }
        }
    }
}
