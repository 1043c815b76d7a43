package dev.logship.localecs;

import dev.logship.localecs.clusters.EcsState;
import dev.logship.localecs.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Saves state as JSON after each change (write to a temp file, then rename) and reloads it. */
final class StateFile {
    private final Path file;

    StateFile(Path file) {
        this.file = file;
    }

    EcsState loadOrEmpty() {
        if (file == null || !Files.exists(file)) {
            return new EcsState();
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), EcsState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read local-ecs state file " + file + ": " + e.getMessage(), e);
        }
    }

    void save(String json) {
        if (file == null) {
            return;
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, json);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write local-ecs state file " + file + ": " + e.getMessage(), e);
        }
    }
}
