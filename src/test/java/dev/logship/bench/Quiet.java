package dev.logship.bench;

/** Keeps per-call logging (local-ecs logs every call at INFO) out of the bench's output and timings. */
final class Quiet {
    private Quiet() {}

    /** Call before any logger is created. */
    static void logs() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("bench.logLevel", "warn"));
    }
}
