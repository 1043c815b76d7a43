package dev.logship.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The installation's secret that keys a plain directory's revision ids ({@code dir:...}), kept
 * as {@code revision.key} (32 random bytes, owner read/write only) in the data directory: the
 * same files give the same revision after a restart, so a halted rollout is found again, and
 * the id (shown in status, plans and halt tags) cannot be used to test guesses of a route.
 */
final class RevisionKeys {
    static final String FILE = "revision.key";
    private static final int LENGTH = 32;

    private RevisionKeys() {}

    /** The key kept in {@code dataDir}, made on first use. */
    static byte[] of(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.isRegularFile(file) && Files.size(file) == LENGTH) {
                return Files.readAllBytes(file);
            }
            byte[] key = new byte[LENGTH];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(dataDir);
            Path temporary = Files.createTempFile(dataDir, FILE, ".tmp");
            try {
                restrict(temporary);
                Files.write(temporary, key, StandardOpenOption.SYNC);
                Files.move(temporary, file); // never replaces a key another process made first
            } catch (FileAlreadyExistsException raced) {
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the revision key in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the data directory's own permissions protect it
        }
    }
}
