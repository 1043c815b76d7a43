package dev.logship.manifest;

import static dev.logship.manifest.TestSnapshots.cluster;
import static dev.logship.manifest.TestSnapshots.forwarder;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** spec.scheduling: managedDaemon and spec.managedDaemon, validated by ECS's CreateDaemon rules. */
class ManagedDaemonManifestTest {
    private static final String ROUTES = "agent: fluentBit\nroutes: [syslog+tls://a.example.com:1]\n";

    private static Manifests parse(String spec) {
        return Manifests.parse(TestSnapshots.of("c.yaml", cluster("prod", "us-east-1"), "f.yaml", forwarder("pt", ROUTES + spec)));
    }

    private static List<String> problems(String spec) {
        return parse(spec).problems().stream().map(p -> p.field() + ": " + p.message()).toList();
    }

    @Test
    void readsCapacityProvidersDrainPercentBakeTimeAndAlarms() {
        Manifests m = parse("scheduling: managedDaemon\nmanagedDaemon:\n  capacityProviders: [managed, "
                + "'arn:aws:ecs:us-east-1:123456789012:capacity-provider/spot']\n  drainPercent: 12.5\n  bakeTime: 1h5m\n"
                + "  alarms:\n    names: [fluent-bit-errors]\n    rollback: true");

        ForwarderManifest f = m.forwarders().get(0);
        assertThat(f.scheduling()).isEqualTo(Scheduling.MANAGED_DAEMON);
        assertThat(f.managedDaemon()).isEqualTo(new ManagedDaemonSettings(
                List.of("managed", "arn:aws:ecs:us-east-1:123456789012:capacity-provider/spot"), 12.5, 65,
                List.of("fluent-bit-errors"), true));
    }

    @Test
    void aValidManagedDaemonHasNoProblem() {
        Manifests m = parse("scheduling: managedDaemon\nmanagedDaemon:\n  capacityProviders: [managed]");

        assertThat(m.problems()).isEmpty();
        assertThat(m.ok()).isTrue();
    }

    @Test
    void leavesDrainAndBakeToEcsWhenUnset() {
        ManagedDaemonSettings s = parse("scheduling: managedDaemon\nmanagedDaemon:\n  capacityProviders: [managed]")
                .forwarders().get(0).managedDaemon();
        assertThat(s.drainPercent()).isNull();
        assertThat(s.bakeTimeMinutes()).isNull();
        assertThat(s.alarmNames()).isEmpty();
    }

    @Test
    void requiresCapacityProvidersAsCreateDaemonDoes() {
        assertThat(problems("scheduling: managedDaemon")).singleElement().asString()
                .startsWith("spec.managedDaemon: required field is missing");
        assertThat(problems("scheduling: managedDaemon\nmanagedDaemon:\n  drainPercent: 10")).singleElement().asString()
                .startsWith("spec.managedDaemon.capacityProviders: required field is missing");
        assertThat(problems("scheduling: managedDaemon\nmanagedDaemon:\n  capacityProviders: []")).singleElement().asString()
                .contains("at least one capacity provider");
    }

    @Test
    void boundsFollowTheServiceModel() {
        String base = "scheduling: managedDaemon\nmanagedDaemon:\n  capacityProviders: [managed]\n";
        assertThat(problems(base + "  drainPercent: 101")).singleElement().asString()
                .isEqualTo("spec.managedDaemon.drainPercent: expected a percentage from 0 to 100 (ECS drainPercent), got 101");
        assertThat(problems(base + "  drainPercent: lots")).singleElement().asString().contains("percentage");
        assertThat(problems(base + "  bakeTime: 90s")).singleElement().asString().contains("whole minutes");
        assertThat(problems(base + "  alarms:\n    names: []")).singleElement().asString().contains("at least one alarm");
        assertThat(problems(base + "  alarms:\n    names: [x]\n    rollbak: true")).singleElement().asString()
                .startsWith("spec.managedDaemon.alarms.rollbak");
        assertThat(problems("scheduling: managedDaemon\nmanagedDaemon:\n  capacityProviders: ['bad name']"))
                .singleElement().asString().contains("not a capacity provider name");
    }

    @Test
    void serviceOnlyFieldsAreProblemsOnAManagedDaemonAndTheBlockOnServices() {
        assertThat(problems("scheduling: managedDaemon\nhostPort: 1234\nmanagedDaemon:\n  capacityProviders: [managed]"))
                .singleElement().asString().isEqualTo("spec.hostPort: hostPort only applies to scheduling: perNodePort");
        assertThat(problems("scheduling: managedDaemon\nplacementConstraints: [{type: distinctInstance}]\n"
                + "managedDaemon:\n  capacityProviders: [managed]")).singleElement().asString().startsWith("spec.placementConstraints");
        assertThat(problems("scheduling: daemon\nmanagedDaemon:\n  capacityProviders: [managed]")).singleElement().asString()
                .isEqualTo("spec.managedDaemon: managedDaemon only applies to scheduling: managedDaemon");
    }

    @Test
    void misspeltSchedulingSuggestsManagedDaemon() {
        assertThat(problems("scheduling: managedDeamon")).singleElement().asString().contains("did you mean managedDaemon?");
    }
}
