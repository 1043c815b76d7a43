package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.Manifests;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clusters behind an endpoint that answers ListDaemons with a proxy's HTML error page (500),
 * as moto did: the cluster of services is still planned and applied, the daemon cluster's failure
 * names the action and the HTTP status, and the run ends with exit 1 naming the failed cluster.
 */
class OneFailingClusterTest {
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade");
    @TempDir Path repo;
    private LocalEcsServer ecs;
    private HttpServer proxy;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        ecs = LocalEcsServer.start(LocalEcsConfig.builder().cluster("prod-ecs", 2).taskConvergence(Duration.ofMillis(20)).build());
        ecs.setManagedInstances("managed-ecs", "managed", 2);
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", this::forwardOrFail);
        proxy.start();
        write("prod/cluster.yaml", Manifests.cluster("prod", "prod-ecs"));
        write("prod/papertrail.yaml", Manifests.forwarder("papertrail"));
        write("managed/cluster.yaml", Manifests.cluster("managed", "managed-ecs"));
        write("managed/fluent-bit.yaml", "apiVersion: logship.dev/v1\nkind: LogForwarder\nmetadata:\n  name: fluent-bit\nspec:\n"
                + "  agent: fluentBit\n  routes:\n    - syslog+tls://logs.example.com:514\n  scheduling: managedDaemon\n"
                + "  managedDaemon:\n    capacityProviders: [managed]\n");
    }

    @AfterEach
    void stop() {
        proxy.stop(0);
        ecs.close();
    }

    private void write(String file, String text) throws IOException {
        Files.createDirectories(repo.resolve(file).getParent());
        Files.writeString(repo.resolve(file), text);
    }

    /** Everything goes to local-ecs except ListDaemons, which gets an HTML 500 page. */
    private void forwardOrFail(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            if (target.endsWith(".ListDaemons")) {
                byte[] page = "<html><body><h1>500 Internal Server Error</h1></body></html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(500, page.length);
                exchange.getResponseBody().write(page);
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(ecs.endpoint().resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CliRun run(String command) {
        return CliRun.of(command, "--repo", repo.toString(), "--ecs-endpoint", "http://127.0.0.1:" + proxy.getAddress().getPort());
    }

    @Test
    void planPrintsEveryOtherClustersPlanThenExitsOneNamingTheFailedCluster() {
        CliRun plan = run("plan");
        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isEqualTo(Verdict.ERROR);
        assertThat(plan.out()).contains("papertrail", "cluster managed: could not be planned: ListDaemons failed: HTTP 500 (not an ECS answer)")
                .doesNotContain("EcsException");
        String last = plan.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).isEqualTo("Exit 1: error: could not plan cluster managed: ListDaemons failed: HTTP 500 (not an ECS answer)");
    }

    @Test
    void applyChangesTheHealthyClusterAndExitsOneNamingTheFailedOne() {
        CliRun apply = run("apply");
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isEqualTo(Verdict.ERROR);
        assertThat(apply.out()).contains("created service papertrail").doesNotContain("EcsException");
        assertThat(apply.out().strip().lines().reduce((a, b) -> b).orElseThrow())
                .startsWith("Exit 1: error: failed on managed: ListDaemons failed: HTTP 500 (not an ECS answer)");
        assertThat(ecs.mutatingCallCounts()).containsEntry("CreateService", 1L);
    }
}
