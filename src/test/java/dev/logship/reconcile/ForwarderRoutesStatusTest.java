package dev.logship.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.diff.ClusterPlan;
import dev.logship.diff.Create;
import dev.logship.model.ClusterTarget;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.RouteSummary;
import dev.logship.manifest.TestSnapshots;
import dev.logship.render.DesiredStates;
import dev.logship.render.TelemetryExpected;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwarderRoutesStatusTest {
    @Test
    void statusShowsEachRouteByKindAndMaskedTarget() throws Exception {
        DesiredCluster cluster = DesiredStates.read(TestSnapshots.of("c.yaml", TestSnapshots.cluster("prod", "us-east-1"),
                "f.yaml", TestSnapshots.forwarder("pt", """
                        agent: fluentBit
                        taskRoleArn: arn:aws:iam::123456789012:role/fb-task
                        routes:
                          - syslog+tls://logs3.papertrailapp.com:12345
                          - cloudwatchLogs: {region: us-east-1, logGroup: "/ecs/prod/{container}"}
                            match: {containers: [api, worker]}
                        """))).state().cluster("prod").orElseThrow();
        DesiredForwarder f = cluster.forwarders().get(0);
        ClusterPlan plan = new ClusterPlan(new ClusterTarget("prod", "prod-ecs", "us-east-1", null, true, false, false),
                true, 1, List.of(new Create(f, f.service())), List.of(), List.of());
        ForwarderStatus status = ForwarderRows.of(plan, TelemetryExpected.INGEST).get(0).status();
        assertThat(status.routes()).containsExactly(new RouteSummary("syslog", "syslog+tls://****:****", "all"),
                new RouteSummary("cloudwatchLogs", "/ecs/prod/{container} (us-east-1)", "api, worker"));
        String json = new ObjectMapper().writeValueAsString(status);
        assertThat(json).contains("\"routes\":[{\"kind\":\"syslog\"").doesNotContain("papertrailapp", "12345");
    }
}
