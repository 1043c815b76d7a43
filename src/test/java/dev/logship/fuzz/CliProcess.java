package dev.logship.fuzz;

import dev.logship.testkit.JavaProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs logship as its own JVM process, as a user would, and keeps its real stdout and stderr. */
record CliProcess(int exitCode, String stdout, String stderr) {

    static CliProcess run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(JavaProcess.mainCommand("256m")); // C1 only, as bin/logship runs the CLI
        command.addAll(List.of(args));
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .directory(new File(".")).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("logship " + args[0] + " did not finish in 60 s");
        }
        return new CliProcess(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
