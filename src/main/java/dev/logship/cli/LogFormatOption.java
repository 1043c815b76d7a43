package dev.logship.cli;

import dev.logship.logging.LogFormat;
import dev.logship.logging.Logging;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --log-format text|json} (env LOGSHIP_LOG_FORMAT) of the long-running commands, serve and demo. */
final class LogFormatOption {
    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text", converter = Converter.class,
            description = "text (default) or json: one JSON object per line on stderr with time, level, logger,"
                    + " message and, where known, cluster, forwarder, revision and event.")
    LogFormat format = LogFormat.TEXT;

    /** Switches the process's log lines to the chosen format; call first, before anything logs. */
    LogFormat apply() {
        Logging.use(format);
        return format;
    }

    static final class Converter implements CommandLine.ITypeConverter<LogFormat> {
        @Override
        public LogFormat convert(String value) {
            try {
                return LogFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
