package dev.logship.localecs.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** ECS-style pagination: an opaque nextToken carries the offset of the next item. */
public record Page<T>(List<T> items, String nextToken) {

    static <T> Page<T> of(List<T> all, Integer maxResults, String nextToken, int defaultSize, int maxSize) {
        int size = maxResults == null ? defaultSize : maxResults;
        if (size < 1 || size > maxSize) {
            throw EcsError.invalid("maxResults must be between 1 and " + maxSize + ".");
        }
        int from = nextToken == null || nextToken.isEmpty() ? 0 : decode(nextToken);
        int to = Math.min(all.size(), from + size);
        List<T> items = from >= all.size() ? List.of() : List.copyOf(all.subList(from, to));
        return new Page<>(items, to < all.size() ? encode(to) : null);
    }

    /**
     * The answer of a List* action: one page of {@code all}, chosen by the request's
     * maxResults and nextToken, under {@code field}, with the token of the next page if any.
     */
    public static ObjectNode listResponse(List<String> all, JsonNode request, String field, int defaultSize) {
        return listResponse(all, request, field, defaultSize, TextNode::valueOf);
    }

    /** The same, each key of the page shown as {@code view} makes it (List* actions that answer with summaries). */
    public static ObjectNode listResponse(List<String> all, JsonNode request, String field, int defaultSize,
                                          Function<String, JsonNode> view) {
        Page<String> page = of(all, Json.integer(request, "maxResults"), Json.text(request, "nextToken"), defaultSize, 100);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray(field);
        page.items().forEach(key -> list.add(view.apply(key)));
        if (page.nextToken() != null) {
            out.put("nextToken", page.nextToken());
        }
        return out;
    }

    private static String encode(int offset) {
        return Base64.getEncoder().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token) {
        try {
            String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith("offset:")) {
                throw new IllegalArgumentException(text);
            }
            return Integer.parseInt(text.substring("offset:".length()));
        } catch (IllegalArgumentException e) {
            throw EcsError.invalid("Invalid nextToken.");
        }
    }
}
