package dev.logship.fluentbit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One RFC 5424 message as a newline-framing receiver gets it: {@code <PRI>1 TS HOST APP PROCID MSGID SD MSG}. */
record Syslog(int facility, int severity, int version, String hostname, String app, String message) {
    private static final Pattern FORMAT = Pattern.compile("<(\\d{1,3})>(\\d) (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (-|\\[.*?]) ?(.*)",
            Pattern.DOTALL);

    static Syslog parse(String line) {
        Matcher m = FORMAT.matcher(line);
        if (!m.matches()) {
            throw new AssertionError("not RFC 5424: " + line.substring(0, Math.min(200, line.length())));
        }
        int pri = Integer.parseInt(m.group(1));
        // Fluent Bit starts an RFC 5424 MSG with the UTF-8 BOM (the RFC's marker that MSG is UTF-8).
        String message = m.group(9).startsWith("\uFEFF") ? m.group(9).substring(1) : m.group(9);
        return new Syslog(pri / 8, pri % 8, Integer.parseInt(m.group(2)), m.group(4), m.group(5), message);
    }
}
