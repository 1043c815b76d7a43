package dev.logship.cli;

/**
 * What the demo prints: its few useful lines and then the events, not one line per local-ECS call
 * nor Jetty's and Javalin's start-up banner. Those stay available with {@code --verbose}.
 * slf4j-simple reads a logger's level from system properties when the logger is first made, and
 * the demo's parts make theirs only when they start, so setting them here (before
 * {@code Demo.start}) is enough.
 */
final class DemoLogging {
    private static final String PREFIX = "org.slf4j.simpleLogger.log.";

    private DemoLogging() {}

    static void configure(boolean verbose) {
        level("localecs", verbose ? "debug" : "warn");
        level("org.eclipse.jetty", verbose ? "info" : "warn");
        level("io.javalin", verbose ? "info" : "warn");
        level("dev.logship", verbose ? "debug" : "info");
        level("dev.logship.cli.Operator", verbose ? "debug" : "warn"); // the demo prints the URLs itself
    }

    private static void level(String logger, String level) {
        if (System.getProperty(PREFIX + logger) == null) { // an explicit -D setting wins
            System.setProperty(PREFIX + logger, level);
        }
    }
}
