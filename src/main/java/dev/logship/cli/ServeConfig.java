package dev.logship.cli;

import dev.logship.aws.AwsSettings;
import dev.logship.git.GitCredentials;
import dev.logship.notify.NotifyRules;
import dev.logship.reconcile.ControllerSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything a running operator needs, gathered from options (serve) or made up (demo, tests).
 * {@code dataDir} null means a temporary directory removed on close. {@link #toString()} masks
 * every secret, so the whole config can be logged.
 */
public record ServeConfig(String repo, String ref, String path, String ecsEndpoint, String bind, int port, Path dataDir,
                   String webhookSecret, boolean webhookAllowUnsigned, String apiToken, GitCredentials credentials,
                   ControllerSettings controller, String owner, AwsSettings.AssumeRoles assumeRoles,
                   boolean apiAllowUnauthenticated, String readToken, NotifyRules notifyRules) {
    /** Without {@code --owner}: the owner id is derived from the repository and path. */
    public ServeConfig(String repo, String ref, String path, String ecsEndpoint, String bind, int port, Path dataDir,
                       String webhookSecret, boolean webhookAllowUnsigned, String apiToken, GitCredentials credentials,
                       ControllerSettings controller) {
        this(repo, ref, path, ecsEndpoint, bind, port, dataDir, webhookSecret, webhookAllowUnsigned, apiToken, credentials,
                controller, null);
    }

    /** With {@code --owner} (null: derived); roleArns assumed as {@code --assume-roles auto}. */
    public ServeConfig(String repo, String ref, String path, String ecsEndpoint, String bind, int port, Path dataDir,
                       String webhookSecret, boolean webhookAllowUnsigned, String apiToken, GitCredentials credentials,
                       ControllerSettings controller, String owner) {
        this(repo, ref, path, ecsEndpoint, bind, port, dataDir, webhookSecret, webhookAllowUnsigned, apiToken, credentials,
                controller, owner, AwsSettings.AssumeRoles.AUTO);
    }

    /** Mutating endpoints closed without an API token, no read token, strict notifier URLs. */
    public ServeConfig(String repo, String ref, String path, String ecsEndpoint, String bind, int port, Path dataDir,
                       String webhookSecret, boolean webhookAllowUnsigned, String apiToken, GitCredentials credentials,
                       ControllerSettings controller, String owner, AwsSettings.AssumeRoles assumeRoles) {
        this(repo, ref, path, ecsEndpoint, bind, port, dataDir, webhookSecret, webhookAllowUnsigned, apiToken, credentials,
                controller, owner, assumeRoles, false, null, NotifyRules.strict());
    }

    public ServeConfig {
        Objects.requireNonNull(repo, "--repo is required");
        webhookSecret = webhookSecret == null || webhookSecret.isBlank() ? null : webhookSecret.strip();
        if (webhookSecret == null && !webhookAllowUnsigned) {
            throw new IllegalArgumentException("webhooks need a secret (--webhook-secret, LOGSHIP_WEBHOOK_SECRET or"
                    + " --webhook-secret-file) unless --webhook-allow-unsigned is given");
        }
        bind = bind == null ? "0.0.0.0" : bind;
        credentials = credentials == null ? GitCredentials.none() : credentials;
        controller = controller == null ? ControllerSettings.defaults() : controller;
        assumeRoles = assumeRoles == null ? AwsSettings.AssumeRoles.AUTO : assumeRoles;
        readToken = readToken == null || readToken.isBlank() ? null : readToken.strip();
        notifyRules = notifyRules == null ? NotifyRules.strict() : notifyRules;
    }

    public ServeConfig withPort(int newPort) {
        return new ServeConfig(repo, ref, path, ecsEndpoint, bind, newPort, dataDir, webhookSecret, webhookAllowUnsigned,
                apiToken, credentials, controller, owner, assumeRoles, apiAllowUnauthenticated, readToken, notifyRules);
    }

    public ServeConfig withAssumeRoles(AwsSettings.AssumeRoles when) {
        return new ServeConfig(repo, ref, path, ecsEndpoint, bind, port, dataDir, webhookSecret, webhookAllowUnsigned,
                apiToken, credentials, controller, owner, when, apiAllowUnauthenticated, readToken, notifyRules);
    }

    public ServeConfig withOwner(String newOwner) {
        return new ServeConfig(repo, ref, path, ecsEndpoint, bind, port, dataDir, webhookSecret, webhookAllowUnsigned,
                apiToken, credentials, controller, newOwner, assumeRoles, apiAllowUnauthenticated, readToken, notifyRules);
    }

    /** {@code allowUnauthenticated}: the mutating endpoints open without an API token; {@code read}: the GET API's token. */
    public ServeConfig withAccess(boolean allowUnauthenticated, String read) {
        return new ServeConfig(repo, ref, path, ecsEndpoint, bind, port, dataDir, webhookSecret, webhookAllowUnsigned,
                apiToken, credentials, controller, owner, assumeRoles, allowUnauthenticated, read, notifyRules);
    }

    public ServeConfig withNotifyRules(NotifyRules rules) {
        return new ServeConfig(repo, ref, path, ecsEndpoint, bind, port, dataDir, webhookSecret, webhookAllowUnsigned,
                apiToken, credentials, controller, owner, assumeRoles, apiAllowUnauthenticated, readToken, rules);
    }

    /** The owner id in force: {@code --owner}, else derived from the repository and path. */
    String ownerId() {
        return OwnerIds.resolve(owner, repo, path);
    }

    @Override
    public String toString() {
        return "ServeConfig[repo=" + ManifestSources.safe(repo) + ", ref=" + ref + ", path=" + path + ", ecsEndpoint="
                + ecsEndpoint + ", bind=" + bind + ", port=" + port + ", dataDir=" + dataDir + ", webhookSecret="
                + (webhookSecret == null ? "none" : "****") + ", apiToken=" + (apiToken == null ? "none" : "****")
                + ", credentials=" + credentials + ", controller=" + controller + ", owner=" + owner + ", assumeRoles=" + assumeRoles
                + ", apiAllowUnauthenticated=" + apiAllowUnauthenticated + ", readToken=" + (readToken == null ? "none" : "****")
                + ", notifyRules=" + notifyRules + "]";
    }
}
