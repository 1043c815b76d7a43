package dev.logship.cli;

import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.AwsSettings;
import dev.logship.aws.EcsCallCounter;
import dev.logship.git.GitSource;
import dev.logship.git.SourceFactory;
import dev.logship.notify.DeliverySettings;
import dev.logship.notify.Notifications;
import dev.logship.prometheus.PrometheusSettings;
import dev.logship.reconcile.Controller;
import dev.logship.reconcile.ManifestSource;
import dev.logship.reconcile.CommitVerifier;
import dev.logship.reconcile.SourceStatus;
import dev.logship.render.TelemetryExpected;
import dev.logship.state.CleanupFile;
import dev.logship.state.ClockAnchorFile;
import dev.logship.state.RolloutFile;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.sync.SyncOptions;
import dev.logship.web.NotificationMetrics;
import dev.logship.web.ApiAccess;
import dev.logship.web.OperatorServer;
import dev.logship.web.RolloutMetrics;
import dev.logship.web.ServeMetrics;
import dev.logship.web.Telemetry;
import dev.logship.web.WebhookSettings;
import dev.logship.web.WebhookVerifier;
import io.micrometer.core.instrument.FunctionCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running operator: the manifest source, the ECS adapter, the controller and the HTTP
 * server, wired together. {@link #close()} stops taking triggers, lets runs in flight (and
 * their ECS calls) finish, then stops the server and releases everything.
 */
