package dev.logship.cli;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.manifest.DirectoryReader;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The fixed workload bin/logship trains its class-data archive on, once per jar, whatever the
 * user runs first: help, version, validate, render, plan, apply and plan again of the bundled
 * examples against a throwaway local-ecs on a free loopback port (so the archive holds the AWS
 * SDK, manifest reading, rendering and diffing that plan and apply load). Output is
 * thrown away; the exit status says whether the workload ran (the launcher keeps the archive
 * either way, since what matters is the classes loaded).
 *
 * <p>Run: {@code java -XX:ArchiveClassesAtExit=A.jsa -cp logship.jar dev.logship.cli.CdsTraining EXAMPLES_DIR}
 */
public final class CdsTraining {
    private CdsTraining() {}

    public static void main(String[] args) {
        System.setProperty("aws.disableEc2Metadata", "true"); // never probe an instance metadata address
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(sink);
        System.setErr(sink);
        System.exit(run(Path.of(args[0])));
    }

    static int run(Path examples) {
        ReadResult read = DesiredStates.read(DirectoryReader.read(examples));
        if (!read.ok()) {
            return 1;
        }
        LocalEcsConfig config = ExampleClusters.configure(LocalEcsConfig.builder().port(0).bindHost("127.0.0.1"),
                read.state(), 2).build();
        try (LocalEcsServer ecs = LocalEcsServer.start(config)) {
            String dir = examples.toString();
            String endpoint = ecs.endpoint().toString();
            int failures = 0;
            for (String[] command : new String[][] {
                    {"--help"}, {"--version"}, {"plan", "--help"}, {"validate", dir}, {"render", dir},
                    {"plan", "--repo", dir, "--ecs-endpoint", endpoint},
                    {"plan", "--repo", dir, "--ecs-endpoint", endpoint, "--output", "json"},
                    {"apply", "--repo", dir, "--ecs-endpoint", endpoint},
                    {"plan", "--repo", dir, "--ecs-endpoint", endpoint}}) {
                int status = Main.commandLine().execute(command);
                failures += status == 1 ? 1 : 0; // 0, 2 and 3 are verdicts; 1 is an error
            }
            return failures == 0 ? 0 : 1;
        }
    }
}
