package dev.logship.cli;

import dev.logship.aws.AwsSettings;
import dev.logship.git.GitCredentials;
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
                   ControllerSettings controller, String owner, AwsSettings.AssumeRoles assumeRoles) {
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
    }

    public ServeConfig withPort(int newPort) {
        return new ServeConfig(repo, ref, path, ecsEndpoint, bind, newPort, dataDir, webhookSecret, webhookAllowUnsigned,
                apiToken, credentials, controller, owner, assumeRoles);
    }

    public ServeConfig withAssumeRoles(AwsSettings.AssumeRoles when) {
        return new ServeConfig(repo, ref, path, ecsEndpoint, bind, port, dataDir, webhookSecret, webhookAllowUnsigned,
                apiToken, credentials, controller, owner, when);
    }

    public ServeConfig withOwner(String newOwner) {
        return new ServeConfig(repo, ref, path, ecsEndpoint, bind, port, dataDir, webhookSecret, webhookAllowUnsigned,
                apiToken, credentials, controller, newOwner, assumeRoles);
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
                + ", credentials=" + credentials + ", controller=" + controller + ", owner=" + owner + ", assumeRoles=" + assumeRoles + "]";
    }
}
