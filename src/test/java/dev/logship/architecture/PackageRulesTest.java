package dev.logship.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
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
 * Keeps the house livable (see ARCHITECTURE.md): arrows point inward, third-party libraries
 * stay in their adapter package, and packages form no cycle. Reads the import lines of the
 * main sources, so a violation fails here with the offending file named.
 */
class PackageRulesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/logship");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern SAME_PACKAGE_USE = Pattern.compile("\\bdev\\.logship\\.(\\w+)\\.");

    /** package -> (file -> imports) */
    private static final Map<String, Map<String, Set<String>>> imports = new TreeMap<>();

    @BeforeAll
    static void readImports() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file).getName(0).toString();
                String text = Files.readString(file);
                Set<String> found = new TreeSet<>();
                Matcher m = IMPORT.matcher(text);
                while (m.find()) {
                    found.add(m.group(1));
                }
                Matcher used = SAME_PACKAGE_USE.matcher(text.replaceAll("(?m)^(package|import) .*$", ""));
                while (used.find()) {
                    found.add("dev.logship." + used.group(1) + ".");
                }
                // keyed by the path inside the package: sub-packages may hold files of the same name
                imports.computeIfAbsent(pkg, k -> new TreeMap<>()).put(SOURCES.resolve(pkg).relativize(file).toString(), found);
            }
        }
    }

    private static List<String> violations(String pkg, Pattern allowed) {
        List<String> bad = new ArrayList<>();
        imports.getOrDefault(pkg, Map.of()).forEach((file, found) -> found.stream()
                .filter(i -> !allowed.matcher(i).lookingAt())
                .forEach(i -> bad.add(pkg + "/" + file + " imports " + i)));
        return bad;
    }

    private static List<String> usesOutside(String prefix, Set<String> allowedPackages) {
        List<String> bad = new ArrayList<>();
        imports.forEach((pkg, files) -> {
            if (!allowedPackages.contains(pkg)) {
                files.forEach((file, found) -> found.stream()
                        .filter(i -> i.startsWith(prefix))
                        .forEach(i -> bad.add(pkg + "/" + file + " imports " + i)));
            }
        });
        return bad;
    }

    @Test
    void modelImportsOnlyTheJdk() {
        assertThat(violations("model", Pattern.compile("java\\.|dev\\.logship\\.model\\."))).isEmpty();
    }

    @Test
    void pureCorePackagesImportNoThirdPartyTypes() {
        assertThat(violations("diff", Pattern.compile("java\\.|dev\\.logship\\.(model|diff)\\."))).isEmpty();
        assertThat(violations("render", Pattern.compile("java\\.|dev\\.logship\\.(model|manifest|render)\\."))).isEmpty();
        // manifest checks cron syntax through the cron adapter (a JDK-typed facade over cron-utils).
        assertThat(violations("manifest", Pattern.compile("java\\.|org\\.yaml\\.snakeyaml\\.|dev\\.logship\\.(model|manifest|cron)\\."))).isEmpty();
        // The rollout planner is a pure function: the JDK and the model only (cron reaches it through an interface).
        assertThat(violations("rollout", Pattern.compile("java\\.|dev\\.logship\\.(model|rollout)\\."))).isEmpty();
        // Delivery is a pure model: samples in, states out; the ingest and a Prometheus reader are adapters around it.
        assertThat(violations("delivery", Pattern.compile("java\\.|dev\\.logship\\.delivery\\."))).isEmpty();
    }

    @Test
    void eachThirdPartyLibraryStaysInItsAdapter() {
        assertThat(usesOutside("org.yaml.snakeyaml", Set.of("manifest"))).isEmpty();
        assertThat(usesOutside("org.eclipse.jgit", Set.of("git"))).isEmpty();
        assertThat(usesOutside("software.amazon.awssdk", Set.of("aws"))).isEmpty();
        assertThat(usesOutside("io.javalin", Set.of("web", "localecs"))).isEmpty();
        assertThat(usesOutside("com.cronutils", Set.of("cron"))).isEmpty();
        assertThat(usesOutside("dev.failsafe", Set.of("notify"))).isEmpty();
        // The telemetry ingest decodes OTLP in the web adapter; the delivery model sees plain samples.
        assertThat(usesOutside("io.opentelemetry", Set.of("web"))).isEmpty();
        assertThat(usesOutside("com.google.protobuf", Set.of("web"))).isEmpty();
        // The logging backend and its JSON encoder: everything else logs through SLF4J only.
        assertThat(usesOutside("ch.qos.logback", Set.of("logging"))).isEmpty();
        assertThat(usesOutside("net.logstash", Set.of("logging"))).isEmpty();
    }

    /** logging is a leaf every package may use (its MDC fields): it knows nothing of logship itself. */
    @Test
    void loggingKnowsNothingOfLogship() {
        assertThat(violations("logging", Pattern.compile("(?!dev\\.logship\\.)|dev\\.logship\\.logging\\."))).isEmpty();
    }

    /** Notifier delivery hears reconcile's events and reports to a listener it owns (web counts in Micrometer). */
    @Test
    void notifyUsesOnlyTheModelReconcileEventsAndItsHttpAndRetryLibraries() {
        assertThat(violations("notify", Pattern.compile(
                "java\\.|dev\\.failsafe\\.|com\\.fasterxml\\.jackson\\.|org\\.slf4j\\.|dev\\.logship\\.(model|reconcile|notify)\\."))).isEmpty();
    }

    @Test
    void localEcsKnowsNothingOfLogship() {
        assertThat(violations("localecs", Pattern.compile("(?!dev\\.logship\\.)|dev\\.logship\\.localecs\\."))).isEmpty();
    }

    /** local-ecs is a product of its own: only the CLI starts it ({@link LocalEcsRulesTest} holds its rooms' rules). */
    @Test
    void onlyTheCliUsesLocalEcs() {
        assertThat(usesOutside("dev.logship.localecs", Set.of("localecs", "cli"))).isEmpty();
    }

    @Test
    void packagesFormNoCycle() {
        Map<String, Set<String>> graph = new TreeMap<>();
        imports.forEach((pkg, files) -> {
            Set<String> targets = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
            files.values().forEach(found -> found.stream()
                    .filter(i -> i.startsWith("dev.logship."))
                    .map(i -> i.substring("dev.logship.".length()).split("\\.")[0])
                    .filter(target -> !target.equals(pkg))
                    .forEach(targets::add));
        });
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            findCycle(graph, start, start, new HashSet<>(), new ArrayList<>(List.of(start)), cycles);
        }
        assertThat(cycles).isEmpty();
    }

    private static void findCycle(Map<String, Set<String>> graph, String start, String at,
                                  Set<String> seen, List<String> path, List<String> cycles) {
        for (String next : graph.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (seen.add(next)) {
                path.add(next);
                findCycle(graph, start, next, seen, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
