package dev.logship.fluentbit;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes {@code line 0}, {@code line 1}, ... into one container's json-file log, a block of 100
 * lines every 40 ms (one append per line, as Docker writes), until stopped. The kill test kills
 * Fluent Bit while this runs, so each kill lands while Fluent Bit is reading lines, not after the
 * stream has ended.
 */
final class LineWriter {
    static final int BLOCK = 100;
    private final DockerLogs logs;
    private final AtomicInteger written = new AtomicInteger();
    private volatile boolean stop;
    private volatile Exception failure;
    private final Thread thread = new Thread(this::run, "line-writer");

    LineWriter(DockerLogs logs, int from) {
        this.logs = logs;
        this.written.set(from);
    }

    LineWriter start() {
        thread.start();
        return this;
    }

    /** Lines written so far: line numbers below this are in the file. */
    int written() {
        return written.get();
    }

    /** Stops after the block being written and returns how many lines the file holds. */
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
                for (int i = 0; i < BLOCK; i++) {
                    logs.write("stdout", "line " + written.get());
                    written.incrementAndGet();
                }
                Thread.sleep(40);
            }
        } catch (Exception e) {
            failure = e;
        }
    }
}
