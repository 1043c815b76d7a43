package dev.logship.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The demo repository's {@code post-receive} hook: for each pushed ref it posts a GitHub-style
 * push payload, signed with {@code X-Hub-Signature-256}, to the running logship, exactly as a
 * Git host's webhook would. The secret stays in a file readable only by its owner.
 */
final class PostReceiveHook {
    private PostReceiveHook() {}

    static void install(Path bareRepo, String webhookUrl, Path secretFile) throws IOException {
        String script = """
                #!/bin/sh
                # Installed by `logship demo`: tells logship about each push, as a Git host's webhook would.
                url='%s'
                secret_file='%s'
                repo='%s'
                while read -r old new ref; do
                  body=$(printf '{"ref":"%%s","before":"%%s","after":"%%s","repository":{"full_name":"demo/manifests","clone_url":"%%s"}}' "$ref" "$old" "$new" "$repo")
                  sig=$(printf '%%s' "$body" | openssl dgst -sha256 -hmac "$(cat "$secret_file")" | sed 's/^.* //')
                  if curl -fsS -o /dev/null -H 'Content-Type: application/json' -H 'X-GitHub-Event: push' \\
                      -H "X-Hub-Signature-256: sha256=$sig" --data-binary "$body" "$url"; then
                    echo "logship: webhook sent for $ref, watch it reach ECS on ${url%%/api/*}/"
                  else
                    echo "logship: webhook to $url failed (is logship demo still running?)" >&2
                  fi
                done
                """.formatted(webhookUrl, secretFile.toAbsolutePath(), bareRepo.toAbsolutePath().toUri());
        Path hook = bareRepo.resolve("hooks/post-receive");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, script);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Writes a secret to a file only its owner can read. */
    static void writeSecret(Path file, String secret) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret);
    }
}
