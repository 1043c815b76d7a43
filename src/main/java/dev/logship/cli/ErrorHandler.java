package dev.logship.cli;

import dev.logship.logging.LogFormat;
import dev.logship.logging.Logging;
import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one line on stderr and exit code 1. The
 * message is printed, never a stack trace (set LOGSHIP_DEBUG=1 for one): exception messages
 * in logship are written to be safe to show, with secrets masked.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (Logging.format() == LogFormat.JSON) { // serve or demo with --log-format json: a line a log platform parses too
            org.slf4j.LoggerFactory.getLogger("logship").error("{}", message, System.getenv("LOGSHIP_DEBUG") != null ? e : null);
            return 1;
        }
        cli.getErr().println("error: " + message);
        if (System.getenv("LOGSHIP_DEBUG") != null) {
            e.printStackTrace(cli.getErr());
        }
        return 1;
    }
}
