package dev.logship.cli;

import dev.logship.rollout.ClusterHistory;
import dev.logship.rollout.RunRecord;
import dev.logship.rollout.SavedRollouts;
import dev.logship.state.RolloutFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A cluster's last rollouts as serve saved them in its data directory; reads only, changes nothing. */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show a cluster's last rollouts, newest first, as serve saved them in its data directory.",
                "Each: commit, wave, start and end, outcome and task definitions; also the cluster's place in the",
                "rollout in force and its last Healthy commit (a rollback's target).",
                "Reads <data-dir>/rollouts.json, which serve writes (or <data-dir>/mirror/rollouts.json: the demo's); safe while serve runs.",
                "Exit codes: 0 shown; 1 error (no such cluster, no or unreadable rollout state)."},
        footer = {"", "Example:",
                "  logship history --data-dir /var/lib/logship --cluster prod-eu-1",
                "  LOGSHIP_DATA_DIR=/var/lib/logship \\",
                "      logship history --cluster prod-eu-1 --output json"})
final class HistoryCommand implements Callable<Integer> {
    enum Format { text, json }

    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "The cluster (its logical name, as in the Cluster manifest).")
    String cluster;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "serve's --data-dir, where rollouts.json is.")
    Path dataDir;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format output;

    @Spec
    CommandSpec spec;

    /** The directory holding rollouts.json: {@code dir} itself, or the demo's {@code dir/mirror} (demo --data-dir). */
    static Path stateDir(Path dir) {
        Path demo = dir.resolve("mirror");
        return !Files.isRegularFile(new RolloutFile(dir).path()) && Files.isRegularFile(new RolloutFile(demo).path()) ? demo : dir;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RolloutFile file = new RolloutFile(stateDir(dataDir));
        if (!Files.isRegularFile(file.path())) {
            err.println("error: no rollout state in " + dataDir + " (" + file.path() + " does not exist: serve writes it"
                    + " once it accepts a commit, when started with --data-dir " + dataDir + ")");
            return 1;
        }
        SavedRollouts saved;
        try {
            saved = file.read();
        } catch (RolloutFile.UnreadableException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        Optional<ClusterHistory> history = ClusterHistory.of(saved, cluster);
        if (history.isEmpty()) {
            List<String> known = ClusterHistory.clusters(saved);
            err.println("error: no cluster named '" + cluster + "' in " + file.path() + (known.isEmpty() ? ""
                    : "; known clusters: " + String.join(", ", known.size() > 20 ? known.subList(0, 20) : known)
                    + (known.size() > 20 ? ", ..." : "")));
            return 1;
        }
        out.print(output == Format.json ? Json.write(history.get().toMap()) + "\n" : text(history.get()));
        out.flush();
        return 0;
    }

    static String text(ClusterHistory h) {
        StringBuilder out = new StringBuilder("Cluster " + h.cluster() + "\n");
        h.current().ifPresent(c -> out.append("  now: rollout of ").append(short12(c.commit())).append(" (policy ")
                .append(c.policy()).append(", ").append(c.state()).append("): wave ").append(c.run().wave() + 1).append(", ")
                .append(c.run().phase()).append(c.run().healthySince() != null && c.run().finishedAt() == null
                        ? ", Healthy since " + c.run().healthySince() : "")
                .append(c.run().message().isEmpty() ? "" : " (" + c.run().message() + ")").append('\n'));
        out.append("  last Healthy commit (rollback target): ").append(h.lastHealthyCommit().map(HistoryCommand::short12).orElse("none yet")).append('\n');
        if (h.runs().isEmpty()) {
            return out.append("  no rollout has changed this cluster yet\n").toString();
        }
        String format = "  %-12s  %-4s  %-20s  %-20s  %-12s  %s%n";
        out.append(String.format(format, "COMMIT", "WAVE", "STARTED", "FINISHED", "OUTCOME", "TASK DEFINITIONS"));
        for (RunRecord r : h.runs()) {
            out.append(String.format(format, short12(r.commit()), r.wave() + 1, time(r.startedAt()), time(r.finishedAt()),
                    r.outcome(), r.taskDefinitions().isEmpty() ? "-" : String.join(", ", r.taskDefinitions())));
        }
        return out.toString();
    }

    private static String time(Instant t) {
        return t == null ? "-" : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static String short12(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }
}
