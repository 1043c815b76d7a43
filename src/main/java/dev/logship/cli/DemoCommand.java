package dev.logship.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The whole GitOps loop on one machine, for a first look: local-ecs, a Git repo with a webhook hook, serve. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the whole loop on this machine: a local ECS, a Git repository and serve.",
                "The local ECS has the examples' clusters; the Git repository is seeded from the examples and its",
                "post-receive hook posts a signed webhook; serve follows it. Push a change to the repository and",
                "watch it reach ECS on the page."},
        footer = {"", "Example:",
                "  bin/logship demo",
                "  # then, in another terminal, follow the printed recipe:",
                "  # clone, change a route, git push"})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the status page (default: ${DEFAULT-VALUE}; a free one if taken; 0 picks one).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".logship/demo",
            description = "Where the demo repository and mirror live (default: ${DEFAULT-VALUE}; reused on the next run).")
    Path dataDir;

    @Option(names = "--examples", paramLabel = "DIR", defaultValue = "examples/desired-state",
            description = "Manifests the demo repository starts with (default: ${DEFAULT-VALUE}).")
    Path examples;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "ECS nodes per cluster (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--owner", paramLabel = "ID",
            description = "Owner id of the demo's installation (default: derived from its repository).")
    String owner;

    @picocli.CommandLine.Mixin
    LogFormatOption logFormat;

    @Option(names = "--verbose", description = "Also log every local-ECS call, Jetty's start-up and other debug detail.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean json = logFormat.apply() == dev.logship.logging.LogFormat.JSON;
        DemoLogging.configure(verbose);
        if (!Files.isDirectory(examples)) {
            throw new IllegalArgumentException("--examples " + examples + " is not a directory; run the demo from the"
                    + " root of the logship repository or point --examples at a directory of manifests");
        }
        Demo demo = Demo.start(examples, dataDir, port, nodes, owner);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
            System.out.flush();
            Runtime.getRuntime().halt(0); // Ctrl-C is how the demo ends: a clean stop, exit 0
        }, "logship-demo-shutdown"));
        if (json) { // a log platform reads the instructions as one line like the rest, not as loose text
            org.slf4j.LoggerFactory.getLogger(Demo.class).info("{}", demo.instructions());
        } else {
            spec.commandLine().getOut().println(demo.instructions());
            spec.commandLine().getOut().flush();
        }
        stopped.await();
        return 0;
    }
}
