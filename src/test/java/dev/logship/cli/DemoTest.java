package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.EcsClients;
import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The README's demo, followed as a newcomer would: clone the printed repository with the git
 * CLI, change a route, commit and {@code git push}; the repository's real post-receive hook
 * (curl + openssl) sends the signed webhook, and local-ecs gets the new task definition.
 */
class DemoTest {
    @TempDir Path tmp;

    @Test
    void aGitPushToTheDemoRepositoryReachesLocalEcsThroughItsHook() throws Exception {
        try (Demo demo = Demo.start(ServeHarness.EXAMPLES, tmp.resolve("data"), 0, 3);
             EcsClient sdk = EcsClients.of(demo.ecs().endpoint())) {
            String instructions = demo.instructions();
            assertThat(instructions).contains(demo.pageUrl()).contains("git clone " + demo.repository()).contains("git push");
            Waits.until("the examples are applied", Duration.ofSeconds(30), () -> route(sdk).contains("12345"));
            // The POST endpoints are closed without a token: the demo prints its own, with a curl line that works.
            String curl = instructions.lines().filter(l -> l.strip().startsWith("curl -XPOST")).findFirst().orElseThrow();
            String token = curl.substring(curl.indexOf("Bearer ") + 7, curl.indexOf('\'', curl.indexOf("Bearer ")));
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.URI sync = java.net.URI.create(demo.pageUrl() + "api/v1/sync");
            assertThat(http.send(java.net.http.HttpRequest.newBuilder(sync).POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
            assertThat(http.send(java.net.http.HttpRequest.newBuilder(sync).header("Authorization", "Bearer " + token)
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(202);
            // The printed history command, and history --data-dir with the demo's own --data-dir, both find its state.
            String history = instructions.lines().map(String::strip).filter(l -> l.startsWith("bin/logship history")).findFirst().orElseThrow();
            Waits.until("the rollout state is saved", Duration.ofSeconds(30),
                    () -> CliRun.of(history.substring("bin/logship ".length()).split(" ")).exitCode() == 0);
            assertThat(CliRun.of("history", "--data-dir", tmp.resolve("data").toString(), "--cluster", "prod").exitCode()).isZero();

            Path clone = tmp.resolve("logship-demo");
            git(tmp, "clone", demo.repository().toString(), clone.toString());
            Path manifest = clone.resolve("prod/fluent-bit.yaml");
            Files.writeString(manifest, Files.readString(manifest).replace("12345", "23456"));
            git(clone, "-c", "user.name=demo", "-c", "user.email=demo@example.com", "commit", "-qam", "new route");
            long start = System.nanoTime();
            String pushOutput = git(clone, "push");
            assertThat(pushOutput).contains("logship: webhook sent for refs/heads/main");
            Waits.until("local-ecs runs the new route", Duration.ofSeconds(20), () -> route(sdk).contains("23456"));
            System.out.println("demo: git push -> new task definition in local-ecs: "
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
            assertThat(Files.readString(demo.repository().resolve("hooks/post-receive")))
                    .doesNotContain(Files.readString(tmp.resolve("data/webhook-secret")));
        }
    }

    /** The commands and environment of the task definition the prod service runs. */
    private static String route(EcsClient sdk) {
        var services = sdk.describeServices(r -> r.cluster("prod-ecs").services("papertrail")).services();
        if (services.isEmpty()) {
            return "";
        }
        // The SDK's toString redacts environment values, where Fluent Bit's route host and port are: list them.
        return sdk.describeTaskDefinition(r -> r.taskDefinition(services.get(0).taskDefinition()))
                .taskDefinition().containerDefinitions().stream()
                .map(c -> c.command() + " " + c.environment().stream().map(e -> e.name() + "=" + e.value()).toList())
                .toList().toString();
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("git %s: %s", String.join(" ", args), output).isZero();
        return output;
    }
}
