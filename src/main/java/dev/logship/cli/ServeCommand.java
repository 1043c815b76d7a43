package dev.logship.cli;

import dev.logship.notify.NotifyRules;
import dev.logship.prometheus.PrometheusSettings;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.rollout.RolloutClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The long-running operator: follows a Git ref, applies each commit, corrects drift, serves status. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Follow a Git branch and keep ECS equal to it, with a status page over HTTP.",
                "Applies each new commit (webhook or poll), reverts drift on every resync, and serves status,",
                "metrics and a status page over HTTP.",
                "Stops on SIGTERM or Ctrl-C after the ECS calls in flight have finished (exit 0)."},
        footer = {"", "Example:",
                "  export LOGSHIP_WEBHOOK_SECRET=$(cat /run/secrets/webhook)",
                "  export LOGSHIP_GIT_TOKEN=$(cat /run/secrets/git-token)",
                "  export LOGSHIP_API_TOKEN=$(cat /run/secrets/api-token)",
                "  logship serve --repo https://github.com/acme/ecs-logging.git \\",
                "      --ref main --path clusters --resync-interval 5m --port 8080",
                "", "Then point the Git host's push webhook at",
                "https://<this host>/api/v1/webhooks/github",
                "(or gitlab, gitea, bitbucket, generic)."})
final class ServeCommand implements Callable<Integer> {
    /** A day passes in under 9 s: beyond that a bake time is shorter than one ECS observation. */
    private static final double MAX_CLOCK_SCALE = 10_000;

    @Mixin
    SourceOptions source;

    @Option(names = "--ecs-endpoint", paramLabel = "URL", description = "ECS endpoint, e.g. a local-ecs (default: AWS_ENDPOINT_URL_ECS, else AWS).")
    String ecsEndpoint;

    @Mixin
    AssumeRolesOption assumeRoles;

    @Mixin
    LogFormatOption logFormat;

