package dev.logship.manifest;

import dev.logship.model.SecretRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An otlp route's {@code headersFrom}: {@code {secretsManager: ARN, keys: [authorization]}} (each key
 * is a JSON key of the secret and the header's name) or {@code {ssm: /PATH, keys: [...]}} (the
 * parameter {@code /PATH/KEY} per header).
 */
final class HeadersReader {
    private static final List<String> FIELDS = List.of("ssm", "secretsManager", "keys");

    private HeadersReader() {}

    static Map<String, SecretRef> read(Context context, Fields route, String field) {
        Map<String, SecretRef> headers = new LinkedHashMap<>();
        Optional<Fields> maybe = Fields.of(context, route.get("headersFrom").orElseThrow(), field, FIELDS);
        if (maybe.isEmpty()) {
            return headers;
        }
        Fields from = maybe.get();
        if (from.has("ssm") == from.has("secretsManager")) {
            context.report(from.position(), field, "expected exactly one of ssm or secretsManager, with keys");
            return headers;
        }
        Optional<List<String>> keys = from.required("keys", "a list of header names")
                .flatMap(node -> Values.stringList(context, node, field + ".keys"));
        Optional<String> store = from.has("ssm")
                ? from.string("ssm").filter(name -> from.check("ssm", EcsRules.ssmParameter(name + "/x")))
                : from.string("secretsManager").filter(arn -> from.check("secretsManager", EcsRules.secretArn(arn)));
        if (keys.isEmpty() || store.isEmpty()) {
            return headers;
        }
        if (keys.get().isEmpty()) {
            context.report(from.positionOf("keys"), field + ".keys", "expected at least one header name");
        }
        for (int i = 0; i < keys.get().size(); i++) {
            String key = keys.get().get(i);
            if (!HttpRouteReader.header(key) || key.contains(":")) {
                context.report(from.positionOf("keys"), field + ".keys[" + i + "]", "expected an HTTP header name");
            } else {
                headers.put(key, from.has("ssm") ? SecretRef.ssm(store.get() + "/" + key)
                        : SecretRef.secretsManager(store.get(), key));
            }
        }
        return headers;
    }
}
