package dev.logship.cli;

import dev.logship.rollout.WavePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code plan}'s waves: as text after the changes, and as plain data for {@code --output json}. */
final class WavesText {
    private WavesText() {}

    static String render(String commit, List<WavePlan> plans) {
        StringBuilder out = new StringBuilder("\nWaves: serve rolls " + commit.substring(0, Math.min(12, commit.length()))
                + " out in this order (* = would change; the others pass without a call):\n");
        for (WavePlan p : plans) {
            out.append("  policy ").append(p.policy()).append(": bakeTime ").append(human(p.bakeTime()))
                    .append(p.deliveryWindow() == null ? "" : ", requireDelivery (deliveryWindow " + human(p.deliveryWindow()) + ")")
                    .append(", onFailure ").append(p.onFailure().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
            for (WavePlan.WaveClusters w : p.waves()) {
                out.append("    wave ").append(w.number()).append(' ').append(w.name()).append(" (maxConcurrent ")
                        .append(w.maxConcurrent()).append("): ").append(w.changing()).append(" of ").append(w.clusters().size())
                        .append(w.clusters().size() == 1 ? " cluster" : " clusters").append(" would change: ")
                        .append(w.clusters().stream().map(m -> m.cluster() + (m.changes() ? "*" : "")).collect(Collectors.joining(", ")))
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** The waves as maps: wave numbers from 1, bake time in seconds. */
    static List<Map<String, Object>> data(List<WavePlan> plans) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (WavePlan p : plans) {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("policy", p.policy());
            policy.put("bakeTimeSeconds", p.bakeTime().toSeconds());
            policy.put("requireDelivery", p.deliveryWindow() != null);
            policy.put("deliveryWindowSeconds", p.deliveryWindow() == null ? null : p.deliveryWindow().toSeconds());
            policy.put("onFailure", p.onFailure().name().toLowerCase(java.util.Locale.ROOT));
            List<Map<String, Object>> waves = new ArrayList<>();
            for (WavePlan.WaveClusters w : p.waves()) {
                Map<String, Object> wave = new LinkedHashMap<>();
                wave.put("wave", w.number());
                wave.put("name", w.name());
                wave.put("maxConcurrent", w.maxConcurrent());
                wave.put("clusters", w.clusters().stream().map(m -> Map.of("cluster", m.cluster(), "changes", m.changes())).toList());
                waves.add(wave);
            }
            policy.put("waves", waves);
            out.add(policy);
        }
        return out;
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s == 0 ? "0s" : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
