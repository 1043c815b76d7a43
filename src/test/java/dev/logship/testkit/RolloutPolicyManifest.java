package dev.logship.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * One RolloutPolicy manifest: waves that each select the clusters labelled {@code wave: <name>},
 * in order, a bake time, what a failure does, and deny windows. Immutable.
 */
public record RolloutPolicyManifest(String name, String bakeTime, String onFailure, List<Wave> waves, List<String> windows)
        implements Fleet.Manifest {
    /** A wave: its name (also the label value it selects) and its maxConcurrent (null: no limit). */
    public record Wave(String name, String maxConcurrent) {}

    public RolloutPolicyManifest {
        waves = List.copyOf(waves);
        windows = List.copyOf(windows);
    }

    public static RolloutPolicyManifest named(String name, String bakeTime, String onFailure) {
        return new RolloutPolicyManifest(name, bakeTime, onFailure, List.of(), List.of());
    }

    public RolloutPolicyManifest wave(String wave, String maxConcurrent) {
        List<Wave> more = new ArrayList<>(waves);
        more.add(new Wave(wave, maxConcurrent));
        return new RolloutPolicyManifest(name, bakeTime, onFailure, more, windows);
    }

    public RolloutPolicyManifest bakeTime(String duration) {
        return new RolloutPolicyManifest(name, duration, onFailure, waves, windows);
    }

    /** A deny window: opens at every start of the cron {@code schedule} in {@code zone}, for {@code duration}. */
    public RolloutPolicyManifest deny(String schedule, String duration, String zone) {
        List<String> more = new ArrayList<>(windows);
        more.add("    - {kind: deny, schedule: \"%s\", duration: %s, timeZone: %s}".formatted(schedule, duration, zone));
        return new RolloutPolicyManifest(name, bakeTime, onFailure, waves, more);
    }

    public String yaml() {
        StringBuilder y = new StringBuilder("""
                apiVersion: logship.dev/v1
                kind: RolloutPolicy
                metadata:
                  name: %s
                spec:
                  bakeTime: %s
                  onFailure: %s
                  waves:
                """.formatted(name, bakeTime, onFailure));
        for (Wave w : waves) {
            y.append("    - {name: %s, selector: {wave: %s}%s}\n".formatted(w.name(), w.name(),
                    w.maxConcurrent() == null ? "" : ", maxConcurrent: \"" + w.maxConcurrent() + "\""));
        }
        if (!windows.isEmpty()) {
            y.append("  windows:\n");
            windows.forEach(line -> y.append(line).append('\n'));
        }
        return y.toString();
    }
}