public final class Operator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Operator.class);
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private final TemporaryDirectory temporary;
    private final ManifestSource source;
    private final AwsEcsGateways gateways;
    private final Controller controller;
    private final Notifications notifications;
    private final OperatorServer server;
    private final Telemetry telemetry;

    private Operator(ServeConfig config, dev.logship.web.IngestSettings ingest, PrometheusSettings prometheus, CommitTrust trust) {
        // Call sites mask secrets in what they log; the backend masks these values too, should one slip through.
        dev.logship.logging.Logging.maskSecrets(config.webhookSecret(), config.apiToken(), config.readToken(),
                config.credentials().secret(), ingest == null ? null : ingest.token(), prometheus == null ? null : prometheus.token());
        temporary = config.dataDir() == null ? TemporaryDirectory.create("logship-serve") : null;
        Path dataDir = temporary == null ? config.dataDir() : temporary.path();
        source = openSource(config, dataDir);
        String trackedRefSource = config.ref();
        WebhookSettings webhooks = new WebhookSettings(config.webhookSecret(), config.webhookAllowUnsigned(), config.repo(),
                source instanceof GitSource git ? git::trackedRef : () -> trackedRefSource, WebhookSettings.DEFAULT_MAX_BODY_BYTES);
        ServeMetrics metrics = new ServeMetrics();
        String owner = config.ownerId();
        gateways = new AwsEcsGateways(AwsSettings.of(config.ecsEndpoint(), config.assumeRoles(), System.getenv()));
        metrics.beforeScrape(registry -> gateways.calls().snapshot().keySet().forEach(key ->
                FunctionCounter.builder("logship.ecs.calls", gateways.calls(), c -> c.count(key.action(), key.outcome()))
                        .description("ECS calls by action and outcome (ok, an ECS error code, or 'attempt' for every try)")
                        .tags("action", key.action(), "outcome", key.outcome()).register(registry)));
        ClusterSynchronizer synchronizer = new ClusterSynchronizer(gateways, SyncOptions.defaults(), owner);
        synchronizer.cleanUps().keptIn(new CleanupFile(dataDir)); // a restart runs the clean-ups that still waited
        controller = new Controller(source, SourceStatus.notFetched(ManifestSources.safe(config.repo()), config.ref(),
                config.path()), synchronizer, settings(config, dataDir, prometheus != null), metrics,
                new RolloutFile(dataDir)).discoverWith(gateways.catalog());
        io.micrometer.core.instrument.Gauge.builder("logship.clusters.uncovered", controller, c -> c.status().discovery().stream()
                .mapToInt(dev.logship.discovery.SetCoverage::uncovered).sum())
                .description("Clusters ClusterSets select that run no forwarder (suspended, or no forwarder selects them)")
                .register(metrics.registry());
        // Notifier URLs come from this process's environment or files, read at each delivery; events are queued, never awaited.
        notifications = new Notifications(controller::notifiers, System.getenv(), config.notifyRules(), DeliverySettings.defaults(),
                new NotificationMetrics(metrics.registry()));
        controller.onEvent(notifications);
        CommitVerifier verifier = trust.verifier(source);
        if (verifier != null) {
            controller.verifyingCommits(trust.policy(), verifier);
            LOG.info("--verify-signatures {}: commits must be signed by a trusted key", trust.policy().name().toLowerCase(java.util.Locale.ROOT));
        }
        RolloutMetrics rollouts = new RolloutMetrics(metrics.registry());
        controller.onEvent(rollouts::recorded);
        metrics.beforeScrape(registry -> rollouts.refresh(controller.rollouts()));
        LOG.info("owner id {}", owner);
        ApiAccess access = ApiAccess.of(config.apiToken(), config.apiAllowUnauthenticated(), config.readToken());
        access.startupLines().forEach(line -> LOG.info("{}", line));
        if (config.apiToken() == null && config.apiAllowUnauthenticated()) {
            LOG.warn("--api-allow-unauthenticated: anyone who can reach this port can trigger syncs, resume rollouts and override sync windows");
        }
        if (prometheus != null) {
            LOG.info("delivery read from Prometheus at {}; service discovery at /api/v1/prometheus/targets",
                    PrometheusSettings.safe(prometheus.url()));
            telemetry = Telemetry.reading(prometheus, gateways.scrapeTargets(controller::desiredInForce), controller::status,
                    controller::recordEvent, metrics).onJudged(controller::deliveryJudged);
        } else {
            telemetry = ingest == null ? null : Telemetry.start(ingest, controller::status, controller::recordEvent, metrics)
                    .onJudged(controller::deliveryJudged);
        }
        server = new OperatorServer(controller, new WebhookVerifier(webhooks), access, metrics, telemetry);
    }

    /** Starts serving on the configured port (0: a free one) and fetches the source at once. */
    public static Operator start(ServeConfig config) {
        return start(config, null);
    }

    /** {@code ingest} (nullable): the telemetry ingest's token and limits; without it delivery is Unknown everywhere. */
    public static Operator start(ServeConfig config, dev.logship.web.IngestSettings ingest) {
        return start(config, ingest, CommitTrust.OFF);
    }

    /** With {@code trust}: commits are accepted only as its signature policy allows. */
    static Operator start(ServeConfig config, dev.logship.web.IngestSettings ingest, CommitTrust trust) {
        return start(config, ingest, null, trust);
    }

    /** Delivery read from the user's Prometheus (with its service discovery) instead of the built-in ingest. */
    public static Operator startWithPrometheus(ServeConfig config, PrometheusSettings prometheus) {
        return start(config, null, prometheus, CommitTrust.OFF);
    }

    static Operator start(ServeConfig config, dev.logship.web.IngestSettings ingest, PrometheusSettings prometheus,
                          CommitTrust trust) {
        if (ingest != null && prometheus != null) {
            throw new IllegalArgumentException("give --ingest-token or --prometheus-url, not both: delivery is judged from one of them");
        }
        Operator operator = new Operator(config, ingest, prometheus, trust);
        try {
            operator.server.start(config.bind(), config.port());
        } catch (RuntimeException e) {
            operator.close();
            throw new IllegalStateException("cannot listen on " + config.bind() + ":" + config.port() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        operator.controller.start();
        LOG.info("serving {} on http://{}:{}/ (ECS {})", operator.source.describe(), config.bind(), operator.port(),
                config.ecsEndpoint() == null ? "from the environment" : config.ecsEndpoint());
        return operator;
    }

    public int port() {
        return server.port();
    }

    public Controller controller() {
        return controller;
    }

    public EcsCallCounter ecsCalls() {
        return gateways.calls();
    }

    /**
     * The controller's settings, a scaled rollout clock continued from its anchor in the data directory (times saved there are its),
     * and which forwarders must report, from where delivery is read: derived here, so it cannot disagree with the source started.
     */
    private static dev.logship.reconcile.ControllerSettings settings(ServeConfig config, Path dataDir, boolean readsPrometheus) {
        return config.controller().withRolloutClock(ClockAnchorFile.continued(dataDir, config.controller().rolloutClock()))
                .withTelemetryExpected(readsPrometheus ? TelemetryExpected.PROMETHEUS : TelemetryExpected.INGEST);
    }

    private static ManifestSource openSource(ServeConfig config, Path dataDir) {
        String repo = config.repo();
        boolean plainDirectory = !repo.contains("://") && Files.isDirectory(Path.of(repo)) && !SourceFactory.isGit(repo);
        if (plainDirectory) {
            if (config.ref() != null) {
                throw new IllegalArgumentException("--repo " + repo + ": --ref needs a Git repository, and this directory is not one");
            }
            // keyed with the installation's secret in the data directory: a restart sees the same revision
            return new DirectoryManifestSource(config.path() == null ? Path.of(repo) : Path.of(repo).resolve(config.path()).normalize(),
                    RevisionKeys.of(dataDir));
        }
        return SourceFactory.open(repo, config.ref(), config.path(), dataDir, config.credentials());
    }

    @Override
    public void close() {
        LOG.info("stopping: no new triggers; waiting for runs in flight to finish");
        try {
            if (controller != null && !controller.shutdown(SHUTDOWN_GRACE)) {
                LOG.warn("runs still in flight after {}; stopping anyway", SHUTDOWN_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (notifications != null) {
            notifications.close();
        }
        if (server != null) {
            server.close();
        }
        if (telemetry != null) {
            telemetry.close();
        }
        if (gateways != null) {
            gateways.close();
        }
        if (source instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing the source failed: {}", e.getClass().getSimpleName());
            }
        }
        if (temporary != null) {
            temporary.close();
        }
    }
}
