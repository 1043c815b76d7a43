package dev.logship.manifest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads the spec of a {@code kind: LogForwarder}, applying {@link Defaults}. */
final class ForwarderReader {
    static final List<String> FIELDS = List.of("clusters", "image", "routes", "env", "excludeLabels", "backlog",
            "resources", "scheduling", "hostPort", "placementConstraints", "tags", "dockerSocket", "adopt", "executionRoleArn",
            "agent", "multiline", "exclude", "bufferLimit", "managedDaemon", "clusterSelector", "taskRoleArn", "telemetry",
            "healthCheck", "prometheusMetrics");
    /** Environment variables logship sets itself from other fields. */
    private static final Map<String, String> RENDERED_ENV =
            Map.of("ROUTE_URIS", "spec.routes", "EXCLUDE_LABELS", "spec.excludeLabels", "BACKLOG", "spec.backlog");

    /** The Fluent Bit pipeline reads route hosts and ports from variables with this prefix. */
    private static final String LOGSHIP_PREFIX = "LOGSHIP_";

    private ForwarderReader() {}

    static Optional<ForwarderManifest> read(Context context, String name, Position position, String directory, Node spec) {
        Optional<Fields> maybe = Fields.of(context, spec, "spec", FIELDS);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get();
        AgentSettings read = AgentReader.read(context, fields);
        AgentSettings withTelemetry = TelemetryReader.read(context, fields, read);
        List<String> clusters = fields.get("clusters")
                .flatMap(node -> Values.stringList(context, node, "spec.clusters")).orElse(null);
        String image = fields.string("image")
                .filter(value -> fields.check("image", EcsRules.image(value)))
                .orElse(read.fluentBit() ? Defaults.FLUENT_BIT_IMAGE : Defaults.IMAGE);
        AgentSettings agent = withTelemetry.withHealth(HealthProbeReader.read(context, fields, read, image).orElse(null));
        Optional<RoutesReader.Routes> routes = RoutesReader.read(context, fields, agent.agent());
        routes.ifPresent(r -> AgentReader.checkShare(context, fields, agent, r.count()));
        Map<String, String> env = env(context, fields, agent.agent());
        Map<String, String> excludeLabels = excludeLabels(context, fields);
        Boolean backlog = fields.bool("backlog").orElse(null);
        ResourcesReader.Resources resources = ResourcesReader.read(context, fields);
        Scheduling scheduling = scheduling(context, fields);
        int hostPort = hostPort(context, fields, scheduling);
        scheduling = scheduling == null ? Scheduling.DAEMON : scheduling;
        Optional<ManagedDaemonSettings> managedDaemon = ManagedDaemonReader.read(context, fields, scheduling);
        if (scheduling == Scheduling.MANAGED_DAEMON && fields.has("placementConstraints")) {
            context.report(fields.positionOf("placementConstraints"), "spec.placementConstraints", "a managed daemon "
                    + "runs on every instance of its capacity providers; choose them in spec.managedDaemon.capacityProviders");
        }
        var constraints = PlacementReader.read(context, fields);
        Map<String, String> tags = TagsReader.read(context, fields);
        String dockerSocket = fields.string("dockerSocket").filter(path -> fields.check(
                "dockerSocket", path.startsWith("/") ? Optional.empty()
                        : Optional.of("expected an absolute path on the node, e.g. " + Defaults.DOCKER_SOCKET)))
                .orElse(Defaults.DOCKER_SOCKET);
        boolean adopt = fields.bool("adopt").orElse(false);
        String executionRoleArn = executionRole(context, fields, routes);
        String taskRoleArn = RoleReader.taskRole(context, fields, routes.map(RoutesReader.Routes::destinations).orElse(List.of()));
        if (name == null || (scheduling == Scheduling.MANAGED_DAEMON && managedDaemon.isEmpty())) {
            return Optional.empty();
        }
        List<Position> clusterPositions = fields.get("clusters")
                .filter(SequenceNode.class::isInstance)
                .map(node -> ((SequenceNode) node).getValue().stream().map(context::at).toList())
                .orElse(List.of());
        ForwarderManifest forwarder = new ForwarderManifest(name, directory, position, clusters, fields.positionOf("clusters"),
                clusterPositions,
                image, routes.map(RoutesReader.Routes::literal).orElse(List.of()),
                routes.map(RoutesReader.Routes::secret).orElse(null), env, excludeLabels, backlog,
                resources.cpu(), resources.memory(), resources.memoryReservation(), scheduling, hostPort,
                constraints, tags, dockerSocket, adopt, executionRoleArn, agent, managedDaemon.orElse(null),
                routes.map(RoutesReader.Routes::destinations).orElse(List.of()), taskRoleArn, null, null);
        return Optional.of(fields.get("clusterSelector").flatMap(node -> SelectorReader.read(context, node, "spec.clusterSelector"))
                .map(selector -> forwarder.withClusterSelector(selector, fields.positionOf("clusterSelector"))).orElse(forwarder));
    }

