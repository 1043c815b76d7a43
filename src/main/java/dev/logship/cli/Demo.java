package dev.logship.cli;

import dev.logship.git.SeedRepository;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.manifest.DirectoryReader;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * The whole loop on one machine: local-ecs with the examples' clusters, a bare Git repository
 * seeded from the examples whose post-receive hook signs and posts a webhook, and serve
 * following it. Everything listens on 127.0.0.1 only.
 */
final class Demo implements AutoCloseable {
    static final String BRANCH = "main";

    private final LocalEcsServer ecs;
    private final Operator operator;
    private final Path repository;
    private final String apiToken;
    private final Path stateDir;

    private Demo(LocalEcsServer ecs, Operator operator, Path repository, String apiToken, Path stateDir) {
        this.ecs = ecs;
        this.operator = operator;
        this.repository = repository;
        this.apiToken = apiToken;
        this.stateDir = stateDir;
    }

    static Demo start(Path examples, Path dataDir, int port, int nodes) throws IOException {
        return start(examples, dataDir, port, nodes, null);
    }

    /** {@code owner}: the installation's owner id (null: derived from the demo repository). */
    static Demo start(Path examples, Path dataDir, int port, int nodes, String owner) throws IOException {
        ReadResult read = DesiredStates.read(DirectoryReader.read(examples));
        if (!read.ok()) {
            throw new IllegalArgumentException("the examples in " + examples + " have problems: "
                    + read.problems().stream().map(Object::toString).collect(Collectors.joining("; ")));
        }
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().port(0).taskConvergence(Duration.ofMillis(500));
        ExampleClusters.configure(config, read.state(), nodes);
        LocalEcsServer ecs = LocalEcsServer.start(config.build());
        try {
            Path repository = dataDir.resolve("manifests.git").toAbsolutePath();
            SeedRepository.createIfAbsent(repository, BRANCH, examples, "Seed from examples/desired-state");
            String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
            Path secretFile = dataDir.resolve("webhook-secret").toAbsolutePath();
            PostReceiveHook.writeSecret(secretFile, secret);
            ControllerSettings settings = ControllerSettings.defaults().withIntervals(Duration.ofSeconds(60), Duration.ofSeconds(30))
                    .withRecheck(Duration.ofMillis(500), ControllerSettings.defaults().clusterBackoff());
            // The POST endpoints are closed without a token: the demo makes one and prints it, for curl and the page's Resume.
            String apiToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            Path stateDir = dataDir.resolve("mirror").toAbsolutePath();
            ServeConfig serve = new ServeConfig(repository.toString(), BRANCH, null, ecs.endpoint().toString(), "127.0.0.1",
                    port, stateDir, secret, false, apiToken, null, settings, owner);
            Operator operator = startOnFreePortIfTaken(serve);
            PostReceiveHook.install(repository, "http://127.0.0.1:" + operator.port() + "/api/v1/webhooks/github", secretFile);
            return new Demo(ecs, operator, repository, apiToken, stateDir);
        } catch (RuntimeException | IOException e) {
            ecs.close();
            throw e;
        }
    }

    /** The demo should start even when 8080 is taken: it then picks a free port and says which. */
    private static Operator startOnFreePortIfTaken(ServeConfig serve) {
        try {
            return Operator.start(serve);
        } catch (IllegalStateException e) {
            if (serve.port() == 0) {
                throw e;
            }
            return Operator.start(serve.withPort(0));
        }
    }

    String pageUrl() {
        return "http://127.0.0.1:" + operator.port() + "/";
    }

    Path repository() {
        return repository;
    }

    LocalEcsServer ecs() {
        return ecs;
    }

    Operator operator() {
        return operator;
    }

    String instructions() {
        return String.join(System.lineSeparator(),
                "",
                "logship demo is running (local-ecs at " + ecs.endpoint() + ", clusters " + String.join(", ", ecs.nodeCounts().keySet()) + ").",
                "",
                "  Status page: " + pageUrl(),
                "  Demo repo:   " + repository,
                "  API token:   " + apiToken + "   (POST /api/v1/sync, /api/v1/rollouts/resume, /api/v1/rollouts/override-windows)",
                "",
                "  curl -XPOST -H 'Authorization: Bearer " + apiToken + "' " + pageUrl() + "api/v1/sync",
                "  bin/logship history --data-dir " + stateDir + " --cluster prod",
                "",
                "Change a route and push it (the repo's post-receive hook sends a signed GitHub webhook):",
                "",
                "  git clone " + repository + " logship-demo && cd logship-demo",
                "  sed -i.bak 's/12345/23456/' prod/fluent-bit.yaml && git -c user.name=demo -c user.email=demo@example.com commit -qam 'new route' && git push",
                "",
                "Press Ctrl-C to stop.",
                "");
    }

    @Override
    public void close() {
        operator.close();
        ecs.close();
    }
}
