package dev.logship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ForwarderManifest;
import dev.logship.testkit.RolloutPolicyManifest;
import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import java.time.Duration;
import java.util.List;

/**
 * The rollout the page tests look at: c01 alone in wave "canary", the given clusters in wave
 * "main", logspout on all of them, no bake time, rollback on failure (policy "rings"), and serve
 * through {@link ServeHarness}; after the seed's rollout a crash-looping image fails in the canary.
 */
final class CanaryThenMain {
    private CanaryThenMain() {}

    static Fleet fleet(String... main) {
        return Fleet.inWaves(RolloutPolicyManifest.named("rings", "0s", "rollback"),
                ForwarderManifest.named("logs", "syslog+tls://logs.example.com:12345").image(Fleet.LOGSPOUT),
                new Fleet.Wave("canary", List.of("c01"), null), new Fleet.Wave("main", List.of(main), null));
    }

    /** Waits until the seed's rollout is done; returns the seed commit. */
    static String seedRolledOut(ServeHarness h) {
        String seed = h.head();
        Waits.until("the seed's rollout done", Duration.ofSeconds(60), () -> rollout(h).path("state").asText().equals("DONE")
                && rollout(h).path("commit").asText().equals(seed));
        return seed;
    }

    /** Commits and pushes (to Git, not yet to serve) the forwarder on an image that never stays up; returns the commit. */
    static String crashLoopingImage(ServeHarness h, Fleet fleet) {
        return h.work.commit(fleet.forwarder(fleet.forwarder("logs").image(Fleet.CRASHLOOPING)), "crash-looping image");
    }

    private static JsonNode rollout(ServeHarness h) throws Exception {
        return ServeHarness.JSON.readTree(h.get("/api/v1/rollouts").body()).path("rollouts").path(0);
    }
}
