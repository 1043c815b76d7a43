package dev.logship.cli;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Runs the bundled local ECS endpoint until SIGTERM or Ctrl-C. */
@Command(name = "local-ecs", mixinStandardHelpOptions = true,
        description = "Run an in-memory ECS endpoint (AWS JSON 1.1) for tests and demos; the AWS CLI, "
                + "boto3 and the AWS SDKs work against it with only the endpoint changed.",
        footer = {"", "Example:", "  logship local-ecs --port 4566 --cluster prod:3,prod/managed:2 \\",
                "      --state /tmp/local-ecs.json",
                "  export AWS_ENDPOINT_URL_ECS=http://127.0.0.1:4566",
                "  export AWS_DEFAULT_REGION=us-east-1",
                "  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local",
                "  aws ecs list-container-instances --cluster prod"})
final class LocalEcsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "4566", description = "TCP port (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--cluster", paramLabel = "NAME[/PROVIDER]:NODES", split = ",",
            description = "Create a cluster with this many ACTIVE container instances (repeatable, or comma-separated); "
                    + "NAME/PROVIDER:N makes a Managed Instances capacity provider in the cluster with N instances, "
                    + "for managed daemons.")
    List<String> clusters = new ArrayList<>();

    @Option(names = "--throttle", defaultValue = "off", paramLabel = "off|ecs",
            description = "Apply ECS's documented API rate limits (ecs) or none (off). Default: ${DEFAULT-VALUE}.")
    String throttle;

    @Option(names = "--time-scale", defaultValue = "1", paramLabel = "N",
            description = "Run rate-limit refills and task start-up N times faster than real time. Default: ${DEFAULT-VALUE}.")
    double timeScale;

    @Option(names = "--latency", defaultValue = "0", paramLabel = "MS", description = "Delay added to every call, in ms.")
    long latencyMillis;

    @Option(names = "--task-start-delay", defaultValue = "0", paramLabel = "MS",
            description = "How long a placed task stays PENDING before it is RUNNING, in ms. Default: ${DEFAULT-VALUE}.")
    long taskStartMillis;

    @Option(names = "--state", paramLabel = "FILE", description = "Save state here on every change and reload it on start.")
    Path state;

    @Option(names = "--region", defaultValue = "us-east-1",
            description = "Region in the ARNs of the --cluster clusters (calls use the region they are signed for). "
                    + "Default: ${DEFAULT-VALUE}.")
    String region;

    @Option(names = "--account-id", defaultValue = "000000000000", description = "Account id in ARNs. Default: ${DEFAULT-VALUE}.")
    String accountId;

    @Override
    public Integer call() throws InterruptedException {
        if (!throttle.equals("off") && !throttle.equals("ecs")) {
            throw new ParameterException(spec.commandLine(), "--throttle must be 'off' or 'ecs', got '" + throttle + "'");
        }
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().port(port).bindHost(bind).accountId(accountId)
                .throttle(throttle.equals("ecs")).timeScale(timeScale).latency(Duration.ofMillis(latencyMillis))
                .taskConvergence(Duration.ofMillis(taskStartMillis)).stateFile(state).region(region);
        for (String cluster : clusters) {
            String[] parts = cluster.split(":", 2);
            if (parts.length != 2 || !parts[0].matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)?") || !parts[1].matches("\\d+")) {
                throw new ParameterException(spec.commandLine(), "--cluster expects NAME:NODES (e.g. prod:3) or "
                        + "NAME/PROVIDER:INSTANCES (e.g. prod/managed:2), got '" + cluster + "'");
            }
            String[] name = parts[0].split("/", 2);
            if (name.length == 2) {
                config.managedInstances(name[0], name[1], Integer.parseInt(parts[1]));
            } else {
                config.cluster(parts[0], Integer.parseInt(parts[1]));
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        LocalEcsServer server;
        try {
            server = LocalEcsServer.start(config.build());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "local-ecs-shutdown"));
        spec.commandLine().getOut().println("local-ecs ready at " + server.endpoint()
                + " (admin API under " + server.endpoint() + "/_localecs/)");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
