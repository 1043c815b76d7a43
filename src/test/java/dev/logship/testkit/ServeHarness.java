package dev.logship.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.cli.ExampleClusters;
import dev.logship.cli.Operator;
import dev.logship.cli.ServeConfig;
import dev.logship.git.GitCredentials;
import dev.logship.git.SeedRepository;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.manifest.DirectoryReader;
import dev.logship.model.DesiredState;
import dev.logship.notify.NotifyRules;
import dev.logship.reconcile.Backoff;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.render.DesiredStates;
import dev.logship.web.IngestSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The whole operator on one machine, all parts real: local-ecs over HTTP shaped like a manifest
 * tree's clusters, a bare Git repository seeded from that tree, a working clone that pushes with
 * JGit, and {@code serve} in-process on a free port, driven with java.net.http. In-process because
 * the serve process is not the subject here ({@link ServeProcess} is for tests where it is).
 * Start it with {@link #with(Path)} for any tree, or the constructors for the examples.
 */
public final class ServeHarness implements AutoCloseable {
    public static final Path EXAMPLES = Path.of("examples/desired-state");
    public static final String WEBHOOK_SECRET = "whsec-Qx7Tz-distinctive";
    public static final String API_TOKEN = "apitoken-Vb93K-distinctive";
    public static final String GIT_TOKEN = "gittoken-Hr55P-distinctive";
    public static final ObjectMapper JSON = new ObjectMapper();

    public final Path tmp;
    public final LocalEcsServer ecs;
    public final Path bare;
    public final ManifestRepo work;
    public final HttpClient http = HttpClient.newHttpClient();
    public final Operator operator;

    /** The examples, resyncing every {@code resync}. */
    public ServeHarness(Path tmp, Duration resync) throws Exception {
        this(with(tmp).resync(resync));
    }

    /** As above with local-ecs answering after {@code ecsLatency}. */
    public ServeHarness(Path tmp, Duration resync, Duration ecsLatency) throws Exception {
        this(with(tmp).resync(resync).ecsLatency(ecsLatency));
    }

    /** {@code tune} adjusts the controller settings the harness would use (e.g. the source's minimum interval). */
    public ServeHarness(Path tmp, Duration resync, Duration ecsLatency, UnaryOperator<ControllerSettings> tune) throws Exception {
        this(with(tmp).resync(resync).ecsLatency(ecsLatency).tune(tune));
    }

    /** {@code ingest} (nullable): serve also takes forwarder telemetry with these settings and judges delivery. */
    public ServeHarness(Path tmp, Duration resync, Duration ecsLatency, UnaryOperator<ControllerSettings> tune, IngestSettings ingest)
            throws Exception {
        this(with(tmp).resync(resync).ecsLatency(ecsLatency).tune(tune).ingest(ingest));
    }

    ServeHarness(ServeHarnessBuilder b) throws Exception {
        tmp = b.tmp;
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).latency(b.ecsLatency);
        ExampleClusters.configure(config, desired(b.manifests), b.nodes);
        ecs = LocalEcsServer.start(config.build());
        bare = tmp.resolve("manifests.git");
        SeedRepository.createIfAbsent(bare, "main", b.manifests, "seed from examples");
        work = ManifestRepo.cloneOf(bare, tmp.resolve("work"));
        ControllerSettings settings = b.tune.apply(ControllerSettings.defaults().withIntervals(Duration.ofMinutes(10), b.resync)
                .withRecheck(Duration.ofMillis(100), Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(2))));
        ServeConfig serve = new ServeConfig(bare.toString(), "main", null, ecs.endpoint().toString(), "127.0.0.1", 0,
                tmp.resolve("data"), WEBHOOK_SECRET, false, API_TOKEN, GitCredentials.token(GIT_TOKEN), settings)
                // Test receivers are plain HTTP on loopback and read their URL from files in the test's directory.
                .withNotifyRules(new NotifyRules(true, List.of("127.0.0.0/8"), tmp));
        operator = b.prometheus != null ? Operator.startWithPrometheus(serve, b.prometheus) : Operator.start(serve, b.ingest);
    }

    /** A harness to set up: the examples, resync every 10 minutes, unless the builder says otherwise. */
    public static ServeHarnessBuilder with(Path tmp) {
        return new ServeHarnessBuilder(tmp);
    }

    public static DesiredState examples() {
        return desired(EXAMPLES);
    }

    private static DesiredState desired(Path manifests) {
        return DesiredStates.read(DirectoryReader.read(manifests)).state();
    }

    public String head() {
        return work.head();
    }

    /** Waits until the source and every cluster are idle. */
    public void awaitIdle() {
        Waits.until("the controller is idle", Duration.ofSeconds(20), () -> operator.controller().isIdle());
    }

    public void awaitOneSecondSinceLastFetch() {
        Waits.until("a second has passed since the last fetch", Duration.ofSeconds(5), () -> {
            String fetched = status().path("source").path("fetchedAt").asText(null);
            return fetched != null && Instant.parse(fetched).plusSeconds(1).isBefore(Instant.now());
        });
    }

    /** Edits one file of the working clone, commits and pushes it; returns the new commit id. */
    public String push(String file, UnaryOperator<String> edit, String message) throws IOException {
        Path path = work.work.resolve(file);
        return work.change(file, edit.apply(Files.exists(path) ? Files.readString(path) : ""), message);
    }

    /** What GitHub sends on a push to {@code ref} of this repository, signed with the secret, naming no commit. */
    public HttpResponse<String> githubPush(String ref) throws Exception {
        return githubPush(ref, "0000000000000000000000000000000000000000");
    }

    /** What GitHub sends when {@code ref} of this repository moved to commit {@code after}, signed with the secret. */
    public HttpResponse<String> githubPush(String ref, String after) throws Exception {
        String body = githubPushBody(ref, after);
        return webhook("github", body, "push", "sha256=" + Signatures.hmac(WEBHOOK_SECRET, body));
    }

    public String githubPushBody(String ref, String after) {
        return """
                {"ref":"%s","after":"%s",
                 "repository":{"full_name":"local/manifests","clone_url":"%s"},"pusher":{"name":"tester"}}"""
                .formatted(ref, after, bare.toUri());
    }

    public HttpResponse<String> webhook(String provider, String body, String event, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url("/api/v1/webhooks/" + provider))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (event != null) {
            request.header("X-GitHub-Event", event);
        }
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode status() throws Exception {
        return JSON.readTree(get("/api/v1/status").body());
    }

    public JsonNode cluster(String name) throws Exception {
        for (JsonNode c : status().path("clusters")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        return JSON.createObjectNode();
    }

    /** True when the cluster shows {@code revision} applied, Synced and Healthy. */
    public boolean syncedAndHealthy(String cluster, String revision) throws Exception {
        JsonNode c = cluster(cluster);
        return revision.equals(c.path("lastAppliedRevision").asText()) && c.path("syncStatus").asText().equals("Synced")
                && c.path("health").asText().equals("Healthy");
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + operator.port() + path);
    }

    public EcsClient sdk(String region) {
        return EcsClients.of(ecs.endpoint(), region);
    }

    @Override
    public void close() {
        operator.close();
        work.close();
        ecs.close();
    }
}