    @Option(names = "--owner", paramLabel = "ID", description = "This installation's owner id, written as the tag"
            + " logship.dev/owner; only services with this owner are updated or pruned (default: derived from --repo and --path).")
    String owner;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "0.0.0.0", description = "Listen address (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--webhook-secret", paramLabel = "SECRET", description = "Shared secret of the webhooks (better: LOGSHIP_WEBHOOK_SECRET or --webhook-secret-file).")
    String webhookSecret;

    @Option(names = "--webhook-secret-file", paramLabel = "FILE", description = "File whose first line is the webhook secret.")
    Path webhookSecretFile;

    @Option(names = "--webhook-allow-unsigned", description = "Accept webhooks without a secret (only on a trusted network).")
    boolean webhookAllowUnsigned;

    @Option(names = "--api-token", paramLabel = "TOKEN", description = "Bearer token required by POST /api/v1/sync,"
            + " /api/v1/rollouts/resume and /api/v1/rollouts/override-windows (without one they answer 403).")
    String apiToken;

    @Option(names = "--api-allow-unauthenticated", description = "Without --api-token, leave those POST endpoints open to"
            + " anyone who can reach the port (only on a trusted network).")
    boolean apiAllowUnauthenticated;

    @Option(names = "--read-token", paramLabel = "TOKEN", description = "Bearer token (a browser: Basic password) required by"
            + " the status page and GET /api/v1/* (default: none; health, readiness and metrics stay open).")
    String readToken;

    @Option(names = "--notify-allow-http", description = "Let Notifiers post to http:// URLs (default: https only).")
    boolean notifyAllowHttp;

    @Option(names = "--notify-allow-private", paramLabel = "CIDR", split = ",", description = "Let Notifiers post to these"
            + " loopback, link-local or private blocks, e.g. 10.1.0.0/16 (default: public addresses only).")
    java.util.List<String> notifyAllowPrivate;

    @Option(names = "--notify-url-dir", paramLabel = "DIR", description = "The directory Notifiers' urlFrom.file may read"
            + " (files of at most 8 KiB; default: none, urlFrom.file refused). urlFrom.env reads only LOGSHIP_NOTIFY_* variables.")
    Path notifyUrlDir;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Fetch the repository this often even without webhooks (default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--resync-interval", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "Re-observe ECS this often and revert drift, without a new commit (default: ${DEFAULT-VALUE}).")
    Duration resyncInterval;

    @Option(names = "--discovery-interval", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "List the ClusterSets' accounts and regions again this often (default: ${DEFAULT-VALUE}).")
    Duration discoveryInterval;

    @Option(names = "--max-parallel", paramLabel = "N", defaultValue = "4", description = "Clusters reconciled at the same time (default: ${DEFAULT-VALUE}).")
    int maxParallel;

    @Option(names = "--rollout-timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "A rollout without progress for this long is Degraded, reason RolloutStuck; rechecks back off"
                    + " from 2s to 60s meanwhile (default: ${DEFAULT-VALUE}).")
    Duration rolloutTimeout;

    @Option(names = "--ingest-token", paramLabel = "TOKEN", description = "Turns on the telemetry ingest (POST "
            + "/api/v1/ingest/v1/metrics): the bearer token every forwarder's push must carry (better: LOGSHIP_INGEST_TOKEN"
            + " or --ingest-token-file; the same value the forwarders read from SSM or Secrets Manager).")
    String ingestToken;

    @Option(names = "--ingest-token-file", paramLabel = "FILE", description = "File whose first line is the ingest token.")
    Path ingestTokenFile;

    @Option(names = "--prometheus-url", paramLabel = "URL", description = "Read delivery from this Prometheus (its HTTP API,"
            + " PromQL over Fluent Bit's own metrics) instead of the ingest, and serve its HTTP service discovery of every"
            + " forwarder node at GET /api/v1/prometheus/targets (e.g. http://prometheus.internal:9090).")
    URI prometheusUrl;

    @Option(names = "--prometheus-token-file", paramLabel = "FILE", description = "File whose first line is the bearer token"
            + " Prometheus's API wants (none by default).")
    Path prometheusTokenFile;

    @Option(names = "--ingest-trusted-proxies", paramLabel = "CIDR", split = ",", description = "Load balancers (CIDR blocks,"
            + " e.g. an ALB's subnets) whose X-Forwarded-For names the pushing node: the per-address ingest limit then counts"
            + " the node's address, not the balancer's. Pushes from anywhere else are limited by their own address.")
    java.util.List<String> ingestTrustedProxies;

    @Option(names = "--ingest-pushes-per-address", paramLabel = "N", description = "Pushes a minute one source address may"
            + " make (default: 300, ten nodes' worth; behind a NAT that hides N nodes, about 2 x N at Fluent Bit's 30 s).")
    Integer ingestPushesPerAddress;

    @Option(names = "--delivery-window", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
            description = "A forwarder whose output fails this long without a record delivered is DeliveryFailing;"
                    + " a node silent this long is Silent (default: ${DEFAULT-VALUE}).")
    Duration deliveryWindow;

    // Hidden: for end-to-end tests, benchmarks and demos of rollouts (docs/serve.md, "A scaled rollout clock").
    @Option(names = "--clock-scale", paramLabel = "FACTOR", defaultValue = "1", hidden = true,
            description = "Run the rollout planner's clock (bake times, sync windows) this many times as fast as real time.")
    double clockScale;

    @Option(names = "--clock-start", paramLabel = "INSTANT", hidden = true,
            description = "Start the rollout planner's clock at this instant (ISO-8601, e.g. 2030-01-07T08:55:00Z).")
    Instant clockStart;

    @Override
    public Integer call() throws InterruptedException {
        logFormat.apply();
        Operator operator = Operator.start(config(), ingest(), prometheus(), source.trust());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            operator.close();
            stopped.countDown();
            System.out.flush();
            System.err.flush();
            // A JVM stopped by SIGTERM exits 143; a clean stop after in-flight calls finished is a success.
            Runtime.getRuntime().halt(0);
        }, "logship-shutdown"));
        stopped.await();
        return 0;
    }

    ServeConfig config() {
        if (webhookSecret != null && webhookSecretFile != null) {
            throw new IllegalArgumentException("give the webhook secret either with --webhook-secret or --webhook-secret-file, not both");
        }
        String secret = webhookSecretFile != null ? firstLine(webhookSecretFile, "webhook secret file") : webhookSecret;
        ControllerSettings settings = ControllerSettings.defaults().withIntervals(pollInterval, resyncInterval).withMaxParallel(maxParallel)
                .withRolloutTimeout(rolloutTimeout).withRolloutClock(rolloutClock()).withDiscoveryInterval(discoveryInterval);
        return new ServeConfig(source.repo, source.ref, source.path, ecsEndpoint, bind, port, source.dataDir, secret,
                webhookAllowUnsigned, apiToken, source.credentials(), settings, owner).withAssumeRoles(assumeRoles.parsed())
                .withAccess(apiAllowUnauthenticated, readToken)
                .withNotifyRules(new NotifyRules(notifyAllowHttp, notifyAllowPrivate, notifyUrlDir));
    }

    /** The ingest settings, or null when no ingest token is given (telemetry off: delivery Unknown). */
    dev.logship.web.IngestSettings ingest() {
        if (ingestToken != null && ingestTokenFile != null) {
            throw new IllegalArgumentException("give the ingest token either with --ingest-token or --ingest-token-file, not both");
        }
        String token = ingestTokenFile != null ? firstLine(ingestTokenFile, "ingest token file") : ingestToken;
        return token == null || token.isBlank() ? null : dev.logship.web.IngestSettings.of(token.strip(), deliveryWindow)
                .withAddresses(ingestPushesPerAddress, ingestTrustedProxies == null ? java.util.List.of() : ingestTrustedProxies);
    }

    /** Where delivery is read when the user runs Prometheus, or null (the built-in ingest, or no delivery). */
    PrometheusSettings prometheus() {
        if (prometheusUrl == null) {
            if (prometheusTokenFile != null) {
                throw new IllegalArgumentException("--prometheus-token-file needs --prometheus-url");
            }
            return null;
        }
        String token = prometheusTokenFile == null ? null : firstLine(prometheusTokenFile, "Prometheus token file");
        return PrometheusSettings.of(prometheusUrl, token, deliveryWindow);
    }

    private RolloutClock rolloutClock() {
        if (!(clockScale > 0) || clockScale > MAX_CLOCK_SCALE) {
            throw new IllegalArgumentException("--clock-scale must be above 0 and at most " + (int) MAX_CLOCK_SCALE + ", got " + clockScale);
        }
        return clockScale == 1 && clockStart == null ? RolloutClock.system()
                : RolloutClock.scaled(Clock.systemUTC(), clockStart, clockScale);
    }

    static String firstLine(Path file, String what) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            int newline = text.indexOf('\n');
            return newline < 0 ? text : text.substring(0, newline).strip();
        } catch (IOException e) {
            // the path is not secret; the content never enters the message
            throw new UncheckedIOException("cannot read " + what + " " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
