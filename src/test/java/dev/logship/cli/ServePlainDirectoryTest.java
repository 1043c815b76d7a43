package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve on a plain directory (no Git): the poll timer re-reads it and applies what changed. */
class ServePlainDirectoryTest {
    @TempDir Path tmp;

    @Test
    void thePollTimerPicksUpAnEditedDirectory() throws Exception {
        Path manifests = tmp.resolve("manifests");
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
        ControllerSettings settings = ControllerSettings.defaults().withIntervals(Duration.ofMillis(300), Duration.ofMinutes(10));
        try (LocalEcsServer ecs = LocalEcsServer.start(ecsConfig.build());
             Operator operator = Operator.start(new ServeConfig(manifests.toString(), null, null, ecs.endpoint().toString(),
                     "127.0.0.1", 0, null, null, true, null, null, settings))) {
            HttpClient http = HttpClient.newHttpClient();
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

    private static JsonNode prod(HttpClient http, URI uri) throws Exception {
        return ServeHarness.JSON.readTree(http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
