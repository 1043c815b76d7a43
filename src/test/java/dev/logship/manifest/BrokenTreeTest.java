package dev.logship.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The broken fixture tree holds every kind of problem the issue lists; the expected file pins
 * each one's exact file:line:column, field and message, all reported in one run.
 */
class BrokenTreeTest {
    private static final Path BROKEN = Path.of("src/test/resources/manifests/broken");

    private static List<String> problems() {
        return Manifests.parse(DirectoryReader.read(BROKEN)).problems().stream().map(Problem::toString).toList();
    }

    @Test
    void reportsEveryProblemInTheTreeExactlyAsExpected() throws IOException {
        List<String> expected = Files.readAllLines(BROKEN.resolveSibling("broken.expected"), StandardCharsets.UTF_8);
        assertThat(problems()).containsExactlyElementsOf(expected);
    }

    @Test
    void namesTheClosestKnownFieldForAnUnknownOne() {
        assertThat(problems()).contains(
                "clusters/clusters.yaml:22:3: spec.rgion: unknown field; did you mean region?",
                "forwarders/routes.yaml:31:3: spec.rotes: unknown field; did you mean routes?");
    }

    @Test
    void reportsCrossDocumentProblemsEvenWhenTheDocumentsHaveOtherProblems() {
        assertThat(problems()).contains(
                "clusters/clusters.yaml:13:3: metadata.name: duplicate Cluster name \"prod\" (first defined at clusters/clusters.yaml:5)",
                "forwarders/routes.yaml:7:14: spec.clusters[0]: no Cluster named \"prdo\"; did you mean prod?");
    }

    @Test
    void neverRepeatsRouteHostsOrPortsInMessages() {
        assertThat(problems()).noneMatch(p -> p.contains("logs.example.com") || p.contains("10.0.0.1"));
    }

    @Test
    void reportsAnEmptyTree() {
        assertThat(Manifests.parse(DirectoryReader.read(BROKEN.resolveSibling("empty"))).problems())
                .extracting(Problem::toString)
                .containsExactly(".:1:1: (tree): no manifests found: expected *.yaml or *.yml files with kind Cluster and LogForwarder");
    }
}
