package dev.logship.fluentbit.receivers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;

/** A record as a destination stores it: JSON when the text is a JSON object, else the text itself. */
final class Records {
    private Records() {}

    static JsonNode parse(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            try {
                return ArrivalLog.JSON.readTree(trimmed);
            } catch (IOException e) {
                // not JSON after all: keep the text
            }
        }
        return TextNode.valueOf(text);
    }
}
