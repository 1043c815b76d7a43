package dev.logship.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.model.NotifierSpec;
import dev.logship.reconcile.Event;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event as a notifier's receiver reads it: generic JSON (every field, for machines) or
 * Slack's incoming-webhook message ({@code {"text": ...}} with mrkdwn, for people).
 */
final class Payloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {}

    static String of(NotifierSpec.Format format, String notifier, Event event) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (format == NotifierSpec.Format.SLACK) {
            body.put("text", "*" + event.type() + "*" + (event.cluster() == null ? "" : " `" + slackEscaped(event.cluster()) + "`")
                    + ": " + slackEscaped(event.message())
                    + (event.revision() == null ? "" : " (revision `" + shortId(event.revision()) + "`)"));
        } else {
            body.put("notifier", notifier);
            body.put("event", event.type());
            body.put("cluster", event.cluster());
            body.put("message", event.message());
            body.put("revision", event.revision());
            body.put("time", event.time().toString());
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Slack reads {@code <...>} as a link or mention: the three control characters are escaped as its docs ask. */
    private static String slackEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String shortId(String revision) {
        return revision.substring(0, Math.min(12, revision.length()));
    }
}
