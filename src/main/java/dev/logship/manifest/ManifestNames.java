package dev.logship.manifest;

import java.util.Locale;

/**
 * Which files are manifests: {@code *.yaml} and {@code *.yml}, in any case ({@code .YAML} too).
 * The one rule every source (a Git commit, a directory) asks, so a tree reads the same from both.
 */
public final class ManifestNames {
    private ManifestNames() {}

    public static boolean isManifest(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }
}
