package dev.logship.cli;

import picocli.CommandLine.Option;

/** The options plan and apply share. */
final class SyncOptionsMixin {
    @Option(names = "--repo", required = true, paramLabel = "PATH|URL",
            description = "Directory of manifests (or Git repository) to read.")
    String repo;

    @Option(names = "--ref", paramLabel = "REF", description = "Git branch, tag or commit (Git repositories only).")
    String ref;

    @Option(names = "--path", paramLabel = "SUBDIR", description = "Manifests are under this sub-directory of the repository.")
    String path;

    @Option(names = "--cluster", paramLabel = "NAME", description = "Only this logical cluster (metadata.name of a Cluster).")
    String cluster;

    @Option(names = "--ecs-endpoint", paramLabel = "URL",
            description = "ECS endpoint, e.g. a local-ecs (default: AWS_ENDPOINT_URL_ECS, else AWS).")
    String ecsEndpoint;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where a Git repository is mirrored (default: a temporary directory, removed afterwards).")
    java.nio.file.Path dataDir;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format output;

    enum Format { text, json }
}
