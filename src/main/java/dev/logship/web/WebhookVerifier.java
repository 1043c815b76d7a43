package dev.logship.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides what one webhook request means, in this order: size, authenticity (before the body is
 * parsed at all), event type, then whether the push concerns the configured repository and ref.
 * The payload is only trusted to say "this repo and ref moved"; what to apply always comes from
 * fetching the configured source. Pure logic: headers come from a case-insensitive lookup.
 */
public final class WebhookVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PUSH_EVENTS = Set.of("push", "Push Hook", "Tag Push Hook", "repo:push", "repo:refs_changed");
    private static final Set<String> PING_EVENTS = Set.of("ping", "diagnostics:ping");

    private final WebhookSettings settings;

    public WebhookVerifier(WebhookSettings settings) {
        this.settings = settings;
    }

    public long maxBodyBytes() {
        return settings.maxBodyBytes();
    }

    /** The shared secret, or null when unsigned webhooks are allowed (package-private: only the routes need it). */
    String secret() {
        return settings.secret();
    }

    /** @param header case-insensitive header lookup returning null when absent */
    public WebhookOutcome handle(WebhookProvider provider, Function<String, String> header, byte[] body) {
        if (body.length > settings.maxBodyBytes()) {
            return WebhookOutcome.tooLarge(settings.maxBodyBytes());
        }
        if (settings.secret() != null) {
            String problem = WebhookAuthenticator.problem(provider, settings.secret(), header, body);
            if (problem != null) {
                return WebhookOutcome.unauthorized(problem);
            }
        }
        return handleAuthentic(provider, header, body);
    }

    /** The steps after authentication, for a body whose sender the routes already authenticated while reading it. */
    WebhookOutcome handleAuthentic(WebhookProvider provider, Function<String, String> header, byte[] body) {
        String event = provider.eventHeader() == null ? "push" : header.apply(provider.eventHeader());
        if (event == null || event.isBlank()) {
            return WebhookOutcome.malformed("missing " + provider.eventHeader() + " header");
        }
        if (PING_EVENTS.contains(event)) {
            return WebhookOutcome.pong();
        }
        if (!PUSH_EVENTS.contains(event)) {
            return WebhookOutcome.ignored("event '" + printable(event) + "' is not a push");
        }
        PushEvent push;
        try {
            push = PushEvent.from(provider, parse(provider, body));
        } catch (MalformedBody e) {
            return WebhookOutcome.malformed(e.getMessage());
        }
        return match(provider, push);
    }

    private WebhookOutcome match(WebhookProvider provider, PushEvent push) {
        if (push.repoUrls().isEmpty() && provider != WebhookProvider.GENERIC) {
            return WebhookOutcome.malformed("payload names no repository URL");
        }
        if (!push.repoUrls().isEmpty() && push.repoUrls().stream().noneMatch(u -> RepoUrls.sameRepository(u, settings.repo()))) {
            return WebhookOutcome.ignored("push to " + printable(RepoUrls.redact(push.repoUrls().get(0)))
                    + ", not the configured repository");
        }
        String tracked = settings.trackedRef().get();
        List<String> refs = push.refs();
        if (tracked != null && !tracked.isBlank() && !refs.isEmpty() && refs.stream().noneMatch(r -> refMatches(r, tracked))) {
            return WebhookOutcome.ignored("push to " + printable(String.join(", ", refs)) + ", following " + tracked);
        }
        String what = refs.isEmpty() ? "repository" : String.join(", ", refs);
        return WebhookOutcome.triggered(provider.pathSegment() + " push to " + printable(what), push.after());
    }

    static boolean refMatches(String pushed, String tracked) {
        return pushed.equals(tracked) || pushed.equals("refs/heads/" + tracked) || pushed.equals("refs/tags/" + tracked);
    }

    private static JsonNode parse(WebhookProvider provider, byte[] body) throws MalformedBody {
        if (body.length == 0) {
            if (provider == WebhookProvider.GENERIC) {
                return JSON.createObjectNode();
            }
            throw new MalformedBody("empty body; expected the JSON push payload");
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new MalformedBody("body is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            // Only the location: the parser's own message quotes payload text.
            var at = e.getLocation();
            throw new MalformedBody("malformed JSON body" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (java.io.IOException e) {
            throw new MalformedBody("unreadable body");
        }
    }

    /** Keeps echoed payload values short and on one line. */
    private static String printable(String value) {
        String clean = value.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() <= 200 ? clean : clean.substring(0, 200) + "...";
    }

    private static final class MalformedBody extends Exception {
        MalformedBody(String message) {
            super(message, null, false, false);
        }
    }
}
