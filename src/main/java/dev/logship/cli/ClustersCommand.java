package dev.logship.cli;

import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.AwsSettings;
import dev.logship.discovery.Discovered;
import dev.logship.discovery.SetCoverage;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.model.Snapshot;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What discovery sees and what each discovered cluster would get; reads ECS, changes nothing. */
@Command(name = "clusters", mixinStandardHelpOptions = true,
        description = {"List the clusters the ClusterSets discover, with their labels and forwarders.",
                "Per account and region (ListClusters, DescribeClusters with tags): each cluster with its labels and the",
                "forwarders it would get, and what each set covers. Nothing is changed.",
                "Exit codes: 0 listed; 3 an account or region could not be listed (said on stderr); 1 error."},
        footer = {"", "Examples:",
                "  logship clusters --repo . --ecs-endpoint http://127.0.0.1:4566 \\",
                "      --assume-roles always",
                "  logship clusters --repo https://github.com/acme/fleet.git --output json \\",
                "      | jq '.sets'"})
final class ClustersCommand implements Callable<Integer> {
    @Mixin
    SyncOptionsMixin options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Snapshot snapshot = PlanSession.snapshot(options);
        try (AwsEcsGateways gateways = new AwsEcsGateways(AwsSettings.of(options.ecsEndpoint, options.assumeRoles.parsed(),
                System.getenv()))) {
            Discovered discovered = Discover.once(snapshot, gateways.catalog(), err);
            ReadResult read = DesiredStates.read(snapshot, discovered.clusters());
            if (!read.ok()) {
                read.problems().forEach(err::println);
                err.println(read.problems().size() + " problem(s) in the manifests");
                return 1;
            }
            List<SetCoverage> coverage = SetCoverage.of(discovered, read.state());
            List<Map<String, Object>> rows = rows(discovered, read.state());
            if (options.output == SyncOptionsMixin.Format.json) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("sets", coverage);
                document.put("clusters", rows);
                out.println(Json.write(document));
            } else {
                print(out, coverage, rows);
            }
            out.flush();
            return coverage.stream().allMatch(SetCoverage::ready) ? 0 : 3;
        }
    }

    /** One row per discovered cluster: selected (with labels, forwarders and why) or excluded by the set's tags. */
    private static List<Map<String, Object>> rows(Discovered discovered, DesiredState state) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Discovered.SetReport set : discovered.sets()) {
            for (String name : set.selected()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("set", set.set());
                row.put("cluster", name);
                DesiredCluster cluster = state.cluster(name).orElse(null);
                row.put("outcome", cluster == null ? "overridden by a written Cluster" : cluster.target().suspend() ? "suspended"
                        : cluster.forwarders().isEmpty() ? "no forwarder selects it" : "covered");
                row.put("labels", cluster == null ? Map.of() : cluster.target().labels());
                Map<String, String> forwarders = new LinkedHashMap<>();
                state.placements().forEach((forwarder, where) -> {
                    if (where.containsKey(name)) {
                        forwarders.put(forwarder, where.get(name));
                    }
                });
                row.put("forwarders", forwarders);
                rows.add(row);
            }
            set.excludedByTags().forEach(name -> rows.add(Map.of("set", set.set(), "cluster", name, "outcome",
                    "excluded by tagSelector", "labels", Map.of(), "forwarders", Map.of())));
        }
        return rows;
    }

    private static void print(PrintWriter out, List<SetCoverage> coverage, List<Map<String, Object>> rows) {
        for (SetCoverage set : coverage) {
            out.printf("ClusterSet %s: %d discovered, %d covered, %d excluded by tags, %d suspended, %d without forwarders,"
                    + " %d overridden%n", set.set(), set.discovered(), set.covered(), set.excludedByTags(), set.suspended(),
                    set.withoutForwarders(), set.overridden());
            set.failing().forEach(f -> out.println("  failing: " + f));
            rows.stream().filter(r -> r.get("set").equals(set.set())).forEach(r -> {
                out.printf("  %s: %s %s%n", r.get("cluster"), r.get("outcome"), r.get("labels"));
                ((Map<?, ?>) r.get("forwarders")).forEach((f, why) -> out.printf("    + %s (%s)%n", f, why));
            });
        }
    }
}
