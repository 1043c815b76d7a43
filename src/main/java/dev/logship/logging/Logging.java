package dev.logship.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * The one place that knows the logging backend (Logback): where lines go (stderr, as before), in
 * which {@link LogFormat}, at which levels, and which secrets they must never show. Everything
 * else logs through SLF4J only.
 */
public final class Logging {
    static final String APPENDER = "console";
    private static volatile LogFormat format = LogFormat.TEXT;
    /** False when Logback read a configuration file of the user's instead of {@link LogbackSetup}: theirs is left alone. */
    private static volatile boolean configuredHere;

    private Logging() {}

    /** Writes every later line in {@code wanted}; the loggers themselves stay as they are. */
    public static synchronized void use(LogFormat wanted) {
        LoggerContext context = context();
        if (context == null || !configuredHere) {
            return; // another SLF4J backend, or the user's own Logback file, decides
        }
        install(context, wanted);
        format = wanted;
    }

    public static LogFormat format() {
        return format;
    }

    /** Sets a logger's level ({@code trace} .. {@code error}, {@code off}); its children follow unless set themselves. */
    public static void level(String logger, String level) {
        if (LoggerFactory.getLogger(logger) instanceof Logger logback) {
            logback.setLevel(Level.toLevel(level, Level.INFO));
        }
    }

    /** See {@link SecretMask#register}. */
    public static void maskSecrets(String... secrets) {
        SecretMask.register(secrets);
    }

    /** Replaces the root's console appender by one in {@code wanted}; lines in flight finish in the old one. */
    static void install(LoggerContext context, LogFormat wanted) {
        configuredHere = true;
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setTarget("System.err"); // logship has always logged to stderr: stdout is the commands' output
        appender.setEncoder(Encoders.of(wanted, context));
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        var old = root.getAppender(APPENDER);
        root.addAppender(appender);
        if (old != null) {
            root.detachAppender(old);
            old.stop();
        }
    }

    private static LoggerContext context() {
        return LoggerFactory.getILoggerFactory() instanceof LoggerContext context ? context : null;
    }
}
