package dev.logship.logging;

import java.util.Locale;

/** How log lines are written: as text a person reads (the default), or one JSON object per line for a log platform. */
public enum LogFormat {
    TEXT,
    JSON;

    /** {@code text} or {@code json}, in any case; anything else is refused with the choices named. */
    public static LogFormat parse(String value) {
        String wanted = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (LogFormat format : values()) {
            if (format.name().equals(wanted)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown log format '" + value + "': use text or json");
    }
}
