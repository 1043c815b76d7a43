package dev.logship.cli;

import static dev.logship.cli.HeadlessChromium.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.git.GitCredentials;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.reconcile.Backoff;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.testkit.ClusterManifest;
import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.GitHubPush;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * serve (in-process) with a managedDaemon forwarder, all parts real: local-ecs over HTTP with a
 * Managed Instances provider, a bare Git repository pushed to with JGit, the status API over
 * HTTP and the page in headless Chromium. A crash-looping image is rolled back by ECS's circuit
 * breaker and shows as Degraded with ECS's statusReason in /api/v1/status, in the events and on
 * the page; the next good commit recovers it; an instance joining the provider gets its task.
 */
class ManagedDaemonServeTest {
    private static final Duration WAIT = Duration.ofSeconds(90); // generous: the machine may be loaded

    @TempDir Path tmp;
    private LocalEcsServer ecs;
    private Operator operator;
    private Fleet fleet;
    private ManifestRepo work;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.close();
        }
        if (work != null) {
            work.close();
        }
        if (ecs != null) {
            ecs.close();
        }
    }

    private static String forwarder(String image) {
        return "apiVersion: logship.dev/v1\nkind: LogForwarder\nmetadata:\n  name: fluent-bit\nspec:\n  agent: fluentBit\n"
                + "  image: " + image + "\n  routes:\n    - syslog+tls://logs3.papertrailapp.com:12345\n"
                + "  scheduling: managedDaemon\n  managedDaemon:\n    capacityProviders: [managed]\n    drainPercent: 50\n"
                + "    bakeTime: 1m\n  resources:\n    cpu: 64\n    memory: 256\n";
    }

    private void startServe() throws Exception {
        // 600x: a scaled minute of bake time is 0.1 s
        ecs = LocalEcsServer.start(LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).timeScale(600).build());
        ecs.setManagedInstances("managed-ecs", "managed", 2);
        fleet = Fleet.create().cluster("managed/cluster.yaml", ClusterManifest.named("managed").clusterName("managed-ecs"))
                .file("managed/fluent-bit.yaml", forwarder("fluent/fluent-bit:5.1.1"));
        work = ManifestRepo.seeded(tmp, fleet);
        // Resync every 500 ms: the rollback and a joining instance happen in ECS, not in Git.
        ControllerSettings settings = ControllerSettings.defaults().withIntervals(Duration.ofMinutes(10), Duration.ofMillis(500))
                .withRecheck(Duration.ofMillis(100), Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(2)));
        operator = Operator.start(new ServeConfig(work.bare.toString(), "main", null, ecs.endpoint().toString(), "127.0.0.1", 0,
                tmp.resolve("data"), ServeHarness.WEBHOOK_SECRET, false, ServeHarness.API_TOKEN, GitCredentials.none(), settings));
    }

    private String push(String image, String message) throws Exception {
        String id = work.commit(fleet.file("managed/fluent-bit.yaml", forwarder(image)), message);
        HttpResponse<String> hook = GitHubPush.send(operator.port(), ServeHarness.WEBHOOK_SECRET, work.bare, id);
        assertThat(hook.statusCode()).as(hook.body()).isBetween(200, 299);
        return id;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return ServeHarness.JSON.readTree(r.body());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + operator.port() + path);
    }

    private JsonNode cluster() throws Exception {
        for (JsonNode c : get("/api/v1/status").path("clusters")) {
            if (c.path("name").asText().equals("managed")) {
                return c;
            }
        }
        return ServeHarness.JSON.createObjectNode();
    }

    private JsonNode daemonRow() throws Exception {
        return cluster().path("forwarders").path(0);
    }

    private String ecsStatusReason() {
        try (EcsClient sdk = EcsClients.of(ecs.endpoint())) {
            String daemon = sdk.listDaemons(r -> r.clusterArn("managed-ecs")).daemonSummariesList().get(0).daemonArn();
            String deployment = sdk.describeDaemon(r -> r.daemonArn(daemon)).daemon().deploymentArn();
            return sdk.describeDaemonDeployments(r -> r.daemonDeploymentArns(deployment)).daemonDeployments().get(0).statusReason();
        }
    }

    @Test
    void aRolledBackDaemonIsDegradedWithEcsReasonInStatusEventsAndPageAndRecoversOnTheNextGoodCommit() throws Exception {
        startServe();
        Waits.until("the seed runs on both instances, Healthy", WAIT, () -> cluster().path("health").asText().equals("Healthy")
                && daemonRow().path("running").asInt() == 2);
        assertThat(daemonRow().path("healthMessage").asText()).isEqualTo("running on 2 of 2 instances of its capacity providers");
        assertThat(daemonRow().path("taskDefinition").asText()).isEqualTo("logship-fluent-bit:1");

        String bad = push("fluent/fluent-bit:5.1.1-crashloop", "crash-looping image");
        Waits.until("ECS rolled the daemon back and status says Degraded", WAIT,
                () -> cluster().path("health").asText().equals("Degraded"));
        String reason = ecsStatusReason();
        assertThat(reason).isNotBlank();
        JsonNode c = cluster();
        assertThat(c.path("lastAttemptedRevision").asText()).isEqualTo(bad);
        assertThat(c.path("healthMessage").asText()).contains(reason);
        assertThat(daemonRow().path("health").asText()).isEqualTo("Degraded");
        assertThat(daemonRow().path("healthMessage").asText()).startsWith("daemon deployment ROLLBACK_").contains(reason);
        Waits.until("a HealthDegraded event carries the reason", WAIT, () -> events().contains("HealthDegraded") && events().contains(reason));
        ecs.resetCallCounts();
        Waits.until("three more resyncs looked at the daemon", WAIT, () -> ecs.callCounts().getOrDefault("DescribeDaemon", 0L) >= 3);
        assertThat(ecs.callCounts().getOrDefault("UpdateDaemon", 0L) + ecs.callCounts().getOrDefault("RegisterDaemonTaskDefinition", 0L))
                .as("the rolled-back revision is not deployed again on every resync").isZero();
        assertThat(cluster().path("health").asText()).isEqualTo("Degraded");

        WebDriver browser = HeadlessChromium.start(tmp.resolve("chromium-profile"), 1280, 900);
        try {
            browser.get(url("/").toString());
            WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(50));
            wait.until(b -> text(b, "tbody[data-cluster=managed] tr[data-forwarder=fluent-bit]").contains("Degraded"));
            assertThat(text(browser, "tbody[data-cluster=managed] tr[data-forwarder=fluent-bit]")).contains(reason);
            wait.until(b -> text(b, "#events").contains("HealthDegraded"));
            assertThat(browser.getPageSource()).doesNotContain("papertrailapp.com");

            push("fluent/fluent-bit:5.1.2", "good image");
            wait.until(b -> text(b, "tbody[data-cluster=managed] tr[data-forwarder=fluent-bit]").contains("Healthy"));
        } finally {
            browser.quit();
        }
        Waits.until("recovered: Healthy on both instances", WAIT, () -> cluster().path("health").asText().equals("Healthy"));
        assertThat(events()).contains("HealthRecovered");

        ecs.setManagedInstances("managed-ecs", "managed", 3);
        Waits.until("the joining instance gets the daemon task", WAIT, () -> daemonRow().path("running").asInt() == 3
                && daemonRow().path("desired").asInt() == 3 && cluster().path("health").asText().equals("Healthy"));
    }

    private String events() throws Exception {
        return get("/api/v1/events").toString();
    }
}
