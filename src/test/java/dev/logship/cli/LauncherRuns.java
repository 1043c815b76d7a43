package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Runs bin/logship (with its own archive cache) and plain {@code java -jar} for LauncherTest. */
final class LauncherRuns {
    static final Path JAR = Path.of("target/logship.jar");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path cache;
    private final Path scratch;
    private final Map<String, String> environment = new HashMap<>();

    record Run(int exit, String stdout, String stderr) {}

    LauncherRuns(Path cache, Path scratch) {
        assertThat(JAR).as("run after mvn package").isRegularFile();
        this.cache = cache;
        this.scratch = scratch;
        environment.put("LOGSHIP_CDS_DIR", cache.toString());
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    /** A JAVA_HOME whose java refuses -XX:ArchiveClassesAtExit (as a JVM without it would) and counts the tries. */
    void useJavaThatRefusesToArchive(Path calls) throws IOException {
        Path bin = Files.createDirectories(scratch.resolve("jdk/bin"));
        Path java = Files.writeString(bin.resolve("java"), """
                #!/usr/bin/env bash
                for a in "$@"; do
                  case "$a" in -XX:ArchiveClassesAtExit=*) echo tried >>'%s'; echo "Unrecognized VM option" >&2; exit 1 ;; esac
                done
                exec '%s' "$@"
                """.formatted(calls, JAVA));
        assertThat(java.toFile().setExecutable(true)).isTrue();
        environment.put("JAVA_HOME", bin.getParent().toString());
    }

    Run launcher(List<String> args) throws Exception {
        return finish(start(withCommand("bin/logship", args)));
    }

    Run javaJar(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("-jar", JAR.toString()));
        command.addAll(args);
        return java(command);
    }

    Run java(List<String> args) throws Exception {
        return finish(start(withCommand(JAVA, args)));
    }

    List<Run> launchersAtOnce(List<String> args, int count) throws Exception {
        List<Started> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(start(withCommand("bin/logship", args)));
        }
        List<Run> runs = new ArrayList<>();
        for (Started s : started) {
            runs.add(finish(s));
        }
        return runs;
    }

    List<Path> archives() throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.toString().endsWith(".jsa")).toList();
        }
    }

    /** A plain directory's revision id is derived per read; the rest of the output is compared as is. */
    static String withoutRevision(String out) {
        return out.replaceAll("\\(dir:[0-9a-f]+\\)", "(dir:...)");
    }

    private static List<String> withCommand(String program, List<String> args) {
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(args);
        return command;
    }

    private record Started(Process process, Path out, Path err) {}

    private Started start(List<String> command) throws IOException {
        int n = RUNS.incrementAndGet();
        Path out = scratch.resolve("out-" + n + ".txt");
        Path err = scratch.resolve("err-" + n + ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        return new Started(builder.start(), out, err);
    }

    private static Run finish(Started s) throws Exception {
        assertThat(s.process().waitFor(180, TimeUnit.SECONDS)).as("finished within 3 minutes").isTrue();
        return new Run(s.process().exitValue(), Files.readString(s.out(), StandardCharsets.UTF_8),
                Files.readString(s.err(), StandardCharsets.UTF_8));
    }
}
