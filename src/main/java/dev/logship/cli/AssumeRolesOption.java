package dev.logship.cli;

import dev.logship.aws.AwsSettings;
import picocli.CommandLine.Option;

/**
 * {@code --assume-roles auto|always}: whether a Cluster's roleArn is assumed against a loopback
 * ECS endpoint (an emulator or a tunnel). {@code auto} assumes roles everywhere except there, and
 * says once per run which role it did not assume; {@code always} asks STS at that endpoint
 * (local-ecs answers AssumeRole), so calls count against the role's account as on AWS.
 */
final class AssumeRolesOption {
    @Option(names = "--assume-roles", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto: assume each Cluster's roleArn, except against a loopback --ecs-endpoint;"
                    + " always: assume it there too, through STS at that endpoint (default: ${DEFAULT-VALUE}).")
    String value;

    AwsSettings.AssumeRoles parsed() {
        String given = value == null ? "auto" : value.strip();
        return switch (given) {
            case "auto" -> AwsSettings.AssumeRoles.AUTO;
            case "always" -> AwsSettings.AssumeRoles.ALWAYS;
            default -> throw new IllegalArgumentException("--assume-roles: expected auto or always, got '" + given + "'");
        };
    }
}
