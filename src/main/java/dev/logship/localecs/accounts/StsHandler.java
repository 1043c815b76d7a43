package dev.logship.localecs.accounts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STS's AssumeRole and GetCallerIdentity in the AWS Query protocol ({@code POST /}, a form body
 * with {@code Action=...}, XML answers), as the SDK's StsClient and the AWS CLI speak it. The
 * credentials AssumeRole returns encode the role's account ({@link Accounts}), so ECS calls
 * signed with them count against that account's rate buckets. No policy is evaluated.
 */
public final class StsHandler implements HttpHandler {
    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Logger LOG = LoggerFactory.getLogger("localecs");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]{1,64})");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    private final Accounts accounts;
    private final CallCounts counts;

    public StsHandler(Accounts accounts, CallCounts counts) {
        this.accounts = accounts;
        this.counts = counts;
    }

    /** A Query-protocol request: no X-Amz-Target, a form-encoded body. */
    public static boolean accepts(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        return exchange.getRequestHeaders().getFirst("X-Amz-Target") == null && type != null
                && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String action = "unknown";
        try {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            action = form.getOrDefault("Action", "missing");
            String accessKey = Accounts.accessKey(exchange.getRequestHeaders().getFirst("Authorization"));
            counts.received(action, accounts.accountOf(accessKey));
            String result = switch (action) {
                case "AssumeRole" -> assumeRole(form);
                case "GetCallerIdentity" -> callerIdentity(accounts.caller(accessKey));
                default -> throw new StsError("InvalidAction", "Could not find operation " + action + " (local-ecs serves "
                        + "STS AssumeRole and GetCallerIdentity)");
            };
            send(exchange, 200, "<" + action + "Response xmlns=\"" + NAMESPACE + "\"><" + action + "Result>" + result + "</"
                    + action + "Result>" + metadata() + "</" + action + "Response>");
            LOG.info("sts {} 200", action);
        } catch (StsError e) {
            counts.failed(action, e.code);
            send(exchange, 400, "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>Sender</Type><Code>" + e.code
                    + "</Code><Message>" + xml(e.getMessage()) + "</Message></Error><RequestId>" + UUID.randomUUID()
                    + "</RequestId></ErrorResponse>");
            LOG.info("sts {} 400 {}: {}", action, e.code, e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private String assumeRole(Map<String, String> form) {
        String roleArn = required(form, "RoleArn");
        Matcher role = ROLE_ARN.matcher(roleArn);
        if (roleArn.length() < 20 || roleArn.length() > 2048 || !role.matches()) {
            throw new StsError("ValidationError", roleArn + " is invalid: a role ARN looks like arn:aws:iam::123456789012:role/NAME");
        }
        String session = required(form, "RoleSessionName");
        if (!SESSION_NAME.matcher(session).matches()) {
            throw new StsError("ValidationError", "Value '" + session + "' at 'roleSessionName' failed to satisfy constraint: "
                    + "2 to 64 characters of [\\w+=,.@-]");
        }
        long seconds = duration(form.get("DurationSeconds"));
        String account = role.group(1);
        String roleId = "AROA" + accounts.randomChars(17);
        Accounts.Caller caller = new Accounts.Caller(account,
                "arn:aws:sts::" + account + ":assumed-role/" + role.group(2) + "/" + session, roleId + ":" + session);
        String key = accounts.issue(caller);
        Instant expires = Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS);
        return "<Credentials><AccessKeyId>" + key + "</AccessKeyId><SecretAccessKey>" + accounts.secret()
                + "</SecretAccessKey><SessionToken>" + accounts.secret() + accounts.secret() + "</SessionToken><Expiration>"
                + expires + "</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>" + xml(caller.userId())
                + "</AssumedRoleId><Arn>" + xml(caller.arn()) + "</Arn></AssumedRoleUser>";
    }

    private static String callerIdentity(Accounts.Caller caller) {
        return "<UserId>" + xml(caller.userId()) + "</UserId><Account>" + caller.account() + "</Account><Arn>"
                + xml(caller.arn()) + "</Arn>";
    }

    private static long duration(String value) {
        if (value == null) {
            return 3600;
        }
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 900 && seconds <= 43_200) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StsError("ValidationError", "Value '" + value + "' at 'durationSeconds' failed to satisfy constraint: "
                + "a whole number of seconds from 900 to 43200");
    }

    private static String required(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null || value.isEmpty()) {
            throw new StsError("MissingParameter", "The request must contain the parameter " + name);
        }
        return value;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                out.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String metadata() {
        return "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>";
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** An STS error: Query-protocol code and message, always a sender fault here. */
    private static final class StsError extends RuntimeException {
        private final String code;

        StsError(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
