package dev.logship.fluentbit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.cli.Operator;
import dev.logship.cli.ServeConfig;
import dev.logship.git.SeedRepository;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.manifest.TestSnapshots;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.notify.NotifyRules;
import dev.logship.notify.Receiver;
import dev.logship.reconcile.Backoff;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.render.DesiredStates;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.Waits;
import dev.logship.web.IngestSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's rollout gated on delivery, end to end: serve in-process with its telemetry ingest,
 * local-ecs over HTTP, a real Git repository with real pushes (found by serve's poll), the canary's
 * node running the real Fluent Bit of whatever revision ECS deploys there ({@link EcsDrivenNode})
 * and the main wave's nodes pushing OTLP over HTTP as well. Commit 2 moves the route to a closed
 * port: ECS calls the canary Healthy, its records stop arriving, the bake fails with
 * DeliveryFailing, the canary returns to the seed's exact revision, the main wave gets no mutating
 * call, a Notifier hears Halted, and the halt survives a restart of serve.
 */
@RequiresFluentBit
class DeliveryGatedRolloutTest {
    static final String TOKEN_ARN = "arn:aws:ssm:us-east-1:123456789012:parameter/logship/ingest-token";
    static final String TOKEN = "ingest-Gt42-" + Long.toHexString(System.nanoTime());
    /**
     * serve's --delivery-window: output failing this long is DeliveryFailing (4 telemetry intervals of 2 s).
     * The bake must outlast it, or a bake could end before the closed route is judged; the policy's
     * deliveryWindow is the canary's grace for a slow Fluent Bit start (22-26 s seen at load 30-38). Each bake of
     * the seed's two waves takes BAKE_S; the bad commit halts about JUDGE_WINDOW + DELIVERY_WINDOW_S after
     * its canary is Healthy (the bake is held meanwhile). Was 15 s / 30 s / 60 s: 181 s for the test.
     */
    static final Duration JUDGE_WINDOW = Duration.ofSeconds(8);
    static final int DELIVERY_WINDOW_S = 40;
    static final int BAKE_S = 25;
    static final int CLOSED_PORT = NodeServices.SYSLOG_PORT + 1;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void needsTheBinaryAndRoot() {
        FluentBitEndToEndTest.needsTheBinaryAndRoot();
    }

    static String clusters() {
        StringBuilder out = new StringBuilder();
        Map.of("c01", "canary", "m01", "main", "m02", "main").entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.append(out.length() == 0 ? "" : "---\n").append("""
                        apiVersion: logship.dev/v1
                        kind: Cluster
                        metadata: {name: %s, labels: {ring: %s}}
                        spec: {region: us-east-1}
                        """.formatted(e.getKey(), e.getValue())));
        return out.toString();
    }

    static String forwarder(int port) {
        return TestSnapshots.forwarder("pt", """
                agent: fluentBit
                executionRoleArn: arn:aws:iam::123456789012:role/read-route
                routes: [syslog+tls://%s:%d]
                telemetry:
                  endpoint: http://127.0.0.1:%d
                  tokenFrom: %s
                  interval: 2s
                """.formatted(FluentBitEndToEndTest.RECEIVER_HOST, port, NodeServices.INGEST_PORT, TOKEN_ARN));
    }

    static final String POLICY = """
            apiVersion: logship.dev/v1
            kind: RolloutPolicy
            metadata: {name: rings}
            spec:
              waves:
                - {name: canary, selector: {ring: canary}}
                - {name: main, selector: {ring: main}}
              bakeTime: %ds
              requireDelivery: true
              deliveryWindow: %ds
              onFailure: rollback
            """.formatted(BAKE_S, DELIVERY_WINDOW_S);

    static String notifier(Path urlFile) {
        return """
                apiVersion: logship.dev/v1
                kind: Notifier
                metadata: {name: ops}
                spec: {format: json, urlFrom: {file: %s}, events: [Halted, RolledBack]}
                """.formatted(urlFile);
    }

    static TaskDefinitionSpec rendered(int port) {
        var read = DesiredStates.read(TestSnapshots.of("c.yaml", clusters(), "f.yaml", forwarder(port)));
        assertThat(read.problems()).isEmpty();
        return read.state().cluster("c01").orElseThrow().forwarders().get(0).taskDefinition();
    }

    private JsonNode get(int port, String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private String push(ManifestRepo work, String file, String content, String message) {
        return work.change("fleet/" + file, content, message);
    }

    /** What serve says of the rollout, each cluster and its last events, for a failure message. */
    private String diagnose(int port) throws Exception {
        StringBuilder out = new StringBuilder("\nrollouts: ").append(get(port, "/api/v1/rollouts"));
        for (String c : List.of("c01", "m01", "m02")) {
            JsonNode cluster = get(port, "/api/v1/clusters/" + c);
            out.append("\n").append(c).append(": health ").append(cluster.path("health")).append(", delivery ")
                    .append(cluster.path("delivery"));
        }
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body().lines().filter(l -> l.startsWith("logship_ingest_requests_total"))
                .forEach(l -> out.append("\n").append(l));
        JsonNode events = get(port, "/api/v1/events");
        for (int i = 0; i < Math.min(20, events.size()); i++) {
            out.append("\n  event ").append(events.get(i));
        }
        return out.toString();
    }

    @Test
    void aCommitThatClosesTheCanarysRouteHaltsOnDeliveryAndRollsBackThoughEcsSaysHealthy() throws Exception {
        Path urlFile = tmp.resolve("ops-url");
        Path seedDir = Files.createDirectories(tmp.resolve("seed/fleet"));
        Files.writeString(seedDir.resolve("clusters.yaml"), clusters());
        Files.writeString(seedDir.resolve("pt.yaml"), forwarder(NodeServices.SYSLOG_PORT));
        Files.writeString(seedDir.resolve("policy.yaml"), POLICY);
        Files.writeString(seedDir.resolve("notifier.yaml"), notifier(urlFile));
        Path bare = tmp.resolve("manifests.git");
        SeedRepository.createIfAbsent(bare, "main", tmp.resolve("seed"), "seed: a canary and a main wave, bakes gated on delivery");
        TaskDefinitionSpec good = rendered(NodeServices.SYSLOG_PORT);
        TaskDefinitionSpec closed = rendered(CLOSED_PORT);
        ControllerSettings settings = ControllerSettings.defaults().withIntervals(Duration.ofSeconds(1), Duration.ofMinutes(10))
                .withRecheck(Duration.ofMillis(100), Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(2)));
        try (LocalEcsServer ecs = LocalEcsServer.start(LocalEcsConfig.builder().cluster("c01", 1).cluster("m01", 1)
                .cluster("m02", 1).taskConvergence(Duration.ofMillis(20)).build());
             Receiver ops = Receiver.answering();
             ManifestRepo work = ManifestRepo.cloneOf(bare, tmp.resolve("work"))) {
            Files.writeString(urlFile, ops.url().toString());
            ServeConfig config = new ServeConfig(bare.toString(), "main", null, ecs.endpoint().toString(), "127.0.0.1", 0,
                    tmp.resolve("data"), null, true, null, null, settings)
                    .withNotifyRules(new NotifyRules(true, List.of("127.0.0.0/8"), tmp));
            Operator serve = Operator.start(config, IngestSettings.of(TOKEN, JUDGE_WINDOW));
            int port = serve.port();
            String seed = work.head();
            String[] goodArn = new String[1];
            try (OtlpReporters mainWave = new OtlpReporters(port, TOKEN, "pt", List.of("m01", "m02")).start();
                 EcsDrivenNode canary = new EcsDrivenNode(tmp, "c01", port,
                         arn -> arn.equals(goodArn[0]) || goodArn[0] == null ? good : closed, Map.of(TOKEN_ARN, TOKEN))
                         .startRunning(good)) {
                SteadyLines lines = new SteadyLines(canary.app()).start();
                try {
                    String firstArn = Waits.until("the canary runs the seed", Duration.ofSeconds(60), () -> {
                        canary.check();
                        return canary.ran.isEmpty() ? Optional.empty() : Optional.of(canary.ran.get(0));
                    });
                    goodArn[0] = firstArn;
                    try {
                        Waits.until("the seed's rollout is done (every bake passed on delivery)",
                                Duration.ofSeconds(4L * BAKE_S + 2L * DELIVERY_WINDOW_S), () -> {
                            canary.check();
                            JsonNode r = get(port, "/api/v1/rollouts").path("rollouts").path(0);
                            return seed.equals(r.path("commit").asText()) && r.path("state").asText().equals("DONE")
                                    ? Optional.of(r) : Optional.empty();
                        });
                    } catch (AssertionError e) {
                        throw new AssertionError(e.getMessage() + diagnose(port) + canary.diagnostics(), e);
                    }
                    assertThat(get(port, "/api/v1/clusters/c01").path("delivery").path("state").asText()).isEqualTo("Delivering");
                    ecs.resetCallCounts();

                    String bad = push(work, "pt.yaml", forwarder(CLOSED_PORT), "route to a closed port");
                    long pushed = System.nanoTime();
                    Waits.until("ECS calls the canary Healthy on the bad commit", Duration.ofSeconds(60), () -> {
                        JsonNode c = get(port, "/api/v1/clusters/c01");
                        return bad.equals(c.path("lastAppliedRevision").asText()) && c.path("health").asText().equals("Healthy")
                                ? Optional.of(c) : Optional.empty();
                    });
                    JsonNode halted;
                    try {
                        halted = Waits.until("the rollout halts on delivery", JUDGE_WINDOW.plusSeconds(2L * DELIVERY_WINDOW_S), () -> {
                            canary.check();
                            JsonNode r = get(port, "/api/v1/rollouts").path("rollouts").path(0);
                            return bad.equals(r.path("commit").asText()) && r.path("state").asText().equals("HALTED")
                                    ? Optional.of(r) : Optional.empty();
                        });
                    } catch (AssertionError e) {
                        throw new AssertionError(e.getMessage() + diagnose(port) + canary.diagnostics(), e);
                    }
                    System.out.printf("halted %d ms after the push (bake %d s, delivery window %d s, judge window %d s)%n",
                            (System.nanoTime() - pushed) / 1_000_000, BAKE_S, DELIVERY_WINDOW_S, JUDGE_WINDOW.toSeconds());
                    assertThat(halted.path("haltReason").asText()).startsWith("cluster c01 failed its bake in wave 1 (canary): DeliveryFailing");
                    assertThat(halted.path("requireDelivery").asBoolean()).isTrue();
                    assertThat(halted.path("deliveryWindow").asText()).isEqualTo("PT" + DELIVERY_WINDOW_S + "S");
                    dev.logship.testkit.Waits.until("the canary is back on the seed's exact revision and delivering", Duration.ofSeconds(60), () -> {
                        canary.check();
                        JsonNode c = get(port, "/api/v1/clusters/c01");
                        return firstArn.equals(c.path("forwarders").path(0).path("taskDefinition").asText())
                                && c.path("health").asText().equals("Healthy")
                                && c.path("delivery").path("state").asText().equals("Delivering");
                    });
                    assertThat(canary.ran).as("ECS deployed the seed, the bad revision, then the seed's revision again")
                            .hasSize(3).satisfies(r -> assertThat(r.get(2)).isEqualTo(r.get(0)).isNotEqualTo(r.get(1)));
                    Waits.until("the notifier hears Halted", Duration.ofSeconds(20),
                            () -> ops.delivered().stream().anyMatch(b -> b.contains("\"Halted\"")));
                    assertThat(ops.delivered()).filteredOn(b -> b.contains("\"Halted\"")).singleElement()
                            .satisfies(b -> assertThat(b).contains("DeliveryFailing", "c01").doesNotContain(TOKEN));
                    Map<String, Map<String, Long>> mutating = ecs.mutatingCallCountsByCluster();
                    assertThat(mutating).containsKey("c01").doesNotContainKeys("m01", "m02");
                } finally {
                    lines.stop();
                }
            } finally {
                serve.close();
            }
            // The halt outlives serve: a new process on the same data directory keeps it and changes no later wave.
            ecs.resetCallCounts();
            Operator again = Operator.start(config, IngestSettings.of(TOKEN, JUDGE_WINDOW));
            try {
                JsonNode r = Waits.until("the restarted serve knows the halt", Duration.ofSeconds(60), () -> {
                    JsonNode rollout = get(again.port(), "/api/v1/rollouts").path("rollouts").path(0);
                    return rollout.path("state").asText().equals("HALTED") ? Optional.of(rollout) : Optional.empty();
                });
                assertThat(r.path("haltReason").asText()).contains("DeliveryFailing");
                dev.logship.testkit.Waits.until("the restarted serve has looked at every cluster", Duration.ofSeconds(60),
                        () -> List.of("c01", "m01", "m02").stream().allMatch(c -> {
                            try {
                                return get(again.port(), "/api/v1/clusters/" + c).path("health").asText().equals("Healthy");
                            } catch (Exception e) {
                                return false;
                            }
                        }) && again.controller().isIdle());
                assertThat(ecs.mutatingCallCountsByCluster()).doesNotContainKeys("m01", "m02");
            } finally {
                again.close();
            }
        }
    }
}
