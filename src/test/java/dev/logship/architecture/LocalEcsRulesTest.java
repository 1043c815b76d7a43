package dev.logship.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * local-ecs is a product of its own with one room per ECS area (http, accounts, faults, resources,
 * taskdefs, clusters, services, daemons) under a root that only wires them and serves
 * ({@code LocalEcsServer}, {@code LocalEcsConfig}). Main code reaches it only from {@code cli} and
 * only through that root (tests may use any of it); the areas never import the root (that arrow
 * would point upward, from a room to the wiring) and form no cycle among themselves.
 */
class LocalEcsRulesTest {
    private static final Path MAIN = Path.of("src/main/java/dev/logship");
    private static final Pattern USE = Pattern.compile("\\bdev\\.logship\\.localecs\\.(?:([a-z]\\w*)\\.)?([A-Z]\\w*)?");

    /** file (relative to dev/logship) -> localecs uses, each "area.Type" or ".Type" for the root */
    private static final Map<String, Set<String>> uses = new TreeMap<>();

    @BeforeAll
    static void readUses() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file).replaceAll("(?m)^package .*$", "");
                Set<String> found = new TreeSet<>();
                Matcher m = USE.matcher(text);
                while (m.find()) {
                    found.add((m.group(1) == null ? "" : m.group(1)) + "." + (m.group(2) == null ? "*" : m.group(2)));
                }
                uses.put(MAIN.relativize(file).toString(), found);
            }
        }
    }

    private static String areaOf(String file) {
        String[] parts = file.split("/");
        return parts.length > 2 ? parts[1] : "";
    }

    @Test
    void mainCodeReachesLocalEcsOnlyFromTheCliAndOnlyThroughItsRoot() {
        List<String> bad = new ArrayList<>();
        uses.forEach((file, found) -> {
            if (!file.startsWith("localecs/")) {
                found.stream().filter(u -> !file.startsWith("cli/") || !u.startsWith("."))
                        .forEach(u -> bad.add(file + " uses dev.logship.localecs" + (u.startsWith(".") ? "" : ".") + u));
            }
        });
        assertThat(bad).isEmpty();
    }

    @Test
    void areasNeverImportTheRoot() {
        List<String> bad = new ArrayList<>();
        uses.forEach((file, found) -> {
            if (file.startsWith("localecs/") && !areaOf(file).isEmpty()) {
                found.stream().filter(u -> u.startsWith(".")).forEach(u -> bad.add(file + " uses the root's " + u.substring(1)));
            }
        });
        assertThat(bad).isEmpty();
    }

    @Test
    void areasFormNoCycle() {
        Map<String, Set<String>> graph = new TreeMap<>();
        uses.forEach((file, found) -> {
            if (file.startsWith("localecs/") && !areaOf(file).isEmpty()) {
                String area = areaOf(file);
                Set<String> targets = graph.computeIfAbsent(area, a -> new TreeSet<>());
                found.stream().map(u -> u.substring(0, u.indexOf('.'))).filter(t -> !t.isEmpty() && !t.equals(area))
                        .forEach(targets::add);
            }
        });
        assertThat(graph).as("local-ecs areas").containsKeys("http", "clusters", "taskdefs", "services", "daemons", "faults", "accounts");
        List<String> cycles = new ArrayList<>();
        graph.keySet().forEach(start -> walk(graph, start, start, new TreeSet<>(), new ArrayList<>(List.of(start)), cycles));
        assertThat(cycles).isEmpty();
        System.out.println("local-ecs areas and what each imports: " + graph);
    }

    private static void walk(Map<String, Set<String>> graph, String start, String at, Set<String> seen, List<String> path,
                             List<String> cycles) {
        for (String next : graph.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (seen.add(next)) {
                path.add(next);
                walk(graph, start, next, seen, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
