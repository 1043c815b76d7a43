package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.logging.LogFormat;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ForwarderManifest;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.RolloutPolicyManifest;
import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet rollouts through the whole operator: local-ecs over HTTP, a real Git repository with
 * real pushes, signed GitHub webhooks, serve's status API. 10 clusters in 3 waves (canary 1,
 * early 3, main 6); a crash-looping image fails in the canary wave.
 */
class RolloutServeTest {
    static final List<String> CANARY = List.of("c01");
    static final List<String> EARLY = List.of("e01", "e02", "e03");
    static final List<String> MAIN = List.of("m01", "m02", "m03", "m04", "m05", "m06");
    static final String GOOD = "gliderlabs/logspout:v3.2.14";
    static final String BAD = "gliderlabs/logspout:v3.2.14-crashloop";

    @TempDir
    Path tmp;
    private LocalEcsServer ecs;
    private Fleet fleet;
    private ManifestRepo work;
    private Operator operator;
    private ServeHarness harness;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private void start(String bake) throws Exception {
        fleet = Fleet.inWaves(RolloutPolicyManifest.named("rings", bake, "rollback"),
                ForwarderManifest.named("logs", "syslog+tls://logs.example.com:12345").image(GOOD),
                new Fleet.Wave("canary", CANARY, null), new Fleet.Wave("early", EARLY, "2"), new Fleet.Wave("main", MAIN, "50%"));
        harness = ServeHarness.with(tmp).manifests(fleet).start(); // 3 nodes a cluster, serve in-process
        ecs = harness.ecs;
        work = harness.work;
        operator = harness.operator;
    }

    private static List<String> all() {
        List<String> out = new ArrayList<>(CANARY);
        out.addAll(EARLY);
        out.addAll(MAIN);
        return out;
    }

