package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.notify.NotifyRules;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.testkit.ServeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The mutating endpoints are never open by default, through the real serve over real HTTP: no
 * --api-token means 403 naming the option, unless --api-allow-unauthenticated; --read-token guards
 * the page and the GET API (Bearer, or Basic for a browser) while health, readiness and metrics stay open.
 */
class ApiAccessTest {
    private static final List<String> MUTATING = List.of("/api/v1/sync", "/api/v1/rollouts/resume", "/api/v1/rollouts/override-windows");
    @TempDir Path tmp;
    private LocalEcsServer ecs;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        ecs = LocalEcsServer.start(LocalEcsConfig.builder().cluster("prod-ecs", 1).build());
    }

    @AfterEach
    void stop() {
        ecs.close();
    }

    private Operator serve(String apiToken, boolean allowUnauthenticated, String readToken) {
        ControllerSettings settings = ControllerSettings.defaults().withIntervals(Duration.ofMinutes(10), Duration.ofMinutes(10));
        return Operator.start(new ServeConfig(ServeHarness.EXAMPLES.toString(), null, null, ecs.endpoint().toString(), "127.0.0.1", 0,
                tmp.resolve("data"), null, true, apiToken, null, settings).withAccess(allowUnauthenticated, readToken));
    }

    private HttpResponse<String> send(Operator o, String method, String path, String authorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + o.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutAnApiTokenEveryMutatingEndpointAnswers403NamingTheOption() throws Exception {
        try (Operator o = serve(null, false, null)) {
            for (String path : MUTATING) {
                HttpResponse<String> r = send(o, "POST", path, null);
                assertThat(r.statusCode()).as(path).isEqualTo(403);
                assertThat(r.body()).contains("POST " + path + " is closed", "--api-token", "--api-allow-unauthenticated");
                assertThat(send(o, "POST", path, "Bearer guessed").statusCode()).as(path).isEqualTo(403);
            }
            assertThat(send(o, "GET", "/api/v1/status", null).statusCode()).isEqualTo(200); // reads stay open without --read-token
        }
    }

    @Test
    void allowUnauthenticatedOpensThemOnPurpose() throws Exception {
        try (Operator o = serve(null, true, null)) {
            assertThat(send(o, "POST", "/api/v1/sync", null).statusCode()).isEqualTo(202);
            assertThat(send(o, "POST", "/api/v1/rollouts/resume", null).statusCode()).isEqualTo(409); // nothing halted
            assertThat(send(o, "POST", "/api/v1/rollouts/override-windows", null).statusCode()).isEqualTo(202);
        }
    }

    @Test
    void aReadTokenGuardsThePageAndTheGetApiButNotProbesOrMetrics() throws Exception {
        try (Operator o = serve("write-secret", false, "read-secret")) {
            for (String path : List.of("/", "/api/v1/status", "/api/v1/events", "/api/v1/rollouts", "/assets/table.js")) {
                HttpResponse<String> anonymous = send(o, "GET", path, null);
                assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
                assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
                assertThat(send(o, "GET", path, "Bearer wrong").statusCode()).as(path).isEqualTo(401);
                assertThat(send(o, "GET", path, "Bearer read-secret").statusCode()).as(path).isEqualTo(200);
            }
            String basic = "Basic " + Base64.getEncoder().encodeToString("anyone:read-secret".getBytes(StandardCharsets.UTF_8));
            assertThat(send(o, "GET", "/", basic).statusCode()).isEqualTo(200);
            assertThat(send(o, "GET", "/api/v1/status", "Bearer write-secret").statusCode()).isEqualTo(200);
            for (String path : List.of("/healthz", "/metrics")) {
                assertThat(send(o, "GET", path, null).statusCode()).as(path).isEqualTo(200);
            }
            assertThat(send(o, "POST", "/api/v1/sync", "Bearer read-secret").statusCode()).as("reading is not writing").isEqualTo(401);
            assertThat(send(o, "POST", "/api/v1/sync", "Bearer write-secret").statusCode()).isEqualTo(202);
        }
    }

    @Test
    void everyAccessOptionIsAlsoALogshipVariable() {
        CommandLine cli = Main.commandLine();
        cli.setDefaultValueProvider(new EnvironmentDefaults(Map.of("LOGSHIP_API_ALLOW_UNAUTHENTICATED", "true",
                "LOGSHIP_READ_TOKEN", "r", "LOGSHIP_NOTIFY_ALLOW_HTTP", "true", "LOGSHIP_NOTIFY_ALLOW_PRIVATE", "10.0.0.0/8,fd00::/8",
                "LOGSHIP_NOTIFY_URL_DIR", "/run/secrets/notify")));
        CommandLine.ParseResult parsed = cli.parseArgs("serve", "--repo", "examples/desired-state", "--webhook-allow-unsigned");
        ServeConfig config = ((ServeCommand) parsed.subcommand().commandSpec().userObject()).config();
        assertThat(config.apiAllowUnauthenticated()).isTrue();
        assertThat(config.readToken()).isEqualTo("r");
        assertThat(config.notifyRules()).isEqualTo(new NotifyRules(true, List.of("10.0.0.0/8", "fd00::/8"), Path.of("/run/secrets/notify")));
        assertThat(config.toString()).doesNotContain("=r,").contains("readToken=****");
        assertThat(CliRun.of("serve", "--help").out()).contains("--api-allow-unauthenticated", "--read-token", "--notify-allow-private");
    }
}
