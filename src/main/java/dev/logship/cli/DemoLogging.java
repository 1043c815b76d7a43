package dev.logship.cli;

import dev.logship.logging.Logging;

/**
 * What the demo prints: its few useful lines and then the events, not one line per local-ECS call
 * nor Jetty's and Javalin's start-up banner. Those stay available with {@code --verbose}.
 */
final class DemoLogging {
    private DemoLogging() {}

    static void configure(boolean verbose) {
        Logging.level("localecs", verbose ? "debug" : "warn");
        Logging.level("org.eclipse.jetty", verbose ? "info" : "warn");
        Logging.level("io.javalin", verbose ? "info" : "warn");
        Logging.level("dev.logship", verbose ? "debug" : "info");
        Logging.level("dev.logship.cli.Operator", verbose ? "debug" : "warn"); // the demo prints the URLs itself
    }
}
