package dev.logship.cli;

import dev.logship.git.RepositoryIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * This installation's owner id ({@code --owner}, else derived from {@code --repo} and {@code
 * --path}): what makes its ECS services its own (README, Ownership). Derived ids read like
 * {@code github.com/acme/ecs-logging//clusters}; they never contain credentials.
 */
final class OwnerIds {
    /** What an ECS tag value may hold (letters, digits, spaces and + - = . _ : / @), at most 256 characters. */
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{N} +\\-=._:/@]{1,256}");
    private static final int MAX_READABLE = 200;

    private OwnerIds() {}

    static String resolve(String ownerOption, String repo, String path) {
        if (ownerOption != null && !ownerOption.isBlank()) {
            String owner = ownerOption.strip();
            if (!TAG_VALUE.matcher(owner).matches()) {
                throw new IllegalArgumentException("--owner " + owner + ": expected 1-256 letters, digits, spaces or"
                        + " + - = . _ : / @ (it is written as the ECS tag logship.dev/owner)");
            }
            return owner;
        }
        return derive(repo, path);
    }

    static String derive(String repo, String path) {
        String subdirectory = path == null ? "" : path.replace('\\', '/').replaceAll("/{2,}", "/")
                .replaceAll("(^|/)\\.(/|$)", "$1").replaceAll("^/+|/+$", "");
        String id = RepositoryIdentity.of(repo) + (subdirectory.isEmpty() ? "" : "//" + subdirectory);
        String readable = id.replaceAll("[^\\p{L}\\p{N} +\\-=._:/@]", "_");
        return readable.length() <= MAX_READABLE ? readable
                : readable.substring(0, MAX_READABLE - 17) + "=" + sha256(id).substring(0, 16);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
