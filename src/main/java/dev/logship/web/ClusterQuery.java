package dev.logship.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code GET /api/v1/clusters?page=1&size=50&filter=env%3Dprod+team-3&state=failing&sort=rank}: one
 * page of the fleet, filtered and ordered on the server so a tab never downloads 10,000 rows.
 * {@code filter}: words that all match; {@code key=value} matches a label exactly, any other word
 * part of the name, ECS name, region or a label. {@code state}: all, failing, Stalled, Error, a
 * sync status, a health, a rollout state (Waiting, InFlight, Baking, ...) or a delivery state
 * (Delivering, DeliveryFailing, Silent; Unknown stays the sync and health one). {@code sort}: rank
 * (worst first, the default) or name.
 */
record ClusterQuery(int page, int size, String filter, String state, String sort) {
    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    static ClusterQuery of(String page, String size, String filter, String state, String sort) {
        return new ClusterQuery(Math.max(1, number(page, 1)), Math.min(MAX_SIZE, Math.max(1, number(size, DEFAULT_SIZE))),
                filter == null ? "" : filter.strip(), state == null || state.isBlank() ? "all" : state.strip(),
                "name".equals(sort) ? "name" : "rank");
    }

    Map<String, Object> answer(FleetView view) {
        Predicate<FleetView.Row> wanted = matchesState().and(matchesFilter());
        List<FleetView.Row> matched = new ArrayList<>();
        for (FleetView.Row row : view.worstFirst) {
            if (wanted.test(row)) {
                matched.add(row);
            }
        }
        if (sort.equals("name")) {
            matched.sort(Comparator.comparing(FleetView.Row::name));
        }
        int pages = Math.max(1, (matched.size() + size - 1) / size);
        int shownPage = Math.min(page, pages);
        List<Map<String, Object>> rows = matched.subList(Math.min(matched.size(), (shownPage - 1) * size),
                Math.min(matched.size(), shownPage * size)).stream().map(ClusterColumns::json).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", view.version);
        out.put("total", view.worstFirst.size());
        out.put("matched", matched.size());
        out.put("page", shownPage);
        out.put("pages", pages);
        out.put("size", size);
        out.put("clusters", rows);
        return out;
    }

    private Predicate<FleetView.Row> matchesState() {
        return row -> {
            var s = row.status();
            boolean held = row.place() != null && row.place().state().held();
            return switch (state) {
                case "all" -> true;
                case "failing" -> row.standing().failing();
                case "Stalled" -> s.stalled();
                case "Error" -> s.lastError() != null;
                case "Synced", "OutOfSync" -> !held && s.syncStatus().name().equals(state);
                case "Delivering", "DeliveryFailing", "Silent" -> state.equals(row.delivery().get("state"));
                default -> row.place() != null && row.place().state().name().equals(state)
                        || (!held || !"Missing".equals(s.health())) && (s.health().equals(state)
                        || state.equals("Unknown") && s.syncStatus().name().equals(state));
            };
        };
    }

    private Predicate<FleetView.Row> matchesFilter() {
        List<String> words = List.of(filter.toLowerCase(Locale.ROOT).split("\\s+")).stream().filter(w -> !w.isEmpty()).toList();
        return row -> {
            var s = row.status();
            List<String> labels = s.labels().entrySet().stream().map(e -> (e.getKey() + "=" + e.getValue()).toLowerCase(Locale.ROOT)).toList();
            return words.stream().allMatch(word -> word.contains("=") ? labels.contains(word)
                    : contains(s.name(), word) || contains(s.clusterName(), word) || contains(s.region(), word)
                    || labels.stream().anyMatch(l -> l.contains(word)));
        };
    }

    private static boolean contains(String value, String word) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(word);
    }

    private static int number(String value, int otherwise) {
        try {
            return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
