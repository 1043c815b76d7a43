package dev.logship.fluentbit.receivers;

/**
 * The credentials the receivers accept, which a test puts in the node's secret store (SSM /
 * Secrets Manager) so the forwarder gets them through ECS {@code secrets}, never its command.
 */
public final class DestinationSecrets {
    public static final String SPLUNK_TOKEN = "0f1e2d3c-4b5a-6978-8a9b-logship-hec";
    /** The OTLP collector's header value ({@code Authorization: Bearer ...}). */
    public static final String OTLP_AUTHORIZATION = "Bearer logship-test-otel-token";
    /** The HTTP intake's token, carried in the route's URI query as many intakes do. */
    public static final String HTTP_INTAKE_TOKEN = "logship-test-intake-token";
    public static final String DATADOG_API_KEY = "logshipTestDatadogApiKey0123456789";

    private DestinationSecrets() {}
}
