package dev.logship.cli;

import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.DesiredState;
import dev.logship.model.DaemonSpec;
import dev.logship.render.CliDaemonJson;
import dev.logship.render.CliInputJson;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints, per cluster, exactly what would be sent to ECS, in the AWS CLI's --cli-input-json shape. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Print the RegisterTaskDefinition and CreateService (for managedDaemon: RegisterDaemonTaskDefinition and CreateDaemon) inputs logship would send to ECS.",
                "One per cluster and forwarder, as JSON the AWS CLI accepts with --cli-input-json.",
                "Route URIs are masked unless --show-secrets."},
        footer = {"", "Exit status: 0 rendered, 1 the manifests have problems (printed to stderr),",
                "2 usage error.",
                "", "Examples:", "  logship render examples/desired-state",
                "  logship render examples/desired-state --cluster prod --show-secrets \\",
                "    | jq '.clusters[0].forwarders[0].registerTaskDefinition' > td.json",
                "  aws ecs register-task-definition --cli-input-json file://td.json"})
final class RenderCommand implements Callable<Integer> {
    @Mixin
    ManifestDirectory directory;

    @Option(names = "--cluster", paramLabel = "NAME", description = "Only this logical cluster (metadata.name of a Cluster).")
    String cluster;

    @Option(names = "--show-secrets", description = "Print route URIs in full (they are secrets: a Papertrail port is a password).")
    boolean showSecrets;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "json", description = "Output format: json (default).")
    String output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        if (!"json".equals(output)) {
            throw new CommandLine.ParameterException(cli, "unsupported --output " + output + ": expected json");
        }
        ReadResult result = DesiredStates.read(directory.read(cli));
        if (!result.ok()) {
            result.problems().forEach(cli.getErr()::println);
            cli.getErr().printf("render: %d problems; nothing rendered (see logship validate)%n", result.problems().size());
            return 1;
        }
        List<DesiredCluster> clusters = selected(result.state(), cli);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("revision", result.state().revision().id());
        document.put("clusters", clusters.stream().map(c -> cluster(c, result.state())).toList());
        cli.getOut().println(JsonOutput.pretty(document));
        return 0;
    }

    private List<DesiredCluster> selected(DesiredState state, CommandLine cli) {
        if (cluster == null) {
            return state.clusters();
        }
        return List.of(state.cluster(cluster).orElseThrow(() -> new CommandLine.ParameterException(cli,
                "no Cluster named " + cluster + "; defined: " + state.clusters().stream().map(c -> c.target().name()).toList())));
    }

    private Map<String, Object> cluster(DesiredCluster desired, DesiredState state) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cluster", desired.target().name());
        out.put("clusterName", desired.target().clusterName());
        out.put("region", desired.target().region());
        out.put("forwarders", desired.forwarders().stream().map(f -> forwarder(desired, f, state)).toList());
        return out;
    }

    private Map<String, Object> forwarder(DesiredCluster desired, DesiredForwarder forwarder, DesiredState state) {
        boolean mask = !showSecrets;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("forwarder", forwarder.key().forwarder());
        out.put("placedBecause", state.placements().getOrDefault(forwarder.key().forwarder(), Map.of())
                .getOrDefault(desired.target().name(), ""));
        out.put("contentHash", forwarder.contentHash());
        // Where records go, in words and masked: "api, worker -> cloudwatchLogs /ecs/prod/{container} (us-east-1)".
        out.put("routes", RoutesText.words(forwarder));
        if (!forwarder.telemetry().isEmpty()) {
            out.put("telemetry", forwarder.telemetry()); // "Fluent Bit metrics every 30 s to https://... (kind Telemetry ...)"
        }
        if (forwarder.perNodePort()) {
            out.put("note", "perNodePort: logship sets desiredCount to the cluster's ACTIVE container instance count at apply time");
        }
        if (forwarder.workload() instanceof DaemonSpec daemon) {
            out.put("registerDaemonTaskDefinition", CliDaemonJson.registerDaemonTaskDefinition(forwarder.taskDefinition(), mask));
            out.put("createDaemon", CliDaemonJson.createDaemon(daemon, desired.target().clusterName(),
                    forwarder.taskDefinition().family()));
            return out;
        }
        out.put("registerTaskDefinition", CliInputJson.registerTaskDefinition(forwarder.taskDefinition(), mask));
        out.put("createService", CliInputJson.createService(forwarder.service(), desired.target().clusterName(),
                forwarder.taskDefinition().family(), mask));
        return out;
    }
}
