package dev.logship.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code logship serve} as its own process on a fixed free port, secrets from the environment,
 * talked to only over HTTP (status JSON, events, page, metrics, sync API) like an operator would.
 */
final class ServeProcess implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final int port = JavaProcess.freePort();
    private final Path logDir;
    private final List<String> args;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private JavaProcess process;
    private int starts;

    private final String heap;
    /** Added to serve's environment, e.g. JAVA_TOOL_OPTIONS with a pacing time scale. */
    private final java.util.Map<String, String> env = new java.util.HashMap<>(Secrets.environment());

    private ServeProcess(Path logDir, List<String> args, String heap) {
        this.logDir = logDir;
        this.args = args;
        this.heap = heap;
    }

    /**
     * As {@link #start}, with serve's client-side ECS pacing {@code timeScale} times ECS's rates
     * (the benchmarks' {@code -Dlogship.ecs.timeScale}; below 1 the token buckets refill slower).
     */
    static ServeProcess startPaced(double timeScale, Path dir, String repo, URI ecs, String... extra) {
        List<String> args = new ArrayList<>(List.of("serve", "--repo", repo, "--ref", "main", "--ecs-endpoint", ecs.toString(),
                "--bind", "127.0.0.1", "--data-dir", dir.resolve("data").toString()));
        args.addAll(List.of(extra));
        ServeProcess serve = new ServeProcess(dir.resolve("logs"), args, "256m");
        serve.env.put("JAVA_TOOL_OPTIONS", "-Dlogship.ecs.timeScale=" + timeScale);
        serve.startProcess();
        return serve;
    }

    /** serve --repo {@code repo} against {@code ecs}; {@code extra} options as on the command line. */
    static ServeProcess start(Path dir, String repo, URI ecs, String... extra) {
        return startWithHeap("256m", dir, repo, ecs, extra);
    }

    /** As {@link #start}, in a JVM with this -Xmx (e.g. "64m"). */
    static ServeProcess startWithHeap(String heap, Path dir, String repo, URI ecs, String... extra) {
        List<String> args = new ArrayList<>(List.of("serve", "--repo", repo, "--ref", "main", "--ecs-endpoint", ecs.toString(),
                "--bind", "127.0.0.1", "--data-dir", dir.resolve("data").toString()));
        args.addAll(List.of(extra));
        ServeProcess serve = new ServeProcess(dir.resolve("logs"), args, heap);
        serve.startProcess();
        return serve;
    }

    private void startProcess() {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--port", String.valueOf(port)));
        process = JavaProcess.start(logDir, "serve-" + (starts++), env, all, heap);
        Waits.until("serve answers /healthz on " + port, Duration.ofSeconds(60), () -> {
            if (!process.alive()) {
                throw new AssertionError("serve exited " + process.exitCode() + ":\n" + process.output());
            }
            return get("/healthz").statusCode() == 200;
        });
    }

    void kill() {
        process.kill();
    }

    void restart() {
        startProcess();
    }

    JavaProcess process() {
        return process;
    }

    /** GET; a connection failure answers status 0. */
    HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Failed(path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** POST /api/v1/sync with the API token: "reconcile now". */
    int syncNow() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sync"))
                    .header("Authorization", "Bearer " + Secrets.API_TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A GitHub push webhook for this repository's main branch, signed with the right secret or a wrong one. */
    int webhook(boolean rightSecret) {
        String body = "{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"" + repo() + "\"}}";
        String signature = "sha256=" + WebhookCases.hmac(rightSecret ? Secrets.WEBHOOK_SECRET : "not-the-secret",
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/github"))
                    .header("X-GitHub-Event", "push").header("X-Hub-Signature-256", signature).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** GitHub's push webhook naming the commit the branch moved to (serve fetches at once), signed with the secret. */
    int webhook(String after) {
        String body = "{\"ref\":\"refs/heads/main\",\"after\":\"" + after + "\",\"repository\":{\"clone_url\":\"" + repo() + "\"}}";
        String signature = "sha256=" + WebhookCases.hmac(Secrets.WEBHOOK_SECRET, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/github"))
                    .header("X-GitHub-Event", "push").header("X-Hub-Signature-256", signature).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String repo() {
        return args.get(args.indexOf("--repo") + 1);
    }

    JsonNode status() {
        try {
            return JSON.readTree(get("/api/v1/status").body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    JsonNode cluster(String name) {
        for (JsonNode c : status().path("clusters")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        return JSON.createObjectNode();
    }

    /** True when every listed cluster shows {@code revision} applied and Synced. */
    boolean allSynced(List<String> clusters, String revision) {
        JsonNode status = status();
        for (String name : clusters) {
            boolean ok = false;
            for (JsonNode c : status.path("clusters")) {
                if (c.path("name").asText().equals(name)) {
                    ok = revision.equals(c.path("lastAppliedRevision").asText()) && "Synced".equals(c.path("syncStatus").asText());
                }
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    String events() {
        return get("/api/v1/events").body();
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop();
        }
    }

    /** A response standing for "no connection". */
    private record Failed(String path) implements HttpResponse<String> {
        public int statusCode() { return 0; }
        public HttpRequest request() { return null; }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true); }
        public String body() { return ""; }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        public URI uri() { return URI.create("http://127.0.0.1/" + path); }
        public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }
}
