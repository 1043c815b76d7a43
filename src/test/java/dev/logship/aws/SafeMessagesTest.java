package dev.logship.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeMessagesTest {

    @Test
    void redactsRouteUrisFromErrorMessages() {
        String echoed = "Invalid container command [syslog+tls://logs7.papertrailapp.com:51234] for logspout";
        assertThat(SafeMessages.redact(echoed)).isEqualTo("Invalid container command [(uri redacted)] for logspout");
    }

    @Test
    void endpointComesFromTheOptionThenTheEnvironmentThenAwsDefault() {
        Map<String, String> env = Map.of(AwsSettings.ENDPOINT_VARIABLE, "http://127.0.0.1:4566");
        assertThat(AwsSettings.of("http://localhost:9999", env).endpoint()).hasToString("http://localhost:9999");
        assertThat(AwsSettings.of(null, env).endpoint()).hasToString("http://127.0.0.1:4566");
        assertThat(AwsSettings.of(null, Map.of()).endpoint()).isNull();
        assertThat(AwsSettings.of(null, env).endpointIsLocal()).isTrue();
    }
}
