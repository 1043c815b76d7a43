package dev.logship.bench;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts how often a file is replaced in a directory another process writes (serve's
 * rollouts.json: each save is a temporary file moved over it, seen here as one create). Lost
 * events (an overflow) are counted apart so a figure is never silently low.
 */
final class FileReplacements implements AutoCloseable {
    private final WatchService watch;
    private final AtomicLong replaced = new AtomicLong();
    private final AtomicLong overflows = new AtomicLong();
    private final Thread reader;
    private volatile boolean open = true;

    FileReplacements(Path dir, String name) throws IOException {
        watch = FileSystems.getDefault().newWatchService();
        dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
        reader = new Thread(() -> {
            while (open) {
                try {
                    WatchKey key = watch.poll(200, TimeUnit.MILLISECONDS);
                    if (key == null) {
                        continue;
                    }
                    for (WatchEvent<?> e : key.pollEvents()) {
                        if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                            overflows.incrementAndGet();
                        } else if (name.equals(String.valueOf(e.context()))) {
                            replaced.incrementAndGet();
                        }
                    }
                    key.reset();
                } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                    return;
                }
            }
        }, "file-replacements");
        reader.setDaemon(true);
        reader.start();
    }

    long replaced() {
        return replaced.get();
    }

    long overflows() {
        return overflows.get();
    }

    @Override
    public void close() throws IOException {
        open = false;
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watch.close();
    }
}
