package dev.logship.bench;

/** Keeps per-call logging (local-ecs logs every call at INFO) out of the bench's output and timings. */
final class Quiet {
    private Quiet() {}

    static void logs() {
        dev.logship.logging.Logging.level(org.slf4j.Logger.ROOT_LOGGER_NAME, System.getProperty("bench.logLevel", "warn"));
    }
}
