package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.manifest.DirectoryReader;
import dev.logship.render.DesiredStates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/logship against the packaged jar (runs in the verify phase, after package): whatever runs
 * first, the class-data archive is trained on the fixed workload (CdsTraining), so plan's classes
 * come from it even after a first {@code --version}; it is made once, also when two runs start at
 * once; without a usable cache or JVM support the launcher runs silently without one; and every run
 * prints exactly what {@code java -jar target/logship.jar} prints.
 */
class LauncherTest {
    private static final List<String> VALIDATE = List.of("validate", "examples/desired-state");
    private static final Pattern LOADED = Pattern.compile("\\] ((?:dev\\.logship|software\\.amazon)\\S*) source: (.*)");

    @TempDir Path tmp;

    @Test
    void twoFirstVersionRunsAtOnceMakeOneArchiveThatHoldsPlansClassesAndIsReusedUnchanged() throws Exception {
        LauncherRuns runs = new LauncherRuns(tmp.resolve("cache"), tmp);
        String version = runs.javaJar(List.of("--version")).stdout();
        for (LauncherRuns.Run first : runs.launchersAtOnce(List.of("--version"), 2)) {
            assertThat(first.exit()).isZero();
            assertThat(first.stdout()).isEqualTo(version);
            assertThat(first.stderr()).isEmpty();
        }
        List<Path> archives = runs.archives();
        assertThat(archives).as("one archive after two first runs at once").hasSize(1);
        try (var left = Files.list(tmp.resolve("cache"))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no lock or partial file left")
                    .allMatch(n -> n.endsWith(".jsa"));
        }
        FileTime created = Files.getLastModifiedTime(archives.get(0));

        LauncherRuns.Run plain = runs.javaJar(VALIDATE);
        LauncherRuns.Run launched = runs.launcher(VALIDATE);
        assertThat(launched.exit()).isEqualTo(plain.exit()).isZero();
        assertThat(LauncherRuns.withoutRevision(launched.stdout())).isEqualTo(LauncherRuns.withoutRevision(plain.stdout()));
        assertThat(launched.stderr()).isEqualTo(plain.stderr());
        assertThat(runs.archives()).as("the same archive, reused").isEqualTo(archives);
        assertThat(Files.getLastModifiedTime(archives.get(0))).isEqualTo(created);
        assertThat(archivedShareOfPlansClasses(runs, archives.get(0))).isGreaterThanOrEqualTo(0.95);
    }

    /** Which part of the logship and AWS SDK classes a plan loads come from the archive (-Xshare:on: it must map). */
    private double archivedShareOfPlansClasses(LauncherRuns runs, Path archive) throws Exception {
        try (LocalEcsServer ecs = LocalEcsServer.start(ExampleClusters.configure(LocalEcsConfig.builder().port(0),
                DesiredStates.read(DirectoryReader.read(Path.of("examples/desired-state"))).state(), 2).build())) {
            Path log = tmp.resolve("classes.log");
            LauncherRuns.Run plan = runs.java(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive,
                    "-Xlog:class+load=info:file=" + log, "-jar", LauncherRuns.JAR.toAbsolutePath().toString(),
                    "plan", "--repo", "examples/desired-state", "--ecs-endpoint", ecs.endpoint().toString()));
            assertThat(plan.exit()).as("plan maps the archive with -Xshare:on: %s", plan.stderr()).isEqualTo(2);
            long ours = 0;
            long archived = 0;
            for (String line : Files.readAllLines(log)) {
                Matcher m = LOADED.matcher(line);
                if (m.find()) {
                    ours++;
                    archived += m.group(2).startsWith("shared objects file") ? 1 : 0;
                }
            }
            assertThat(ours).as("logship and AWS SDK classes plan loads").isGreaterThan(500);
            return (double) archived / ours;
        }
    }

    @Test
    void aCacheThatCannotBeWrittenRunsSilentlyWithoutAnArchive() throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
        LauncherRuns runs = new LauncherRuns(notADirectory.resolve("cds"), tmp);
        LauncherRuns.Run plain = runs.javaJar(VALIDATE);
        LauncherRuns.Run launched = runs.launcher(VALIDATE);
        assertThat(launched.exit()).isZero();
        assertThat(LauncherRuns.withoutRevision(launched.stdout())).isEqualTo(LauncherRuns.withoutRevision(plain.stdout()));
        assertThat(launched.stderr()).isEqualTo(plain.stderr());
    }

    @Test
    void aJvmThatMakesNoArchiveIsAskedOnceAndTheLauncherStillRunsSilently() throws Exception {
        LauncherRuns runs = new LauncherRuns(tmp.resolve("cache"), tmp);
        Path calls = tmp.resolve("training-calls.txt");
        runs.useJavaThatRefusesToArchive(calls);
        LauncherRuns.Run plain = runs.javaJar(VALIDATE);
        for (int i = 0; i < 2; i++) {
            LauncherRuns.Run launched = runs.launcher(VALIDATE);
            assertThat(launched.exit()).isZero();
            assertThat(LauncherRuns.withoutRevision(launched.stdout())).isEqualTo(LauncherRuns.withoutRevision(plain.stdout()));
            assertThat(launched.stderr()).isEqualTo(plain.stderr());
        }
        assertThat(runs.archives()).isEmpty();
        assertThat(Files.readAllLines(calls)).as("the training was tried once, not on every run").hasSize(1);
    }
}
