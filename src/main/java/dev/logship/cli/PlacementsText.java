package dev.logship.cli;

import dev.logship.model.DesiredState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code plan}'s answer to "where does each forwarder land, and why": text grouped by reason, and plain data for JSON. */
final class PlacementsText {
    /** Names shown per reason before "and N more": a selector over a fleet may match thousands. */
    private static final int SHOWN = 20;

    private PlacementsText() {}

    static String render(DesiredState state) {
        StringBuilder out = new StringBuilder("\nPlacement:\n");
        state.placements().forEach((forwarder, reasons) -> {
            out.append("  ").append(forwarder).append(": ").append(reasons.size()).append(" cluster(s)\n");
            byReason(reasons).forEach((reason, clusters) -> out.append("    ").append(listed(clusters)).append(": ")
                    .append(reason).append('\n'));
        });
        return out.toString();
    }

    /** Forwarder to a list of {cluster, why}. */
    static Map<String, Object> data(DesiredState state) {
        Map<String, Object> out = new LinkedHashMap<>();
        state.placements().forEach((forwarder, reasons) -> out.put(forwarder, reasons.entrySet().stream()
                .map(e -> Map.of("cluster", e.getKey(), "why", e.getValue())).toList()));
        return out;
    }

    private static Map<String, List<String>> byReason(Map<String, String> reasons) {
        Map<String, List<String>> out = new TreeMap<>();
        reasons.forEach((cluster, reason) -> out.computeIfAbsent(reason, r -> new ArrayList<>()).add(cluster));
        return out;
    }

    /** "a, b, c", or the first names "and N more". */
    static String listed(List<String> clusters) {
        String shown = String.join(", ", clusters.subList(0, Math.min(SHOWN, clusters.size())));
        return clusters.size() > SHOWN ? shown + " and " + (clusters.size() - SHOWN) + " more" : shown;
    }
}
