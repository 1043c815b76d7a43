package dev.logship.manifest;

import java.util.Optional;

/**
 * The {@code uriFrom} form for Fluent Bit, whose syslog output takes host and port as two
 * properties: the scheme is written in the manifest (it is no secret and decides the
 * transport), host and port come through ECS {@code secrets} either from two SSM parameters
 * ({@code hostSsm}, {@code portSsm}) or from two JSON keys of one Secrets Manager secret
 * ({@code secretsManager} with {@code hostKey} and {@code portKey}, rendered as ECS's
 * {@code ARN:KEY::} form).
 */
final class SplitRouteReader {
    private static final String FORMS = "either hostSsm and portSsm, or secretsManager with hostKey and portKey";

    private SplitRouteReader() {}

    static Optional<RouteSecret> read(Context context, Fields fields, String field) {
        Optional<String> scheme = fields.requiredString("scheme", "one of " + RouteUris.FLUENT_BIT_SCHEMES)
                .filter(value -> fields.check("scheme", RouteUris.FLUENT_BIT_SCHEMES.contains(value) ? Optional.empty()
                        : Optional.of("expected one of " + RouteUris.FLUENT_BIT_SCHEMES)));
        if (fields.has("ssm")) {
            context.report(fields.positionOf("ssm"), field + ".ssm", "Fluent Bit needs host and port separately and "
                    + "cannot split a URI: use " + FORMS);
            return Optional.empty();
        }
        boolean ssm = fields.has("hostSsm") || fields.has("portSsm");
        boolean secretsManager = fields.has("secretsManager") || fields.has("hostKey") || fields.has("portKey");
        if (ssm == secretsManager) {
            context.report(fields.position(), field, "expected " + FORMS);
            return Optional.empty();
        }
        if (ssm) {
            Optional<String> host = parameter(fields, "hostSsm");
            Optional<String> port = parameter(fields, "portSsm");
            if (scheme.isEmpty() || host.isEmpty() || port.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new RouteSecret(RouteSecret.Store.SSM, host.get(), scheme.get(), host.get(), port.get()));
        }
        Optional<String> arn = fields.requiredString("secretsManager", "a Secrets Manager secret ARN")
                .filter(value -> fields.check("secretsManager", EcsRules.secretArn(value)));
        Optional<String> hostKey = jsonKey(fields, "hostKey");
        Optional<String> portKey = jsonKey(fields, "portKey");
        if (scheme.isEmpty() || arn.isEmpty() || hostKey.isEmpty() || portKey.isEmpty()) {
            return Optional.empty();
        }
        // ECS: arn:aws:secretsmanager:region:account:secret:name:json-key:version-stage:version-id
        return Optional.of(new RouteSecret(RouteSecret.Store.SECRETS_MANAGER, arn.get(), scheme.get(),
                arn.get() + ":" + hostKey.get() + "::", arn.get() + ":" + portKey.get() + "::"));
    }

    private static Optional<String> parameter(Fields fields, String key) {
        return fields.requiredString(key, "an SSM parameter name")
                .filter(name -> fields.check(key, EcsRules.ssmParameter(name)));
    }

    /** A key of the secret's JSON; ':' would end it early in ECS's valueFrom. */
    private static Optional<String> jsonKey(Fields fields, String key) {
        return fields.requiredString(key, "a JSON key of the secret")
                .filter(name -> fields.check(key, name.isEmpty() || name.contains(":")
                        ? Optional.of("expected a non-empty JSON key without ':'") : Optional.empty()));
    }
}
