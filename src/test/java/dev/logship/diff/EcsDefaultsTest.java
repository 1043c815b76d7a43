package dev.logship.diff;

import static dev.logship.diff.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.ContainerSpec;
import dev.logship.model.DeploymentSpec;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.HealthCheck;
import dev.logship.model.LiveService;
import dev.logship.model.MountPoint;
import dev.logship.model.PlacementConstraint;
import dev.logship.model.PortMapping;
import dev.logship.model.ServiceSpec;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.model.Volume;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Equal content gives no change: one case per value ECS fills in or reorders. */
class EcsDefaultsTest {

    private static List<FieldDiff> diffAgainstLive(DesiredForwarder desired, UnaryOperator<TaskDefinitionSpec> ecsFills,
            DeploymentSpec reported) {
        LiveService live = live(desired, ecsFills.apply(desired.taskDefinition()), 3, reported);
        return Differ.fieldDiffs(desired, Differ.effectiveService(desired, 3), live);
    }

    private static TaskDefinitionSpec withContainer(TaskDefinitionSpec td, UnaryOperator<ContainerSpec> change) {
        return new TaskDefinitionSpec(td.family(), td.networkMode(), td.requiresCompatibilities(),
                td.containers().stream().map(change).toList(), td.volumes(), td.placementConstraints(), td.tags());
    }

    private static ContainerSpec withPorts(ContainerSpec c, List<PortMapping> ports) {
        return new ContainerSpec(c.name(), c.image(), c.cpu(), c.memory(), c.memoryReservation(), c.essential(),
                c.command(), c.environment(), c.secrets(), ports, c.mountPoints(), c.healthCheck());
    }

    private static ContainerSpec withHealth(ContainerSpec c, HealthCheck h) {
        return new ContainerSpec(c.name(), c.image(), c.cpu(), c.memory(), c.memoryReservation(), c.essential(),
                c.command(), c.environment(), c.secrets(), c.portMappings(), c.mountPoints(), h);
    }

    @Test
    void ignoresPortProtocolTcpFilledInByEcs() {
        DesiredForwarder desired = perNodePort("seed");
        assertThat(diffAgainstLive(desired, td -> withContainer(td, c -> withPorts(c, List.of(new PortMapping(1234, 1234, "tcp")))),
                new DeploymentSpec(200, 100))).isEmpty();
    }

    @Test
    void ignoresHostPortZeroInBridgeModeAndExplicitBridgeNetworkMode() {
        DesiredForwarder desired = perNodePort("seed");
        DesiredForwarder dynamic = new DesiredForwarder(desired.key(),
                withContainer(desired.taskDefinition(), c -> withPorts(c, List.of(new PortMapping(8080, 0, null)))),
                desired.service(), true, false, "abc123");
        TaskDefinitionSpec reported = withContainer(dynamic.taskDefinition(), c -> withPorts(c, List.of(new PortMapping(8080, 0, "tcp"))));
        TaskDefinitionSpec bridge = new TaskDefinitionSpec(reported.family(), "bridge", reported.requiresCompatibilities(),
                reported.containers(), reported.volumes(), reported.placementConstraints(), reported.tags());
        assertThat(diffAgainstLive(dynamic, td -> bridge, new DeploymentSpec(200, 100))).isEmpty();
    }

    @Test
    void ignoresHealthCheckTimingsFilledInByEcs() {
        DesiredForwarder base = daemon("papertrail");
        DesiredForwarder desired = new DesiredForwarder(base.key(), withContainer(base.taskDefinition(),
                c -> withHealth(c, new HealthCheck(List.of("CMD-SHELL", "true"), null, null, null, null))),
                base.service(), false, false, "abc123");
        assertThat(diffAgainstLive(desired, td -> withContainer(td,
                c -> withHealth(c, new HealthCheck(List.of("CMD-SHELL", "true"), 30, 5, 3, 0))),
                new DeploymentSpec(100, 0))).isEmpty();
    }

    @Test
    void ignoresDaemonDeploymentDefaults100And0() {
        assertThat(diffAgainstLive(daemon("papertrail"), td -> td, new DeploymentSpec(100, 0))).isEmpty();
    }

