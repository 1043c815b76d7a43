package dev.logship.fluentbit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One container's json-file log written the way Docker writes it: one JSON object per line
 * ({@code log}, {@code stream}, {@code time}); a line longer than 16 KiB split into 16 KiB
 * partial entries, only the last ending in a newline; rotation by renaming {@code -json.log}
 * to {@code -json.log.1} and starting a new file.
 */
final class DockerLogs {
    static final int PARTIAL = 16 * 1024;
    final String id;
    private final Path file;

    DockerLogs(Path containers, String id) throws IOException {
        this.id = id;
        Path dir = Files.createDirectories(containers.resolve(id));
        this.file = dir.resolve(id + "-json.log");
    }

    synchronized void write(String stream, String line) throws IOException {
        StringBuilder out = new StringBuilder();
        String rest = line + "\n";
        while (rest.length() > PARTIAL) {
            out.append(entry(stream, rest.substring(0, PARTIAL)));
            rest = rest.substring(PARTIAL);
        }
        out.append(entry(stream, rest));
        Files.writeString(file, out, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    synchronized void rotate() throws IOException {
        Path rotated = file.resolveSibling(file.getFileName() + ".1");
        Files.move(file, rotated, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.createFile(file);
    }

    private static String entry(String stream, String text) {
        return "{\"log\":\"" + escape(text) + "\",\"stream\":\"" + stream + "\",\"time\":\"" + Instant.now() + "\"}\n";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
