package dev.logship.model;

import java.util.Objects;

/**
 * A value ECS reads when the task starts and hands the container as an environment variable
 * (the container definition's {@code secrets}), with the task execution role: an SSM parameter
 * (name or ARN) or a Secrets Manager secret, optionally one JSON key of it. The value itself
 * is never in Git, the task definition or logship's output; only where it lives is.
 */
public record SecretRef(Store store, String name, String jsonKey) {
    public enum Store { SSM, SECRETS_MANAGER }

    public SecretRef {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(name, "name");
        if (jsonKey != null && store != Store.SECRETS_MANAGER) {
            throw new IllegalArgumentException("only a Secrets Manager secret has JSON keys");
        }
    }

    public static SecretRef ssm(String name) {
        return new SecretRef(Store.SSM, name, null);
    }

    public static SecretRef secretsManager(String arn, String jsonKey) {
        return new SecretRef(Store.SECRETS_MANAGER, arn, jsonKey);
    }

    /** ECS's {@code valueFrom}: the parameter, the secret ARN, or {@code ARN:KEY::} for one JSON key. */
    public String valueFrom() {
        return jsonKey == null ? name : name + ":" + jsonKey + "::";
    }
}
