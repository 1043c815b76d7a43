package dev.logship.cli;

import dev.logship.manifest.DirectoryReader;
import dev.logship.model.Snapshot;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The manifest directory of validate and render: a DIR argument or {@code --repo DIR}, and
 * optionally {@code --path SUBDIR} inside it, so the options mean what they mean for plan,
 * apply and serve.
 */
final class ManifestDirectory {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "Directory of manifests (*.yaml, *.yml, searched recursively).")
    Path positional;

    @Option(names = "--repo", paramLabel = "DIR", description = "Same as DIR (env LOGSHIP_REPO); DIR wins if both are given.")
    Path option;

    @Option(names = "--path", paramLabel = "SUBDIR", description = "Directory of the manifests inside DIR (default: DIR itself).")
    Path subdirectory;

    /** Reads the directory; a missing or wrong path is a usage error (exit 2), not a manifest problem. */
    Snapshot read(CommandLine cli) {
        Path base = positional != null ? positional : option;
        if (base == null) {
            throw new CommandLine.ParameterException(cli, "a manifest directory is required: give DIR or --repo DIR");
        }
        Path root = subdirectory == null ? base : base.resolve(subdirectory).normalize();
        try {
            return DirectoryReader.read(root);
        } catch (IllegalArgumentException e) {
            throw new UnusableDirectory(cli, e.getMessage());
        }
    }

    /** A DIR that is missing or not a directory: a usage error (exit 2) said in one line, without the whole usage. */
    static final class UnusableDirectory extends CommandLine.ParameterException {
        UnusableDirectory(CommandLine cli, String message) {
            super(cli, message);
        }
    }
}
