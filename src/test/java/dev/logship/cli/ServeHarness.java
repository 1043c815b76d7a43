package dev.logship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.git.SeedRepository;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.manifest.DirectoryReader;
import dev.logship.model.DesiredState;
import dev.logship.reconcile.Backoff;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.render.DesiredStates;
import dev.logship.testkit.EcsClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The whole operator on one machine, all parts real: local-ecs over HTTP with the examples'
 * clusters, a bare Git repository seeded from the examples, a working clone that pushes with
 * JGit, and {@code serve} in-process on a free port, driven with java.net.http.
 */
final class ServeHarness implements AutoCloseable {
    static final Path EXAMPLES = Path.of("examples/desired-state");
    static final String WEBHOOK_SECRET = "whsec-Qx7Tz-distinctive";
    static final String API_TOKEN = "apitoken-Vb93K-distinctive";
    static final ObjectMapper JSON = new ObjectMapper();

    final Path tmp;
    final LocalEcsServer ecs;
    final Path bare;
    final Git work;
    final HttpClient http = HttpClient.newHttpClient();
    Operator operator;

    static final String GIT_TOKEN = "gittoken-Hr55P-distinctive";

    ServeHarness(Path tmp, Duration resync) throws Exception {
        this(tmp, resync, Duration.ZERO);
    }

    ServeHarness(Path tmp, Duration resync, Duration ecsLatency) throws Exception {
        this(tmp, resync, ecsLatency, UnaryOperator.identity());
    }

    /** {@code tune} adjusts the controller settings the harness would use (e.g. the source's minimum interval). */
    ServeHarness(Path tmp, Duration resync, Duration ecsLatency, UnaryOperator<ControllerSettings> tune) throws Exception {
        this(tmp, resync, ecsLatency, tune, null);
    }

    /** {@code ingest} (nullable): serve also takes forwarder telemetry with these settings and judges delivery. */
    ServeHarness(Path tmp, Duration resync, Duration ecsLatency, UnaryOperator<ControllerSettings> tune,
                 dev.logship.web.IngestSettings ingest) throws Exception {
        this.tmp = tmp;
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).latency(ecsLatency);
        ExampleClusters.configure(config, examples(), 3);
        ecs = LocalEcsServer.start(config.build());
        bare = tmp.resolve("manifests.git");
        SeedRepository.createIfAbsent(bare, "main", EXAMPLES, "seed from examples");
        work = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(tmp.resolve("work").toFile()).call();
        ControllerSettings settings = tune.apply(ControllerSettings.defaults().withIntervals(Duration.ofMinutes(10), resync)
                .withRecheck(Duration.ofMillis(100), Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(2))));
        operator = Operator.start(new ServeConfig(bare.toString(), "main", null, ecs.endpoint().toString(), "127.0.0.1", 0,
                tmp.resolve("data"), WEBHOOK_SECRET, false, API_TOKEN, dev.logship.git.GitCredentials.token(GIT_TOKEN), settings)
                // Test receivers are plain HTTP on loopback and read their URL from files in the test's directory.
                .withNotifyRules(new dev.logship.notify.NotifyRules(true, java.util.List.of("127.0.0.0/8"), tmp)), ingest);
    }

    static DesiredState examples() throws IOException {
        return DesiredStates.read(DirectoryReader.read(EXAMPLES)).state();
    }

    String head() throws IOException {
        return work.getRepository().resolve("HEAD").name();
    }

    /** Waits until the source and every cluster are idle. */
    void awaitIdle() throws Exception {
        waitUntil("the controller is idle", Duration.ofSeconds(20), () -> operator.controller().isIdle());
    }

    void awaitOneSecondSinceLastFetch() throws Exception {
        waitUntil("a second has passed since the last fetch", Duration.ofSeconds(5), () -> {
            String fetched = status().path("source").path("fetchedAt").asText(null);
            return fetched != null && Instant.parse(fetched).plusSeconds(1).isBefore(Instant.now());
        });
    }

    /** Edits one file of the working clone, commits and pushes it; returns the new commit id. */
    String push(String file, UnaryOperator<String> edit, String message) throws Exception {
        Path path = tmp.resolve("work").resolve(file);
        Files.writeString(path, edit.apply(Files.exists(path) ? Files.readString(path) : ""));
        work.add().addFilepattern(file).call();
        PersonIdent who = new PersonIdent("tester", "tester@logship.invalid");
        String id = work.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call().name();
        work.push().setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call();
        return id;
    }

    /** What GitHub sends on a push to {@code ref} of this repository, signed with the secret, naming no commit. */
    HttpResponse<String> githubPush(String ref) throws Exception {
        return githubPush(ref, "0000000000000000000000000000000000000000");
    }

    /** What GitHub sends when {@code ref} of this repository moved to commit {@code after}, signed with the secret. */
    HttpResponse<String> githubPush(String ref, String after) throws Exception {
        return webhook("github", githubPushBody(ref, after), "push", "sha256=" + hmac(WEBHOOK_SECRET, githubPushBody(ref, after)));
    }

    String githubPushBody(String ref, String after) {
        return """
                {"ref":"%s","after":"%s",
                 "repository":{"full_name":"local/manifests","clone_url":"%s"},"pusher":{"name":"tester"}}"""
                .formatted(ref, after, bare.toUri());
    }

    HttpResponse<String> webhook(String provider, String body, String event, String signature) throws Exception {
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

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode status() throws Exception {
        return JSON.readTree(get("/api/v1/status").body());
    }

    JsonNode cluster(String name) throws Exception {
        for (JsonNode c : status().path("clusters")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        return JSON.createObjectNode();
    }

    /** True when the cluster shows {@code revision} applied, Synced and Healthy. */
    boolean syncedAndHealthy(String cluster, String revision) throws Exception {
        JsonNode c = cluster(cluster);
        return revision.equals(c.path("lastAppliedRevision").asText()) && c.path("syncStatus").asText().equals("Synced")
                && c.path("health").asText().equals("Healthy");
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + operator.port() + path);
    }

    EcsClient sdk(String region) {
        return EcsClients.of(ecs.endpoint(), region);
    }

    static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls until {@code check} holds, failing after {@code timeout}. */
    static void waitUntil(String what, Duration timeout, Check check) throws Exception {
        dev.logship.testkit.Waits.until(what, timeout, check::holds);
    }

    @Override
    public void close() {
        if (operator != null) {
            operator.close();
        }
        work.close();
        ecs.close();
    }
}
