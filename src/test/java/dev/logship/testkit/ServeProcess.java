package dev.logship.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code logship serve} as its own JVM on a free loopback port, talked to only over HTTP (status
 * JSON, events, metrics, sync API, signed webhooks) as an operator would. The one serve process
 * helper of the reliability tests and the benchmarks: where the process itself is the subject
 * (SIGKILL, restart, heap, memory), not a stand-in for an in-JVM serve.
 */
public final class ServeProcess implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    public final int port = JavaProcess.freePort();
    private final ServeLaunch launch;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private JavaProcess process;
    private long startedNanos;
    private int starts;

    ServeProcess(ServeLaunch launch) {
        this.launch = launch;
    }

    /** serve --repo {@code repo} with data in dir/data and logs in dir/logs, this environment and options; waits for /healthz. */
    public static ServeProcess start(Path dir, String repo, URI ecs, Map<String, String> env, String... options) {
        return ServeLaunch.of(repo, ecs, dir.resolve("data")).env(env).options(options).start();
    }

    void launch() {
        startedNanos = System.nanoTime();
        process = launch.launch(port, starts++);
    }

    /** Starts serve again (after {@link #kill()}) and waits until /healthz answers. */
    public void restart() {
        launch();
        Waits.until("serve answers /healthz on " + port, Duration.ofSeconds(60), () -> {
            failIfExited();
            return get("/healthz").statusCode() == 200;
        });
    }

    /** Waits until /readyz answers 200; the milliseconds from the process start until then. */
    public double awaitReady(Duration timeout) {
        Waits.until("serve ready on " + port, timeout, () -> {
            failIfExited();
            return get("/readyz").statusCode() == 200;
        });
        return (System.nanoTime() - startedNanos) / 1e6;
    }

    private void failIfExited() {
        if (!process.alive()) {
            String output = process.output();
            throw new AssertionError("serve exited " + process.exitCode() + "; its output ends:\n"
                    + output.substring(Math.max(0, output.length() - 4000)));
        }
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() {
        process.kill();
    }

    public JavaProcess process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** GET; a connection failure answers status 0. */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET());
    }

    /** POST /api/v1/sync with the API token: "reconcile now". */
    public int syncNow() {
        return send(HttpRequest.newBuilder(uri("/api/v1/sync")).header("Authorization", "Bearer " + launch.env.get("LOGSHIP_API_TOKEN"))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode();
    }

    /** A GitHub push webhook for this repository's main branch, signed with the right secret or a wrong one. */
    public int webhook(boolean rightSecret) {
        return githubPush("{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"" + launch.repo() + "\"}}",
                rightSecret ? secret() : "not-the-secret");
    }

    /** GitHub's push webhook naming the commit the branch moved to (serve fetches at once), signed with the secret. */
    public int webhook(String after) {
        return githubPush("{\"ref\":\"refs/heads/main\",\"after\":\"" + after + "\",\"repository\":{\"clone_url\":\"" + launch.repo() + "\"}}",
                secret());
    }

    private String secret() {
        return launch.env.get("LOGSHIP_WEBHOOK_SECRET");
    }

    private int githubPush(String body, String key) {
        return send(HttpRequest.newBuilder(uri("/api/v1/webhooks/github")).header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", "sha256=" + Signatures.hmac(key, body)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))).statusCode();
    }

    public JsonNode status() {
        try {
            return JSON.readTree(get("/api/v1/status").body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    public JsonNode cluster(String name) {
        for (JsonNode c : status().path("clusters")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        return JSON.createObjectNode();
    }

    /** True when every listed cluster shows {@code revision} applied and Synced. */
    public boolean allSynced(List<String> clusters, String revision) {
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

    public String events() {
        return get("/api/v1/events").body();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new NoResponse(request.build().uri().getPath());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGTERM: serve finishes in-flight calls and exits (SIGKILL after 40 s). */
    @Override
    public void close() {
        if (process != null) {
            process.stop(Duration.ofSeconds(40));
        }
    }
}
