package dev.logship.cli;

import dev.logship.manifest.Problem;
import dev.logship.model.DesiredCluster;
import dev.logship.model.Snapshot;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Checks a manifest directory and prints every problem as file:line:column: field: message. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check every manifest in DIR and print every problem found (not just the first).",
        footer = {"", "Problems are printed to stdout as FILE:LINE:COLUMN: FIELD: MESSAGE.",
                "Warnings (e.g. an unmaintained agent) follow as",
                "warning: FILE:LINE:COLUMN: FIELD: MESSAGE.",
                "Exit status: 0 no problems (warnings allowed), 1 problems found,",
                "2 usage error (e.g. DIR does not exist).",
                "", "Example:", "  logship validate examples/desired-state"})
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ManifestDirectory directory;

    @Option(names = "--list", description = "Also list every cluster with its ECS cluster, region and forwarders.")
    boolean list;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Snapshot snapshot = directory.read(spec.commandLine());
        ReadResult result = DesiredStates.read(snapshot);
        PrintWriter out = spec.commandLine().getOut();
        if (result.ok()) {
            int forwarders = result.state().clusters().stream().mapToInt(c -> c.forwarders().size()).sum();
            out.printf("OK: %d clusters, %d forwarder deployments in %s (%s)%n", result.state().clusters().size(),
                    forwarders, snapshot.revision().description(), snapshot.revision().shortId());
            // A summary, not a line per cluster (a fleet of 300 would print 301 lines); --list has the detail.
            Map<String, Long> byRegion = result.state().clusters().stream()
                    .collect(Collectors.groupingBy(c -> c.target().region(), TreeMap::new, Collectors.counting()));
            out.println("  clusters per region: " + byRegion.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")) + (list ? "" : " (--list shows each)"));
            for (DesiredCluster cluster : list ? result.state().clusters() : List.<DesiredCluster>of()) {
                out.printf("  %s (%s, %s): %s%n", cluster.target().name(), cluster.target().clusterName(),
                        cluster.target().region(), cluster.forwarders().stream().map(f -> f.key().forwarder()).toList());
            }
            result.warnings().forEach(w -> out.println("warning: " + w));
            return 0;
        }
        result.problems().forEach(out::println);
        if (result.internalError() != null && System.getenv("LOGSHIP_DEBUG") != null) {
            result.internalError().printStackTrace(spec.commandLine().getErr());
        }
        long files = result.problems().stream().map(Problem::file).distinct().count();
        out.printf("%d problem%s in %d file%s%n", result.problems().size(), result.problems().size() == 1 ? "" : "s",
                files, files == 1 ? "" : "s");
        return 1;
    }
}
