package dev.logship.fluentbit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * Resolves a container's {@code secrets} as the ECS agent does at task start: an SSM
 * parameter name gives the parameter's value; a Secrets Manager ARN gives the secret string,
 * or with {@code ARN:json-key:stage:version} the value of that JSON key.
 */
final class EcsSecrets {
    private EcsSecrets() {}

    static String resolve(String valueFrom, Map<String, String> store) throws Exception {
        if (!valueFrom.startsWith("arn:aws:secretsmanager:")) {
            return require(store, valueFrom);
        }
        String[] parts = valueFrom.split(":", -1);
        String arn = String.join(":", java.util.Arrays.copyOf(parts, 7));
        String secret = require(store, arn);
        if (parts.length <= 7 || parts[7].isEmpty()) {
            return secret;
        }
        var node = new ObjectMapper().readTree(secret).get(parts[7]);
        if (node == null) {
            throw new IllegalStateException("ResourceInitializationError: no JSON key " + parts[7] + " in the secret");
        }
        return node.asText();
    }

    private static String require(Map<String, String> store, String key) {
        String value = store.get(key);
        if (value == null) {
            throw new IllegalStateException("ResourceInitializationError: unable to retrieve secret " + key);
        }
        return value;
    }
}
