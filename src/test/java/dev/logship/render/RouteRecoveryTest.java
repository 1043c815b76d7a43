package dev.logship.render;

import static dev.logship.manifest.TestSnapshots.cluster;
import static dev.logship.manifest.TestSnapshots.forwarder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.diff.Differ;
import dev.logship.diff.Plan;
import dev.logship.diff.PlanText;
import dev.logship.diff.PlanView;
import dev.logship.manifest.TestSnapshots;
import dev.logship.model.ContainerSpec;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.LiveCluster;
import dev.logship.model.LiveService;
import dev.logship.model.Revision;
import dev.logship.model.TaskDefinitionSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, hole 2: everything logship makes visible about a forwarder (its task definition and
 * service tags, which ECS copies onto every task; its plan as text and as JSON, here for a route
 * change) is searched for a route, directly and by trying every port against every hash found in
 * it. A port is recovered if the visible data rules out the other 65,534; none may be.
 */
class RouteRecoveryTest {
    private static final String HOST = "logs3.papertrailapp.com";
    private static final int SECRET_PORT = 43121;
    private static final int OLD_PORT = 20555;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{8,64}");

    private static DesiredCluster renderCluster(String spec) {
        ReadResult result = DesiredStates.read(TestSnapshots.of("c.yaml", cluster("prod", "us-east-1"), "f.yaml", forwarder("pt", spec)));
        assertThat(result.problems()).isEmpty();
        return result.state().cluster("prod").orElseThrow();
    }

    private static DesiredForwarder render(String spec) {
        return renderCluster(spec).forwarders().get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"routes: [syslog+tls://" + HOST + ":%d]", "agent: fluentBit\nroutes: [syslog+tls://" + HOST + ":%d]"})
    void noPortIsRecoveredByBruteForceFromTagsOrPlans(String spec) throws Exception {
        DesiredCluster desired = renderCluster(spec.formatted(SECRET_PORT));
        DesiredForwarder now = desired.forwarders().get(0);
        DesiredForwarder before = render(spec.formatted(OLD_PORT));
        String visible = visible(desired, before);
        assertThat(visible).doesNotContain(HOST, String.valueOf(SECRET_PORT), String.valueOf(OLD_PORT));

        Set<String> hashes = new TreeSet<>();
        Matcher m = HEX.matcher(visible);
        while (m.find()) {
            hashes.add(m.group());
        }
        assertThat(hashes).as("the content hash is visible, so it is what an attacker would try").contains(now.contentHash());
        Set<Integer> consistent = new TreeSet<>();
        for (int port = 1; port <= 65535; port++) {
            DesiredForwarder candidate = withPort(now, port);
            String routeHash = sha256("syslog+tls://" + HOST + ":" + port);
            String hostPortHash = sha256(HOST + ":" + port);
            if (hashes.contains(ContentHash.of(candidate.taskDefinition(), candidate.service()))
                    || hashes.stream().anyMatch(h -> routeHash.startsWith(h) || hostPortHash.startsWith(h))) {
                consistent.add(port);
            }
        }
        // Either no candidate matches anything, or every one does: the visible data never narrows the port down.
        assertThat(consistent.size()).as("ports consistent with what is visible").isIn(0, 65535);
    }

    @Test
    void theContentHashIsTheSameWhateverTheRoute() {
        assertThat(render("routes: [syslog+tls://" + HOST + ":1]").contentHash())
                .isEqualTo(render("routes: [syslog+tls://other.example.com:2]").contentHash());
    }

    /** Tags of the revision and the service (ECS copies the service's onto tasks), plan text and plan JSON. */
    private static String visible(DesiredCluster desired, DesiredForwarder before) throws Exception {
        DesiredForwarder now = desired.forwarders().get(0);
        LiveService live = new LiveService("arn:service/pt", now.service().serviceName(), "ACTIVE",
                before.service().schedulingStrategy(), 2, 2, 0, "arn:task-definition/logship-pt:1", before.taskDefinition(),
                before.service().placementConstraints(), before.service().deployment(), before.service().propagateTags(),
                before.service().tags(), "COMPLETED", null);
        Plan plan = new Plan(new Revision("abc", "route change"),
                List.of(Differ.diff(desired, new LiveCluster("prod-ecs", true, 2, List.of(live)))));
        assertThat(plan.hasChanges()).isTrue();
        StringBuilder out = new StringBuilder();
        now.taskDefinition().tags().values().forEach(v -> out.append(v).append('\n'));
        now.service().tags().values().forEach(v -> out.append(v).append('\n'));
        out.append(now.contentHash()).append('\n');
        out.append(PlanText.render(plan)).append('\n');
        out.append(new ObjectMapper().writeValueAsString(PlanView.of(plan)));
        return out.toString();
    }

    /** The forwarder as it would render with another port: every place the secret port appears, replaced. */
    private static DesiredForwarder withPort(DesiredForwarder f, int port) {
        String from = ":" + SECRET_PORT;
        String to = ":" + port;
        TaskDefinitionSpec td = f.taskDefinition();
        List<ContainerSpec> containers = td.containers().stream().map(c -> {
            Map<String, String> env = new HashMap<>();
            c.environment().forEach((k, v) -> env.put(k, v.replace(from, to).replace(String.valueOf(SECRET_PORT), String.valueOf(port))));
            return new ContainerSpec(c.name(), c.image(), c.cpu(), c.memory(), c.memoryReservation(), c.essential(),
                    c.command().stream().map(a -> a.replace(from, to)).toList(), env, c.secrets(), c.portMappings(),
                    c.mountPoints(), c.healthCheck());
        }).toList();
        return f.withTaskDefinition(new TaskDefinitionSpec(td.family(), td.networkMode(), td.requiresCompatibilities(),
                containers, td.volumes(), td.placementConstraints(), td.tags(), td.executionRoleArn()));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
