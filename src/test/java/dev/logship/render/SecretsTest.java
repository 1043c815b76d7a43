package dev.logship.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void masksHostPortAndOptionValuesButKeepsTheScheme() {
        assertThat(Secrets.maskRoute("syslog+tls://logs3.papertrailapp.com:12345")).isEqualTo("syslog+tls://****:****");
        assertThat(Secrets.maskRoute("udp://u:p@h:1?filter.name=web&append_tag")).isEqualTo("udp://****:****?filter.name=****&append_tag");
        assertThat(Secrets.maskRoute("garbage")).isEqualTo("****");
    }

    @Test
    void masksEachOfSeveralCommaSeparatedRoutes() {
        assertThat(Secrets.maskRoutes("syslog://a:1,tls://b:2")).isEqualTo("syslog://****:****,tls://****:****");
    }

    @Test
    void masksEveryOccurrenceOfEverySecretLongestFirst() {
        assertThat(Secrets.maskAll("token abc123 and abc123456 but not xyz", List.of("abc123", "abc123456", "")))
                .isEqualTo("token **** and **** but not xyz");
    }
}
