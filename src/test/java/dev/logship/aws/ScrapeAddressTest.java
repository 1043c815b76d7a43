package dev.logship.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The address Prometheus gets for one forwarder on one node: the node's host, the forwarder's rendered port. */
class ScrapeAddressTest {
    @Test
    void theForwardersRenderedPortGoesWithTheNodesHost() {
        assertThat(ScrapeAddress.of("10.0.1.17", 2021)).isEqualTo("10.0.1.17:2021");
        assertThat(ScrapeAddress.of("10.0.1.17:2021", 2022)).as("two forwarders on a node, each at its own port")
                .isEqualTo("10.0.1.17:2022");
    }

    @Test
    void theAttributesPortIsNeverUsed() {
        assertThat(ScrapeAddress.of("10.0.1.17:9100", 2020)).isEqualTo("10.0.1.17:2020");
        assertThat(ScrapeAddress.of("10.0.1.17:notaport", 2020)).isEqualTo("10.0.1.17:2020");
        assertThatThrownBy(() -> ScrapeAddress.of("10.0.1.17:9100", 0)).as("no rendered port: not scraped, not guessed")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipv6HostsAreBracketed() {
        assertThat(ScrapeAddress.of("fd00::17", 2021)).isEqualTo("[fd00::17]:2021");
        assertThat(ScrapeAddress.of("[fd00::17]:9100", 2021)).isEqualTo("[fd00::17]:2021");
        assertThat(ScrapeAddress.of("[fd00::17]", 2020)).isEqualTo("[fd00::17]:2020");
    }
}
