package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/logship against the packaged jar (runs in the verify phase, after package): the first run
 * creates the class-data archive, the second reuses it unchanged, and both print exactly what
 * {@code java -jar target/logship.jar} prints.
 */
class LauncherTest {
    private static final Path JAR = Path.of("target/logship.jar");

    @TempDir Path cache;

    @Test
    void createsTheArchiveOnTheFirstRunReusesItOnTheSecondAndPrintsWhatJavaJarPrints() throws Exception {
        assertThat(JAR).as("run after mvn package").isRegularFile();
        Run plain = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "validate", "examples/desired-state"));
        assertThat(plain.exit).isZero();

        Run first = run(List.of("bin/logship", "validate", "examples/desired-state"));
        List<Path> archives = archives();
        assertThat(archives).as("archives after the first run").hasSize(1);
        FileTime created = Files.getLastModifiedTime(archives.get(0));
        assertThat(Files.size(archives.get(0))).isGreaterThan(100_000);

        Run second = run(List.of("bin/logship", "validate", "examples/desired-state"));
        assertThat(archives()).as("the same archive, reused").isEqualTo(archives);
        assertThat(Files.getLastModifiedTime(archives.get(0))).isEqualTo(created);

        for (Run launched : List.of(first, second)) {
            assertThat(launched.exit).isEqualTo(plain.exit);
            assertThat(withoutRevision(launched.stdout)).isEqualTo(withoutRevision(plain.stdout));
            assertThat(launched.stderr).isEqualTo(plain.stderr);
        }
        Run verify = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:on",
                "-XX:SharedArchiveFile=" + archives.get(0), "-jar", JAR.toAbsolutePath().toString(), "--version"));
        assertThat(verify.exit).as("the archive maps with -Xshare:on: %s", verify.stderr).isZero();
    }

    /** A plain directory's revision id is derived per read; the rest of the output is compared as is. */
    private static String withoutRevision(String out) {
        return out.replaceAll("\\(dir:[0-9a-f]+\\)", "(dir:...)");
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.toString().endsWith(".jsa")).toList();
        }
    }

    private record Run(int exit, String stdout, String stderr) {}

    private Run run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
        builder.environment().put("LOGSHIP_CDS_DIR", cache.toString());
        Path out = cache.resolve("out.txt");
        Path err = cache.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