    @Test
    void ignoresReplicaDeploymentDefaults200And100() {
        assertThat(diffAgainstLive(perNodePort("seed"), td -> td, new DeploymentSpec(200, 100))).isEmpty();
    }

    @Test
    void ignoresContainerCpuZeroAndEssentialTrueAndEmptyLists() {
        DesiredForwarder base = daemon("papertrail");
        ContainerSpec minimal = new ContainerSpec("logspout", "gliderlabs/logspout:v3.2.14", 0, 128, null, true,
                null, null, null, null, null, null);
        TaskDefinitionSpec td = new TaskDefinitionSpec("logship-papertrail", null, null, List.of(minimal), null, null, null);
        DesiredForwarder desired = new DesiredForwarder(base.key(), td, base.service(), false, false, "abc123");
        ContainerSpec reported = new ContainerSpec("logspout", "gliderlabs/logspout:v3.2.14", 0, 128, null, true,
                List.of(), java.util.Map.of(), java.util.Map.of(), List.of(), List.of(), null);
        TaskDefinitionSpec filled = new TaskDefinitionSpec("logship-papertrail", null, List.of(), List.of(reported),
                List.of(), List.of(), java.util.Map.of());
        assertThat(diffAgainstLive(desired, x -> filled, new DeploymentSpec(100, 0))).isEmpty();
    }

    @Test
    void ignoresOrderOfMountPointsPortMappingsVolumesAndConstraints() {
        DesiredForwarder desired = perNodePort("seed");
        TaskDefinitionSpec td = desired.taskDefinition();
        ContainerSpec c = td.containers().get(0);
        List<MountPoint> mounts = new ArrayList<>(c.mountPoints());
        Collections.reverse(mounts);
        List<PortMapping> ports = List.of(new PortMapping(1234, 1234, "tcp"), new PortMapping(80, 0, "tcp"));
        DesiredForwarder twoPorts = new DesiredForwarder(desired.key(), withContainer(td,
                x -> withPorts(x, List.of(new PortMapping(80, 0, null), new PortMapping(1234, 1234, null)))),
                desired.service(), true, false, "abc123");
        List<Volume> volumes = new ArrayList<>(td.volumes());
        Collections.reverse(volumes);
        ContainerSpec shuffled = new ContainerSpec(c.name(), c.image(), c.cpu(), c.memory(), c.memoryReservation(),
                c.essential(), c.command(), c.environment(), c.secrets(), ports, mounts, c.healthCheck());
        TaskDefinitionSpec reported = new TaskDefinitionSpec(td.family(), null, td.requiresCompatibilities(),
                List.of(shuffled), volumes, td.placementConstraints(), td.tags());
        assertThat(diffAgainstLive(twoPorts, x -> reported, new DeploymentSpec(200, 100))).isEmpty();
    }

    @Test
    void ignoresOrderOfServicePlacementConstraintsAndPropagateTagsNone() {
        DesiredForwarder base = perNodePort("seed");
        List<PlacementConstraint> constraints = List.of(new PlacementConstraint("memberOf", "attribute:a == 1"),
                new PlacementConstraint("distinctInstance", null));
        ServiceSpec s = base.service();
        DesiredForwarder desired = new DesiredForwarder(base.key(), base.taskDefinition(), new ServiceSpec(s.serviceName(),
                s.schedulingStrategy(), null, constraints, s.deployment(), null, s.tags()), true, false, "abc123");
        LiveService reported = live(desired);
        LiveService reordered = new LiveService(reported.serviceArn(), reported.serviceName(), "ACTIVE",
                reported.schedulingStrategy(), 3, 3, 0, reported.taskDefinitionArn(), reported.taskDefinition(),
                List.of(constraints.get(1), constraints.get(0)), reported.deployment(), "NONE", reported.tags(), "COMPLETED", null);
        assertThat(Differ.fieldDiffs(desired, Differ.effectiveService(desired, 3), reordered)).isEmpty();
    }
}