    private String push(String image, String message) throws Exception {
        String id = work.commit(fleet.forwarder(fleet.forwarder("logs").image(image)), message);
        HttpResponse<String> response = harness.githubPush("refs/heads/main", id);
        assertThat(response.statusCode()).isEqualTo(202);
        return id;
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + operator.port() + path);
    }

    private JsonNode get(String path) throws Exception {
        return ServeHarness.JSON.readTree(http.send(HttpRequest.newBuilder(url(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode cluster(String name) throws Exception {
        for (JsonNode c : get("/api/v1/status").path("clusters")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        return ServeHarness.JSON.createObjectNode();
    }

    private boolean healthyAt(String name, String revision) throws Exception {
        JsonNode c = cluster(name);
        return revision.equals(c.path("lastAppliedRevision").asText()) && c.path("syncStatus").asText().equals("Synced")
                && c.path("health").asText().equals("Healthy");
    }

    private List<String> eventTypes(String revision) throws Exception {
        List<String> types = new ArrayList<>();
        for (JsonNode e : get("/api/v1/events")) {
            if (revision.equals(e.path("revision").asText())) {
                types.add(e.path("type").asText());
            }
        }
        return types;
    }

    private String seedHead() throws Exception {
        return work.head();
    }

    @Test
    void aBadCommitFailsInTheCanaryWaveLaterWavesGetNoCallAndTheCanaryRollsBack() throws Exception {
        start("0s");
        String seed = seedHead();
        for (String c : all()) {
            Waits.until(c + " Healthy on the seed", Duration.ofSeconds(60), () -> healthyAt(c, seed));
        }
        String goodTaskDefinition = cluster("c01").path("forwarders").get(0).path("taskDefinition").asText();
        ecs.resetCallCounts();

        String[] pushed = new String[1];
        // serve's log lines as a log platform reads them (--log-format json) while the bad commit fails
        String logs = LogFormatServeTest.logsOf(LogFormat.JSON, () -> {
            pushed[0] = push(BAD, "crash-looping image");
            Waits.until("the canary is rolled back", Duration.ofSeconds(60), () -> eventTypes(pushed[0]).contains("RolledBack"));
        });
        String bad = pushed[0];
        // Issue 18: Degraded and Halted are logged at WARN, so an alert on WARN and above sees them
        for (String event : List.of("Degraded", "Halted")) {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : logs.lines().filter(l -> l.startsWith("{")).toList()) {
                JsonNode json = ServeHarness.JSON.readTree(line);
                if (event.equals(json.path("event").asText())) {
                    lines.add(json);
                }
            }
            System.out.println(event + " logged as: " + lines);
            assertThat(lines).as(event + " is logged").isNotEmpty();
            assertThat(lines).as(event + " is logged at WARN").allMatch(j -> j.path("level").asText().equals("WARN"));
        }
        Waits.until("the canary is Healthy on the seed's revision", Duration.ofSeconds(30), () -> {
            JsonNode c = cluster("c01");
            return c.path("health").asText().equals("Healthy") && c.path("syncStatus").asText().equals("Synced")
                    && goodTaskDefinition.equals(c.path("forwarders").get(0).path("taskDefinition").asText());
        });

        Map<String, Map<String, Long>> mutating = ecs.mutatingCallCountsByCluster();
        assertThat(mutating).containsKey("c01");
        for (String later : List.of("e01", "e02", "e03", "m01", "m02", "m03", "m04", "m05", "m06")) {
            assertThat(mutating).as("mutating calls on " + later).doesNotContainKey(later);
        }
        List<String> types = eventTypes(bad);
        assertThat(types).containsSubsequence("RolledBack", "Halted", "Degraded"); // newest first
        JsonNode c01 = cluster("c01");
        assertThat(c01.path("forwarders").get(0).path("taskDefinition").asText()).isEqualTo(goodTaskDefinition);

        JsonNode rollout = get("/api/v1/rollouts").path("rollouts").get(0);
        assertThat(rollout.path("commit").asText()).isEqualTo(bad);
        assertThat(rollout.path("state").asText()).isEqualTo("HALTED");
        assertThat(rollout.path("haltReason").asText()).startsWith("cluster c01 went Degraded in wave 1 (canary)");
        assertThat(rollout.path("currentWave").asInt()).isEqualTo(1);
        assertThat(rollout.path("counts").path("rolledBack").asInt()).isEqualTo(1);
        assertThat(rollout.path("counts").path("pending").asInt()).isEqualTo(9);
        // The canary's history: the bad commit rolled back on its own revision, after the seed on the good one.
        JsonNode history = get("/api/v1/clusters/c01/history");
        assertThat(history.path("lastHealthyCommit").asText()).isEqualTo(seed);
        assertThat(history.path("runs").get(0).path("commit").asText()).isEqualTo(bad);
        assertThat(history.path("runs").get(0).path("outcome").asText()).isEqualTo("ROLLED_BACK");
        assertThat(history.path("runs").get(0).path("taskDefinitions").get(0).asText()).isNotEqualTo(goodTaskDefinition);
        assertThat(history.path("runs").get(1).path("commit").asText()).isEqualTo(seed);
        assertThat(history.path("runs").get(1).path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(history.path("runs").get(1).path("taskDefinitions").get(0).asText()).isEqualTo(goodTaskDefinition);
        assertThat(get("/api/v1/clusters/e01/history").path("runs").get(0).path("commit").asText()).isEqualTo(seed);
        assertThat(get("/api/v1/clusters/nope/history").path("error").asText()).isEqualTo("no cluster named 'nope'");
        // The resume control needs the API token.
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(url("/api/v1/rollouts/resume"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> resumed = http.send(HttpRequest.newBuilder(url("/api/v1/rollouts/resume"))
                .header("Authorization", "Bearer " + ServeHarness.API_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(resumed.statusCode()).isEqualTo(202);
        Waits.until("the resumed rollout fails in the canary again", Duration.ofSeconds(60),
                () -> get("/api/v1/rollouts").path("rollouts").get(0).path("state").asText().equals("HALTED"));
    }

    @Test
    void aGoodCommitGoesThroughEveryWaveInOrder() throws Exception {
        start("1s");
        String seed = seedHead();
        for (String c : all()) {
            Waits.until(c + " Healthy on the seed", Duration.ofSeconds(60), () -> healthyAt(c, seed));
        }
        String good = push("gliderlabs/logspout:v3.2.15", "new logspout");
        for (String c : all()) {
            Waits.until(c + " Healthy on the new commit", Duration.ofSeconds(60), () -> healthyAt(c, good));
        }
        // Each wave started only after the previous one baked: the first sync of each later wave
        // is at least the bake time after the last of the wave before it.
        List<JsonNode> applied = new ArrayList<>();
        for (JsonNode e : get("/api/v1/events")) {
            if (good.equals(e.path("revision").asText()) && e.path("type").asText().equals("Applied")
                    && e.path("message").asText().startsWith("applied")) {
                applied.add(e);
            }
        }
        assertThat(applied).hasSize(10);
        java.time.Instant canaryApplied = java.time.Instant.parse(eventOf(applied, "c01").path("time").asText());
        for (String c : EARLY) {
            assertThat(java.time.Instant.parse(eventOf(applied, c).path("time").asText()))
                    .isAfterOrEqualTo(canaryApplied.plusSeconds(1));
        }
    }

    private static JsonNode eventOf(List<JsonNode> events, String cluster) {
        return events.stream().filter(e -> cluster.equals(e.path("cluster").asText())).findFirst().orElseThrow();
    }
}
