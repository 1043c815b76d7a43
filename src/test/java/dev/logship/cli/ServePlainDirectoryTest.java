package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.testkit.JavaProcess;
import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve on a plain directory (no Git): the poll timer re-reads it and applies what changed. */
class ServePlainDirectoryTest {
    private static final ControllerSettings SETTINGS = ControllerSettings.defaults().withIntervals(Duration.ofMillis(300), Duration.ofMinutes(10));
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir Path tmp;
    private Path manifests;
    private LocalEcsServer ecs;

    @BeforeEach
    void start() throws Exception {
        manifests = tmp.resolve("manifests");
        try (Stream<Path> files = Files.walk(ServeHarness.EXAMPLES)) {
            for (Path f : files.toList()) {
                Path target = manifests.resolve(ServeHarness.EXAMPLES.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        LocalEcsConfig.Builder ecsConfig = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20));
        ExampleClusters.configure(ecsConfig, ServeHarness.examples(), 2);
        ecs = LocalEcsServer.start(ecsConfig.build());
    }

    @AfterEach
    void stop() {
        ecs.close();
    }

    private Operator serve(Path dataDir) {
        return Operator.start(new ServeConfig(manifests.toString(), null, null, ecs.endpoint().toString(),
                "127.0.0.1", 0, dataDir, null, true, null, null, SETTINGS));
    }

    @Test
    void thePollTimerPicksUpAnEditedDirectory() throws Exception {
        try (Operator operator = serve(null)) {
            URI status = URI.create("http://127.0.0.1:" + operator.port() + "/api/v1/clusters/prod");
            Waits.until("prod is applied from the directory", Duration.ofSeconds(30),
                    () -> prod(http, status).path("syncStatus").asText().equals("Synced"));
            String first = prod(http, status).path("lastAppliedRevision").asText();
            assertThat(first).startsWith("dir:");

            Path papertrail = manifests.resolve("prod/fluent-bit.yaml");
            Files.writeString(papertrail, Files.readString(papertrail).replace("memory: 128", "memory: 192"));
            Waits.until("the edit is applied by a poll", Duration.ofSeconds(20), () -> {
                JsonNode prod = prod(http, status);
                return !prod.path("lastAppliedRevision").asText().equals(first) && prod.path("syncStatus").asText().equals("Synced");
            });
            assertThat(prod(http, status).path("forwarders").get(0).path("taskDefinition").asText()).isEqualTo("logship-papertrail:2");
        }
    }

    /**
     * Issue 18: a plain directory's revision id is derived from its content and keyed with the
     * installation's revision.key in the data dir, so a restart (another JVM) with the same data dir
     * names the same files the same (a halted rollout is found again); a changed file is a new
     * revision; another installation (data dir) names the same files differently.
     */
    @Test
    void aRevisionIdSurvivesARestartAndIsKeyedPerInstallation() throws Exception {
        Path data = tmp.resolve("data");
        int port = JavaProcess.freePort();
        String beforeRestart;
        try (JavaProcess first = JavaProcess.start(tmp.resolve("logs"), "serve", Map.of(), List.of("serve", "--repo", manifests.toString(),
                "--ecs-endpoint", ecs.endpoint().toString(), "--bind", "127.0.0.1", "--port", String.valueOf(port),
                "--data-dir", data.toString(), "--webhook-allow-unsigned"))) {
            beforeRestart = attempted(URI.create("http://127.0.0.1:" + port + "/api/v1/clusters/prod"), null, first);
            first.stop();
        }
        assertThat(beforeRestart).startsWith("dir:");

        String edited;
        try (Operator restarted = serve(data)) {
            URI status = URI.create("http://127.0.0.1:" + restarted.port() + "/api/v1/clusters/prod");
            assertThat(attempted(status, null, null)).as("the restarted serve (another JVM) names the same files the same").isEqualTo(beforeRestart);
            Path papertrail = manifests.resolve("prod/fluent-bit.yaml");
            Files.writeString(papertrail, Files.readString(papertrail).replace("memory: 128", "memory: 192"));
            edited = attempted(status, beforeRestart, null);
        }
        assertThat(edited).as("a changed file is a new revision").startsWith("dir:").isNotEqualTo(beforeRestart);
        try (Operator other = serve(tmp.resolve("other-installation"))) {
            String elsewhere = attempted(URI.create("http://127.0.0.1:" + other.port() + "/api/v1/clusters/prod"), null, null);
            assertThat(elsewhere).as("another installation keys the same files differently").startsWith("dir:").isNotEqualTo(edited);
        }
        Path key = data.resolve(RevisionKeys.FILE);
        assertThat(Files.size(key)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).as("only the owner reads the key").isEqualTo("rw-------");
    }

    /** prod's lastAttemptedRevision once prod is Synced on a revision other than {@code not}. */
    private String attempted(URI status, String not, JavaProcess process) {
        return Waits.until("prod is Synced on a new revision", Duration.ofSeconds(60), () -> {
            if (process != null && !process.alive()) {
                throw new AssertionError("serve exited: " + process.output());
            }
            JsonNode prod = prod(http, status);
            String revision = prod.path("lastAttemptedRevision").asText("");
            boolean done = prod.path("syncStatus").asText().equals("Synced") && revision.startsWith("dir:") && !revision.equals(not);
            return done ? java.util.Optional.of(revision) : java.util.Optional.<String>empty();
        });
    }

    private static JsonNode prod(HttpClient http, URI uri) throws Exception {
        try {
            return ServeHarness.JSON.readTree(http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (java.io.IOException notYetListening) {
            return ServeHarness.JSON.createObjectNode();
        }
    }
}
