package dev.logship.manifest;

import dev.logship.model.SecretRef;
import java.util.List;
import java.util.Optional;

/**
 * {@code tokenFrom} / {@code apiKeyFrom}: {@code {ssm: NAME}} or {@code {secretsManager: ARN, key: JSON_KEY}}
 * ({@code key} optional: the whole secret string otherwise). ECS reads it with the execution role.
 */
final class SecretRefReader {
    private static final List<String> FIELDS = List.of("ssm", "secretsManager", "key");

    private SecretRefReader() {}

    static Optional<SecretRef> read(Context context, Fields route, String key, String field) {
        Optional<Fields> maybe = route.required(key, "{ssm: PARAMETER} or {secretsManager: ARN}")
                .flatMap(node -> Fields.of(context, node, field, FIELDS));
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields from = maybe.get();
        if (from.has("ssm") == from.has("secretsManager")) {
            context.report(from.position(), field, "expected exactly one of ssm or secretsManager");
            return Optional.empty();
        }
        if (from.has("ssm")) {
            if (from.has("key")) {
                context.report(from.positionOf("key"), field + ".key", "key names a JSON key of a Secrets Manager secret; "
                        + "an SSM parameter holds one value");
            }
            return from.string("ssm").filter(name -> from.check("ssm", EcsRules.ssmParameter(name))).map(SecretRef::ssm);
        }
        Optional<String> arn = from.string("secretsManager").filter(a -> from.check("secretsManager", EcsRules.secretArn(a)));
        Optional<String> jsonKey = from.string("key").filter(k -> from.check("key", jsonKey(k)));
        if (from.has("key") && jsonKey.isEmpty()) {
            return Optional.empty();
        }
        return arn.map(a -> SecretRef.secretsManager(a, jsonKey.orElse(null)));
    }

    /** A key of the secret's JSON; ':' would end it early in ECS's valueFrom. */
    static Optional<String> jsonKey(String key) {
        return key.isEmpty() || key.contains(":") ? Optional.of("expected a non-empty JSON key without ':'") : Optional.empty();
    }
}