    private static Map<String, String> env(Context context, Fields fields, Agent agent) {
        Map<String, String> env = new TreeMap<>();
        fields.get("env").flatMap(node -> Values.stringMap(context, node, "spec.env")).ifPresent(entries ->
                entries.forEach((key, value) -> {
                    String field = "spec.env." + key.getValue();
                    Optional<String> complaint = EcsRules.envName(key.getValue()).or(() ->
                            Optional.ofNullable(RENDERED_ENV.get(key.getValue()))
                                    .map(source -> key.getValue() + " is set by logship from " + source + "; use that field"))
                            .or(() -> agent == Agent.FLUENT_BIT && key.getValue().startsWith(LOGSHIP_PREFIX)
                                    ? Optional.of("names starting with " + LOGSHIP_PREFIX + " are set by logship from spec.routes")
                                    : Optional.empty());
                    complaint.ifPresentOrElse(message -> context.report(key, field, message),
                            () -> env.put(key.getValue(), value));
                }));
        return env;
    }

    /** ECS reads container secrets with the task execution role, so a uriFrom route needs one. */
    private static String executionRole(Context context, Fields fields, Optional<RoutesReader.Routes> routes) {
        String role = fields.string("executionRoleArn")
                .filter(arn -> fields.check("executionRoleArn", EcsRules.roleArn(arn)))
                .orElse(null);
        boolean secretRoute = routes.map(r -> r.secret() != null).orElse(false);
        boolean secretDestination = routes.map(r -> r.destinations().stream().anyMatch(d -> !d.secrets().isEmpty()))
                .orElse(false);
        if ((secretRoute || secretDestination) && !fields.has("executionRoleArn")) {
            context.report(fields.positionOf("routes"), "spec.executionRoleArn", (secretRoute ? "a uriFrom route"
                    : "a route with tokenFrom, apiKeyFrom or headersFrom") + " needs "
                    + "spec.executionRoleArn: ECS reads SSM parameters and secrets with the task execution role");
        }
        return role;
    }

    /** Rendered as {@code label:value;label2:value2}, so ':' in a label and ';' anywhere would split wrongly. */
    private static Map<String, String> excludeLabels(Context context, Fields fields) {
        Map<String, String> labels = new TreeMap<>();
        fields.get("excludeLabels").flatMap(node -> Values.stringMap(context, node, "spec.excludeLabels")).ifPresent(entries ->
                entries.forEach((key, value) -> {
                    if (key.getValue().contains(":") || key.getValue().contains(";") || value.contains(";")) {
                        context.report(key, "spec.excludeLabels." + key.getValue(),
                                "labels may not contain ':' or ';' and values may not contain ';' (logspout's EXCLUDE_LABELS separators)");
                    } else {
                        labels.put(key.getValue(), value);
                    }
                }));
        return labels;
    }

    /** The scheduling asked for; null when it is not one logship knows (already reported). */
    private static Scheduling scheduling(Context context, Fields fields) {
        String value = fields.string("scheduling").orElse(null);
        if (value == null) {
            return Scheduling.DAEMON;
        }
        Scheduling scheduling = Scheduling.fromYaml(value);
        if (scheduling == null) {
            String hint = Suggestions.closest(value, Scheduling.yamlNames()).map(s -> "; did you mean " + s + "?").orElse("");
            context.report(fields.positionOf("scheduling"), "spec.scheduling",
                    "unknown scheduling \"" + value + "\": expected one of " + Scheduling.yamlNames() + hint);
        }
        return scheduling;
    }

    /** ECS reserves these host ports for the Docker daemon and its agent in bridge mode. */
    private static final List<Integer> RESERVED_PORTS = List.of(22, 2375, 2376, 51678, 51679, 51680);

    private static int hostPort(Context context, Fields fields, Scheduling scheduling) {
        if (fields.has("hostPort") && scheduling != null && scheduling != Scheduling.PER_NODE_PORT) {
            context.report(fields.positionOf("hostPort"), "spec.hostPort", "hostPort only applies to scheduling: perNodePort");
        }
        return fields.integer("hostPort", 1, 65535).filter(port -> fields.check("hostPort",
                RESERVED_PORTS.contains(port) ? Optional.of("port " + port + " is reserved by ECS on every node "
                        + RESERVED_PORTS) : Optional.empty())).orElse(Defaults.HOST_PORT);
    }
}
