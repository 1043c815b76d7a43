package dev.logship.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The managedDaemon example (examples/desired-state/managed) is valid and reads as the settings it shows. */
class ManagedDaemonExampleTest {
    @Test
    void theExampleIsValid() throws IOException {
        Path dir = Path.of("examples/desired-state/managed");
        Manifests m = Manifests.parse(TestSnapshots.of("managed/cluster.yaml", Files.readString(dir.resolve("cluster.yaml")),
                "managed/fluent-bit-managed.yaml", Files.readString(dir.resolve("fluent-bit-managed.yaml"))));

        assertThat(m.problems()).isEmpty();
        assertThat(m.forwarders().get(0).managedDaemon())
                .isEqualTo(new ManagedDaemonSettings(List.of("managed"), 25.0, 5, List.of("fluent-bit-errors"), true));
    }
}
