package dev.logship.cli;

import static dev.logship.cli.HeadlessChromium.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.aws.AwsSettings;
import dev.logship.git.SigningKeys;
import dev.logship.git.TrustedSigners;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.reconcile.SignaturePolicy;
import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Discovery coverage and the commit's signer (#21) as the status API and the page show them:
 * serve under {@code --verify-signatures enforce} follows a repository whose commit Alice signed
 * (a real gpg key, {@code git commit -S}), with a ClusterSet over two accounts (roles assumed at
 * local-ecs's STS): of 4 clusters listed, 2 covered, 1 excluded by its tags, 1 selected that no
 * forwarder picks; one of pay's nodes has its ECS agent disconnected, so it runs no forwarder and
 * the page names it. The summary carries each number and the commit in force with its signer; the
 * page shows them, keeps showing Alice's commit in force when an unsigned one stalls, shows an
 * account that starts denying access as failing, and never shows the route's host or port.
 */
class CoverageAndSignerPageBrowserTest {
    private static final String A = ClusterDiscoveryCommandTest.A;
    private static final String B = ClusterDiscoveryCommandTest.B;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String FORWARDER = ClusterDiscoveryCommandTest.FORWARDER
            .replace("logs.example.com:6514", "intake-q7.example.net:47911");

    @TempDir
    Path tmp;

    @Test
    void thePageShowsWhatEachClusterSetCoversAndWhoSignedTheCommitInForce() throws Exception {
        try (SigningKeys keys = new SigningKeys(Files.createDirectories(tmp.resolve("keys")));
             LocalEcsServer ecs = LocalEcsServer.start(LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).build())) {
            ecs.createCluster("pay", A, "us-east-1", Map.of("logship", "on", "Environment", "prod"), 2);
            assertThat(ecs.setAgentConnected("pay", 1, false)).isEqualTo(1); // that node cannot get the forwarder: uncovered
            JsonNode uncovered = null;
            for (JsonNode n : ServeHarness.JSON.readTree(ecs.stateJson()).path("clusters").path("pay").path("nodes")) {
                uncovered = n.path("agentConnected").asBoolean() ? uncovered : n;
            }
            ecs.createCluster("pay-eu", A, "eu-west-1", Map.of("logship", "on", "Environment", "staging"), 1);
            ecs.createCluster("web", B, "us-east-1", Map.of("logship", "on", "Environment", "prod"), 1);
            ecs.createCluster("batch", B, "us-east-1", Map.of("Environment", "prod"), 1);
            String alice = keys.openPgp("Alice", "alice@example.com");
            Path trusted = keys.exportOpenPgp(alice, tmp.resolve("alice.asc"));
            Path bare = tmp.resolve("manifests.git");
            Path work = Files.createDirectories(tmp.resolve("work"));
            keys.git(tmp, "init", "-q", "--bare", "-b", "main", bare.toString());
            keys.git(work, "init", "-q", "-b", "main");
            keys.git(work, "remote", "add", "origin", bare.toString());
            Files.writeString(work.resolve("fleet.yaml"), ClusterDiscoveryCommandTest.clusterSet("fleet",
                    ClusterDiscoveryCommandTest.roles(A, B), "[us-east-1, eu-west-1]"));
            Files.writeString(work.resolve("papertrail.yaml"), FORWARDER);
            String signed = keys.commitOpenPgp(work, alice, "signed by Alice", false);
            keys.git(work, "push", "-q", "origin", "main");

            ControllerSettings settings = ControllerSettings.defaults().withIntervals(Duration.ofMillis(300), Duration.ofMinutes(10))
                    .withDiscoveryInterval(Duration.ofSeconds(1));
            try (Operator serve = Operator.start(new ServeConfig(bare.toString(), "main", null, ecs.endpoint().toString(), "127.0.0.1", 0,
                    tmp.resolve("data"), null, true, null, null, settings).withAssumeRoles(AwsSettings.AssumeRoles.ALWAYS), null,
                    new CommitTrust(SignaturePolicy.ENFORCE, TrustedSigners.of(trusted, null)))) {
                Waits.until("the set covers pay and web", WAIT, () -> summary(serve).path("discovery").path(0).path("covered").asInt() == 2);

                // The API: the set's numbers, and the commit in force with who signed it and the policy.
                JsonNode summary = summary(serve);
                assertThat(summary.path("discovery").toString()).isEqualTo("[{\"set\":\"fleet\",\"discovered\":4,\"covered\":2,"
                        + "\"excluded\":1,\"excludedByTags\":1,\"suspended\":0,\"withoutForwarders\":1,\"overridden\":0,\"uncovered\":1,"
                        + "\"failing\":[],\"ready\":true,\"message\":\"4 discovered, 2 covered\"}]");
                JsonNode commit = summary.path("source").path("commitInForce");
                assertThat(commit.path("revision").asText()).isEqualTo(signed);
                assertThat(commit.path("policy").asText()).isEqualTo("enforce");
                assertThat(commit.path("signature").path("status").asText()).isEqualTo("TRUSTED");
                assertThat(commit.path("signature").path("signer").asText()).isEqualTo("Alice <alice@example.com>");
                assertThat(commit.path("signature").path("key").asText()).isEqualTo(alice);
                assertThat(commit.path("text").asText()).isEqualTo("signed by Alice <alice@example.com> (key " + alice + ")");
                assertThat(status(serve).path("source").path("commitInForce")).isEqualTo(commit);
                String pay = "pay.us-east-1." + A;
                Waits.until("pay's node without the forwarder is named", WAIT, () -> cluster(serve, pay).path("coverage")
                        .path("uncoveredNodes").size() == 1);
                JsonNode coverage = cluster(serve, pay).path("coverage");
                assertThat(coverage.path("uncoveredNodes").path(0).path("containerInstanceArn").asText()).isEqualTo(uncovered.path("arn").asText());

                WebDriver browser = HeadlessChromium.start(tmp.resolve("chromium-profile"), 1280, 900);
                try {
                    browser.get("http://127.0.0.1:" + serve.port() + "/");
                    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(50));
                    wait.until(b -> !text(b, "#commit").isEmpty() && !text(b, "#sets tr[data-set=fleet]").isEmpty());
                    assertThat(text(browser, "#commit")).isEqualTo("in force " + signed.substring(0, 12) + " · signed by Alice"
                            + " <alice@example.com> (key " + alice + ") trusted --verify-signatures enforce");
                    assertThat(text(browser, "#sets tr[data-set=fleet] td.discovered")).isEqualTo("4");
                    assertThat(text(browser, "#sets tr[data-set=fleet] td.covered")).isEqualTo("2");
                    assertThat(text(browser, "#sets tr[data-set=fleet] td.excluded")).isEqualTo("1");
                    assertThat(text(browser, "#sets tr[data-set=fleet] td.without")).isEqualTo("1");
                    assertThat(text(browser, "#sets tr[data-set=fleet] td.scopes-failing")).isEqualTo("listed");
                    // pay's details name the node that runs no forwarder; without telemetry, silence is unknown, not 0.
                    String details = "[data-delivery='" + pay + "']";
                    wait.until(b -> !text(b, details + " .delivery-coverage").isEmpty());
                    assertThat(text(browser, details + " .delivery-coverage")).isEqualTo(coverage.path("covered").asInt()
                            + " node(s) run a forwarder · 1 uncovered · silence unknown (no telemetry)");
                    assertThat(text(browser, details + " li.uncovered-node")).isEqualTo(uncovered.path("ec2InstanceId").asText() + " ("
                            + uncovered.path("arn").asText() + ") runs no papertrail, ECS agent disconnected");

                    // An unsigned commit stalls: Alice's stays in force, and the page says so.
                    Files.writeString(work.resolve("papertrail.yaml"), FORWARDER.replace("47911", "47912"));
                    String unsigned = keys.commitOpenPgp(work, null, "not signed", false);
                    keys.git(work, "push", "-q", "origin", "main");
                    Waits.until("the unsigned commit stalls", WAIT, () -> summary(serve).path("source").path("revision").asText().equals(unsigned)
                            && summary(serve).path("source").path("error").asText().contains("UntrustedCommit"));
                    assertThat(summary(serve).path("source").path("commitInForce").path("revision").asText()).isEqualTo(signed);
                    wait.until(b -> text(b, "#source-error").contains(unsigned.substring(0, 12)));
                    assertThat(text(browser, "#commit")).startsWith("in force " + signed.substring(0, 12) + " · signed by Alice");

                    // An account that denies access (both its regions fail): the set keeps its last good list and the page names the failing scope.
                    ecs.denyAccounts(List.of(B));
                    Waits.until("account B fails", WAIT, () -> !summary(serve).path("discovery").path(0).path("ready").asBoolean());
                    wait.until(b -> text(b, "#sets tr[data-set=fleet] td.scopes-failing").startsWith("2 failing"));
                    assertThat(text(browser, "#sets tr[data-set=fleet] td.scopes-failing")).contains(B + "/us-east-1").contains(B + "/eu-west-1")
                            .contains("AccessDenied");
                    assertThat(text(browser, "#sets tr[data-set=fleet] td.covered")).as("the last good list is kept").isEqualTo("2");

                    String page = browser.getPageSource();
                    for (String secret : List.of("47911", "47912", "intake-q7")) {
                        assertThat(page).as("the page must not show " + secret).doesNotContain(secret);
                        assertThat(get(serve, "/api/v1/summary")).doesNotContain(secret);
                        assertThat(get(serve, "/api/v1/clusters")).doesNotContain(secret);
                    }
                } finally {
                    browser.quit();
                }
            }
        }
    }

    private static JsonNode summary(Operator serve) throws Exception {
        return ServeHarness.JSON.readTree(get(serve, "/api/v1/summary"));
    }

    private static JsonNode cluster(Operator serve, String name) throws Exception {
        return ServeHarness.JSON.readTree(get(serve, "/api/v1/clusters/" + name));
    }

    private static JsonNode status(Operator serve) throws Exception {
        return ServeHarness.JSON.readTree(get(serve, "/api/v1/status"));
    }

    private static String get(Operator serve, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
