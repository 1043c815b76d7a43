package dev.logship.localecs.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.logship.localecs.http.EcsError;
import dev.logship.localecs.http.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tags on clusters, services, task definitions and the rest, keyed by resource ARN. */
public final class Tags {
    static final int MAX_TAGS = 50;
    /** The state's tags by resource ARN (saved with it), in insertion order. */
    private final Map<String, Map<String, String>> byArn;

    public Tags(Map<String, Map<String, String>> byArn) {
        this.byArn = byArn;
    }

    /** Reads a request's {@code tags}: absent means none; an empty list is rejected as ECS does. */
    public static Map<String, String> parse(JsonNode body) {
        JsonNode tags = body.get("tags");
        Map<String, String> out = new LinkedHashMap<>();
        if (tags == null || tags.isNull()) {
            return out;
        }
        if (!tags.isArray() || tags.isEmpty()) {
            throw EcsError.invalid("Tags can not be empty.");
        }
        for (JsonNode tag : tags) {
            String key = Json.text(tag, "key");
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw EcsError.invalid("Tag keys must be between 1 and 128 characters.");
            }
            if (key.toLowerCase().startsWith("aws:")) {
                throw EcsError.invalid("Tag keys beginning with 'aws:' are reserved for AWS use.");
            }
            String value = Json.text(tag, "value");
            out.put(key, value == null ? "" : value);
        }
        if (out.size() > MAX_TAGS) {
            throw EcsError.invalid("Too many tags: a resource can have at most " + MAX_TAGS + " tags.");
        }
        return out;
    }

    static ArrayNode render(Map<String, String> tags) {
        ArrayNode out = Json.array();
        tags.forEach((k, v) -> out.addObject().put("key", k).put("value", v));
        return out;
    }

    public Map<String, String> of(String arn) {
        return byArn.getOrDefault(arn, Map.of());
    }

    public ArrayNode renderOf(String arn) {
        return render(of(arn));
    }

    public void add(String arn, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        Map<String, String> merged = new LinkedHashMap<>(of(arn));
        merged.putAll(tags);
        if (merged.size() > MAX_TAGS) {
            throw EcsError.invalid("Too many tags: a resource can have at most " + MAX_TAGS + " tags.");
        }
        byArn.put(arn, merged);
    }

    /** Replaces a resource's tags as ECS itself sets them (managed and propagated tags; no limit check). */
    public void set(String arn, Map<String, String> tags) {
        if (tags.isEmpty()) {
            byArn.remove(arn);
        } else {
            byArn.put(arn, new LinkedHashMap<>(tags));
        }
    }

    public void remove(String arn, List<String> keys) {
        for (String key : keys) {
            if (key.toLowerCase().startsWith("aws:")) {
                throw EcsError.invalid("Tag keys beginning with 'aws:' are reserved for AWS use.");
            }
        }
        Map<String, String> kept = new LinkedHashMap<>(of(arn));
        keys.forEach(kept::remove);
        byArn.put(arn, kept);
    }
}
