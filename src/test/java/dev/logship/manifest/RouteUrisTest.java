package dev.logship.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteUrisTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "syslog+tls://logs3.papertrailapp.com:12345",
        "syslog://10.0.0.1:514",
        "multiline+raw+tcp://logs.example.com:5000",
        "udp://logs.example.com:514?filter.name=*_web&filter.sources=stdout,stderr",
        "tls://[2001:db8::1]:6514",
        "syslog+tcp://logs.example.com:514/"
    })
    void acceptsLogspoutRoutes(String route) {
        assertThat(RouteUris.check(route)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "logs.papertrailapp.com:12345",
        "http://logs.example.com:80",
        "syslog+tls://logs.example.com",
        "syslog+tls://user:pw@logs.example.com:1",
        "syslog+tls://logs.example.com:1/path",
        "syslog+tls://logs.example.com:1?password=x",
        "syslog+tls://:514"
    })
    void rejectsRoutesLogspoutCannotUseWithoutRepeatingThem(String route) {
        assertThat(RouteUris.check(route)).hasValueSatisfying(message ->
                assertThat(message).doesNotContain("logs.example.com", "papertrailapp", "12345", "pw"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "syslog+tls://logs.example.com:0",
        "syslog+tls://logs.example.com:65536",
        "syslog+tls://logs.example.com:99999",
        "udp://logs.example.com:99999999999",
        "tls://[2001:db8::1]:70000"
    })
    void refusesPortsOutside1To65535WithoutRepeatingTheRoute(String route) {
        assertThat(RouteUris.check(route)).hasValueSatisfying(message ->
                assertThat(message).startsWith("route port must be 1-65535").doesNotContain("logs.example.com", "2001", "99999", "65536"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"syslog+tls://logs.example.com:1", "syslog+tls://logs.example.com:65535"})
    void acceptsTheEndsOfThePortRange(String route) {
        assertThat(RouteUris.check(route)).isEmpty();
    }
}
