package dev.logship.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may call what, decided in one place before any handler runs. The mutating endpoints are
 * never open by default: with no API token they answer 403 naming the option, unless serve was
 * started with {@code --api-allow-unauthenticated}. An optional read token guards the GET API and
 * the page (a browser is asked for it by Basic authentication: any user name, the token as
 * password); health, readiness, metrics and the webhooks keep their own rules.
 */
public final class ApiAccess {
    static final Set<String> MUTATING = Set.of("/api/v1/sync", "/api/v1/rollouts/resume", "/api/v1/rollouts/override-windows");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ApiToken apiToken;
    private final boolean allowUnauthenticated;
    private final ApiToken readToken;

    private ApiAccess(ApiToken apiToken, boolean allowUnauthenticated, ApiToken readToken) {
        this.apiToken = apiToken;
        this.allowUnauthenticated = allowUnauthenticated;
        this.readToken = readToken;
    }

    /** Null or blank tokens mean none. */
    public static ApiAccess of(String apiToken, boolean allowUnauthenticated, String readToken) {
        return new ApiAccess(ApiToken.of(apiToken), allowUnauthenticated, ApiToken.of(readToken));
    }

    /** What start-up says about access (no token in it). */
    public List<String> startupLines() {
        String writes = apiToken.required() ? "need the API token (Authorization: Bearer)"
                : allowUnauthenticated ? "are OPEN to anyone who can reach this port (--api-allow-unauthenticated)"
                : "are closed (403): no --api-token (LOGSHIP_API_TOKEN) is set; set one, or --api-allow-unauthenticated to open them";
        String reads = readToken.required() ? "need the read token (or the API token)"
                : "are open to anyone who can reach this port (--read-token or LOGSHIP_READ_TOKEN guards them)";
        return List.of("POST /api/v1/sync, /api/v1/rollouts/resume and /api/v1/rollouts/override-windows " + writes,
                "the status page and GET /api/v1/* " + reads);
    }

    /** For the page's resume control: "token" (writes need the API token), "open" (allowed without) or "closed" (403). */
    String writes() {
        return apiToken.required() ? "token" : allowUnauthenticated ? "open" : "closed";
    }

    /** A Javalin before-handler: answers and skips the route when the caller may not call it. */
    void check(Context ctx) throws JsonProcessingException {
        String path = ctx.path();
        String method = ctx.method().name();
        if (method.equals("POST") && MUTATING.contains(path)) {
            if (apiToken.required() && !apiToken.admits(ctx.header("Authorization"))) {
                refuse(ctx, 401, "Bearer", "this endpoint needs 'Authorization: Bearer <api token>'");
            } else if (!apiToken.required() && !allowUnauthenticated) {
                refuse(ctx, 403, null, "POST " + path + " is closed: serve was started without --api-token (or LOGSHIP_API_TOKEN);"
                        + " set one and send 'Authorization: Bearer <token>', or start serve with --api-allow-unauthenticated"
                        + " to leave this endpoint open");
            }
        } else if ((method.equals("GET") || method.equals("HEAD")) && readToken.required() && guardedRead(path)
                && !mayRead(ctx.header("Authorization"))) {
            refuse(ctx, 401, "Basic realm=\"logship\", charset=\"UTF-8\"",
                    "this needs the read token: 'Authorization: Bearer <read token>' (a browser asks for it as a password)");
        }
    }

    private static boolean guardedRead(String path) {
        return path.equals("/") || path.startsWith("/api/") || path.startsWith("/assets/");
    }

    private boolean mayRead(String authorization) {
        if (readToken.admits(authorization) || apiToken.required() && apiToken.admits(authorization)) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            return readToken.admits("Bearer " + pair.substring(pair.indexOf(':') + 1));
        } catch (IllegalArgumentException e) {
            return false; // not Base64: not the token
        }
    }

    private static void refuse(Context ctx, int status, String challenge, String message) throws JsonProcessingException {
        if (challenge != null) {
            ctx.header("WWW-Authenticate", challenge);
        }
        ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(Map.of("error", message)));
        ctx.skipRemainingHandlers();
    }

    @Override
    public String toString() {
        return "ApiAccess[apiToken=" + apiToken + ", allowUnauthenticated=" + allowUnauthenticated + ", readToken=" + readToken + "]";
    }
}
