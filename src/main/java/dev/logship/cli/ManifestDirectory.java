package dev.logship.cli;

import dev.logship.manifest.DirectoryReader;
import dev.logship.model.Snapshot;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The manifest directory of validate and render: a DIR argument or {@code --path DIR}. */
final class ManifestDirectory {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "Directory of manifests (*.yaml, *.yml, searched recursively).")
    Path positional;

    @Option(names = "--path", paramLabel = "DIR", description = "Same as DIR (env LOGSHIP_PATH); DIR wins if both are given.")
    Path option;

    /** Reads the directory; a missing or wrong path is a usage error (exit 2), not a manifest problem. */
    Snapshot read(CommandLine cli) {
        Path root = positional != null ? positional : option;
        if (root == null) {
            throw new CommandLine.ParameterException(cli, "a manifest directory is required: give DIR or --path DIR");
        }
        try {
            return DirectoryReader.read(root);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
    }
}
