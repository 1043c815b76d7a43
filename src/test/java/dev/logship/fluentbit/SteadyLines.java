package dev.logship.fluentbit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes {@code line 0}, {@code line 1}, ... into one container's json-file log at a steady rate
 * ({@value #PER_TICK} lines every {@value #TICK_MS} ms) until stopped, remembering when each line
 * was written, so a test can tell how long a line took to arrive and whether arrivals stalled.
 */
final class SteadyLines {
    static final int PER_TICK = 20;
    static final long TICK_MS = 100;
    private final DockerLogs logs;
    private final AtomicInteger written = new AtomicInteger();
    private final ConcurrentHashMap<Integer, Long> writtenAt = new ConcurrentHashMap<>();
    private final Thread thread = new Thread(this::run, "steady-lines");
    private volatile boolean stop;
    private volatile Exception failure;

    SteadyLines(DockerLogs logs) {
        this.logs = logs;
    }

    SteadyLines start() {
        thread.start();
        return this;
    }

    int written() {
        return written.get();
    }

    /** When line {@code n} was written (epoch ms). */
    long writtenAt(int n) {
        return writtenAt.get(n);
    }

    /** Stops after the tick being written; returns how many lines were written. */
    int stop() throws Exception {
        stop = true;
        thread.join();
        if (failure != null) {
            throw failure;
        }
        return written.get();
    }

    private void run() {
        try {
            while (!stop) {
                for (int i = 0; i < PER_TICK; i++) {
                    int n = written.get();
                    logs.write("stdout", "line " + n);
                    writtenAt.put(n, System.currentTimeMillis());
                    written.incrementAndGet();
                }
                Thread.sleep(TICK_MS);
            }
        } catch (Exception e) {
            failure = e;
        }
    }
}
