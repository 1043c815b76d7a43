package dev.logship.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** render imports no third-party types; SnakeYAML stays inside manifest (ARCHITECTURE.md). */
class PackageRulesTest {

    private static List<String> imports(String pkg) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/logship", pkg))) {
            return files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream().filter(l -> l.startsWith("import "))
                            .map(l -> p.getFileName() + ": " + l);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void renderUsesOnlyTheJdkModelAndManifest() throws IOException {
        assertThat(imports("render")).allSatisfy(line -> assertThat(line)
                .matches(".*import (static )?(java\\.|dev\\.logship\\.model\\.|dev\\.logship\\.manifest\\.).*"));
    }

    @Test
    void manifestUsesOnlyTheJdkModelAndSnakeYaml() throws IOException {
        assertThat(imports("manifest")).allSatisfy(line -> assertThat(line)
                .matches(".*import (static )?(java\\.|dev\\.logship\\.model\\.|org\\.yaml\\.snakeyaml\\.).*"));
    }
}
