package dev.logship.diff;

import static dev.logship.diff.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.ContainerSpec;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.Revision;
import dev.logship.model.TaskDefinitionSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTextTest {

    private static DesiredForwarder withRoute(DesiredForwarder f, String route) {
        TaskDefinitionSpec td = f.taskDefinition();
        ContainerSpec c = td.containers().get(0);
        ContainerSpec changed = new ContainerSpec(c.name(), c.image(), c.cpu(), c.memory(), c.memoryReservation(),
                c.essential(), List.of(route), Map.of("ROUTE_BACKUP", route), c.secrets(), c.portMappings(),
                c.mountPoints(), c.healthCheck());
        return new DesiredForwarder(f.key(), new TaskDefinitionSpec(td.family(), td.networkMode(),
                td.requiresCompatibilities(), List.of(changed), td.volumes(), td.placementConstraints(), td.tags()),
                f.service(), f.perNodePort(), f.adopt(), f.contentHash());
    }

    @Test
    void masksRouteUrisInCommandAndEnvironmentButShowsThatTheyChanged() {
        DesiredForwarder old = daemon("papertrail");
        DesiredForwarder desired = withRoute(old, "syslog+tls://logs9.papertrailapp.com:40000");
        Plan plan = new Plan(new Revision("abc", "test"),
                List.of(Differ.diff(cluster(target(true, false), desired, perNodePort("seed")), liveCluster(live(old)))));
        String text = PlanText.render(plan);
        assertThat(text).doesNotContain("papertrailapp", "51234", "40000");
        assertThat(text).contains("~   prod/papertrail (service papertrail)",
                "taskDefinition.containers[logspout].command: (sensitive) -> (sensitive)",
                "taskDefinition.containers[logspout].environment.ROUTE_BACKUP: (absent) -> (sensitive)",
                "+   prod/seed (service seed)",
                "Plan: 1 to create, 1 to update, 0 to recreate, 0 to prune.");
        assertThat(PlanView.of(plan).toString()).doesNotContain("papertrailapp");
    }

    @Test
    void summaryCountsConflictsAndPrunes() {
        DesiredForwarder desired = daemon("papertrail");
        var handMade = DifferTest.withTags(live(desired), Map.of());
        Plan plan = new Plan(new Revision("abc", "test"), List.of(Differ.diff(cluster(target(true, false), desired),
                liveCluster(handMade, live(daemon("old"))))));
        String text = PlanText.render(plan);
        assertThat(text).contains("!   prod/papertrail", "-   prod/old (service old)",
                "Plan: 0 to create, 0 to update, 0 to recreate, 1 to prune, 1 in conflict.");
    }
}
