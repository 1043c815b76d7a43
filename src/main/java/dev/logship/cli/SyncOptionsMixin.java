package dev.logship.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options plan and apply share. */
final class SyncOptionsMixin {
    @Mixin
    SourceOptions source;

    @Option(names = "--cluster", paramLabel = "NAME", description = "Only this logical cluster (metadata.name of a Cluster).")
    String cluster;

    @Option(names = "--ecs-endpoint", paramLabel = "URL",
            description = "ECS endpoint, e.g. a local-ecs (default: AWS_ENDPOINT_URL_ECS, else AWS).")
    String ecsEndpoint;

    @Mixin
    AssumeRolesOption assumeRoles;

    @Option(names = "--owner", paramLabel = "ID", description = "This installation's owner id, written as the tag"
            + " logship.dev/owner; only services with this owner are updated or pruned (default: derived from --repo and --path).")
    String owner;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text or json; plan --base also markdown (default: ${DEFAULT-VALUE}).")
    Format output;

    enum Format { text, json, markdown }
}
