package dev.logship.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One state file written so a crash leaves the old or the new file, never half of one: the JSON
 * goes to a temporary file in the same directory, forced to disk, moved over the old one, and the
 * directory is forced too (the rename itself must survive a power loss).
 */
final class AtomicJsonFile {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutFile.class); // the state files' one logger, as before

    private AtomicJsonFile() {}

    /** One atomic write; false (logged) when it failed: the state stays in memory and the next save retries. */
    static boolean write(Path target, Object content) {
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            byte[] bytes = StateFormat.JSON.writeValueAsBytes(content);
            temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(java.nio.ByteBuffer.wrap(bytes));
                out.force(true);
            }
            move(temporary, target);
            temporary = null;
            syncDirectory(target.getParent()); // the rename itself must survive a power loss, not just the bytes
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot save rollout state to {}: {} {}", target, e.getClass().getSimpleName(), e.getMessage());
            return false;
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless: the next save writes another
                }
            }
        }
    }

    /** fsync of the directory entry after a rename; a file system that cannot (not POSIX) keeps the rename's own guarantees. */
    private static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot fsync directory {}: {}", directory, e.toString());
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
