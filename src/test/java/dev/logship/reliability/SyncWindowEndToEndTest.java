package dev.logship.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.ServeProcess;
import dev.logship.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deny window blocks a push and releases it when it ends, with {@code serve} as its own
 * process on a 60x rollout clock, local-ecs over HTTP, real pushes and signed webhooks. The push
 * adds a Berlin-time deny window that opened a minute ago on the planner's clock and lasts 30
 * minutes (30 s of real time) together with a new image: nothing of it may reach ECS while the
 * planner's clock is inside the window, and all of it must once the window has ended.
 */
class SyncWindowEndToEndTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final List<String> CLUSTERS = List.of("w01", "w02", "w03");
    private static final Fleet.Wave ALL = new Fleet.Wave("all", CLUSTERS, null);

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aDenyWindowBlocksAPushShowsTheNextAllowedTimeAndReleasesItWhenTheWindowEnds(@TempDir Path dir) {
        Fleet fleet = ReliabilityFleets.inWaves("0s", "halt", "gliderlabs/logspout:v3.2.14", ALL);
        LocalEcsConfig.Builder config = fleet.localEcs();
        try (LocalEcsServer ecs = LocalEcsServer.start(config.build()); ManifestRepo git = ManifestRepo.create(dir.resolve("manifests.git"), dir.resolve("work"))) {
            String seed = git.commit(fleet, "seed");
            try (ServeProcess serve = ServeProcess.start(dir, git.uri(), ecs.endpoint(), Secrets.environment(), "--poll-interval", "1h",
                    "--resync-interval", "1h", "--clock-scale", "60")) {
                Waits.until("the seed is Healthy everywhere", Duration.ofSeconds(120),
                        () -> RolloutWavesEndToEndTest.healthyOn(serve, CLUSTERS, seed));
                ecs.resetCallCounts();

                // A freeze that began a minute ago on the planner's clock, written as a team in Berlin would.
                Instant now = Instant.parse(RolloutWavesEndToEndTest.rollouts(serve).path("now").asText());
                ZonedDateTime opened = now.atZone(BERLIN).truncatedTo(ChronoUnit.MINUTES).minusMinutes(1);
                Instant ends = opened.plusMinutes(30).toInstant();
                String daily = opened.getMinute() + " " + opened.getHour() + " * * *";
                String frozen = git.commit(fleet.policy(fleet.policy().deny(daily, "30m", BERLIN.getId()))
                        .forwarder(fleet.forwarder("logs").image("gliderlabs/logspout:v3.2.15")), "freeze, and a new logspout");
                assertThat(serve.webhook(true)).isEqualTo(202);

                Waits.until("the rollout shows the window's end as the next allowed time", Duration.ofSeconds(25),
                        () -> ends.toString().equals(RolloutWavesEndToEndTest.rolloutOf(serve, frozen).path("windowBlockedUntil").asText()));
                assertThat(serve.events()).contains("WindowBlocked").contains("until " + ends);
                // While the planner's clock is inside the window no cluster gets a mutating call: the counts
                // are read before each look at the clock, so a call made before it would be seen.
                int looks = 0;
                while (true) {
                    Map<String, Map<String, Long>> calls = ecs.mutatingCallCountsByCluster();
                    JsonNode view = RolloutWavesEndToEndTest.rollouts(serve);
                    if (!Instant.parse(view.path("now").asText()).isBefore(ends)) {
                        break;
                    }
                    looks++;
                    assertThat(calls).as("mutating calls inside the deny window").isEmpty();
                    // from the same answer as the clock: a second read could come after the window ended (at 60x, 1 s is a minute)
                    assertThat(RolloutWavesEndToEndTest.rolloutIn(view, frozen).path("counts").path("pending").asInt()).isEqualTo(3);
                    Waits.pause(Duration.ofMillis(250)); // one look at the clock every 250 ms, until it passes the window's end
                }
                assertThat(looks).as("looks inside the window").isPositive();

                Waits.until("the push is applied once the window ended", Duration.ofSeconds(90),
                        () -> RolloutWavesEndToEndTest.healthyOn(serve, CLUSTERS, frozen));
                assertThat(ecs.mutatingCallCountsByCluster()).containsKeys("w01", "w02", "w03");
                JsonNode rollout = RolloutWavesEndToEndTest.rolloutOf(serve, frozen);
                assertThat(rollout.path("windowBlockedUntil").isNull()).isTrue();
                for (JsonNode c : rollout.path("clusters")) {
                    assertThat(Instant.parse(c.path("startedAt").asText())).isAfterOrEqualTo(ends);
                }
            }
        }
    }
}
