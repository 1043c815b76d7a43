package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.rollout.ClusterRun;
import dev.logship.rollout.Phase;
import dev.logship.rollout.Rollout;
import dev.logship.rollout.RunRecord;
import dev.logship.rollout.SavedRollouts;
import dev.logship.state.RolloutFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code logship history --cluster C}: reads rollouts.json from the data directory; exit 0 shown, 1 on any error. */
class HistoryCommandTest {
    static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    static final String GOOD = "a1".repeat(20);
    static final String BAD = "b2".repeat(20);

    @TempDir
    Path dataDir;

    private void saved() {
        saved(dataDir);
    }

    private void saved(Path dataDir) {
        RunRecord good = new RunRecord("c01", GOOD, "rings", T0, 0, T0.plusSeconds(1), T0.plusSeconds(70),
                RunRecord.Outcome.SUCCEEDED, "", List.of("logship-papertrail:2"));
        RunRecord bad = new RunRecord("c01", BAD, "rings", T0.plusSeconds(600), 0, T0.plusSeconds(601), T0.plusSeconds(650),
                RunRecord.Outcome.ROLLED_BACK, "rolled back", List.of("logship-papertrail:3"));
        Rollout halted = new Rollout(BAD, "rings", T0.plusSeconds(600), Rollout.State.HALTED, Map.of(
                "c01", new ClusterRun("c01", 0, Phase.ROLLED_BACK, true, T0.plusSeconds(601), null, T0.plusSeconds(650), "rolled back"),
                "e01", ClusterRun.pending("e01", 1)), "cluster c01 went Degraded", false, false);
        RolloutFile file = new RolloutFile(dataDir);
        file.save(new SavedRollouts(List.of(halted), Map.of("c01", List.of(good, bad)), Map.of("c01", GOOD)));
        file.flush();
    }

    /** The demo keeps serve's state in DATA-DIR/mirror: history --data-dir DATA-DIR (the demo's own option) finds it. */
    @Test
    void theDemosDataDirectoryIsFoundThroughItsMirror() {
        saved(dataDir.resolve("mirror"));
        CliRun run = CliRun.of("history", "--data-dir", dataDir.toString(), "--cluster", "c01");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Cluster c01");
    }

    @Test
    void textShowsTheRolloutsNewestFirstWithOutcomeAndTaskDefinitions() {
        saved();
        CliRun run = CliRun.of("history", "--data-dir", dataDir.toString(), "--cluster", "c01");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Cluster c01", "last Healthy commit (rollback target): " + GOOD.substring(0, 12),
                "now: rollout of " + BAD.substring(0, 12) + " (policy rings, HALTED): wave 1, ROLLED_BACK");
        List<String> rows = run.out().lines().filter(l -> l.contains("logship-papertrail")).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).contains(BAD.substring(0, 12), "ROLLED_BACK", "logship-papertrail:3", "2026-11-30T12:10:01Z");
        assertThat(rows.get(1)).contains(GOOD.substring(0, 12), "SUCCEEDED", "logship-papertrail:2");
    }

    @Test
    void jsonCarriesFullCommitsTimesAndWavesFromOne() throws Exception {
        saved();
        CliRun run = CliRun.of("history", "--data-dir", dataDir.toString(), "--cluster", "c01", "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("cluster").asText()).isEqualTo("c01");
        assertThat(json.path("lastHealthyCommit").asText()).isEqualTo(GOOD);
        assertThat(json.path("current").path("rolloutState").asText()).isEqualTo("HALTED");
        assertThat(json.path("runs")).hasSize(2);
        JsonNode newest = json.path("runs").get(0);
        assertThat(newest.path("commit").asText()).isEqualTo(BAD);
        assertThat(newest.path("wave").asInt()).isEqualTo(1);
        assertThat(newest.path("startedAt").asText()).isEqualTo("2026-11-30T12:10:01Z");
        assertThat(newest.path("finishedAt").asText()).isEqualTo("2026-11-30T12:10:50Z");
        assertThat(newest.path("outcome").asText()).isEqualTo("ROLLED_BACK");
        assertThat(newest.path("taskDefinitions").get(0).asText()).isEqualTo("logship-papertrail:3");
    }

    @Test
    void aPendingClusterWithoutRunsIsShownNotAnError() {
        saved();
        CliRun run = CliRun.of("history", "--data-dir", dataDir.toString(), "--cluster", "e01");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("wave 2, PENDING", "no rollout has changed this cluster yet");
    }

    @Test
    void anUnknownClusterIsExitOneNamingTheKnownOnes() {
        saved();
        CliRun run = CliRun.of("history", "--data-dir", dataDir.toString(), "--cluster", "nope");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: no cluster named 'nope' in " + dataDir.resolve("rollouts.json"), "known clusters: c01, e01");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void noStateAndAnUnreadableStateAreExitOneWithTheFileNamed() throws Exception {
        CliRun none = CliRun.of("history", "--data-dir", dataDir.toString(), "--cluster", "c01");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("no rollout state in " + dataDir);

        Files.writeString(dataDir.resolve("rollouts.json"), "{\"format\": 1, \"rollouts\": [");
        CliRun corrupt = CliRun.of("history", "--data-dir", dataDir.toString(), "--cluster", "c01");
        assertThat(corrupt.exitCode()).isEqualTo(1);
        assertThat(corrupt.err()).containsPattern("error: \\Q" + dataDir.resolve("rollouts.json") + "\\E:1:\\d+: ");
        assertThat(dataDir.resolve("rollouts.json")).exists(); // history only reads: the file is left for serve to report
    }

    @Test
    void theDataDirectoryComesFromLogshipDataDirAndHelpShowsAnExample() {
        saved();
        CommandLine cli = new CommandLine(new Main());
        cli.setDefaultValueProvider(new EnvironmentDefaults(Map.of("LOGSHIP_DATA_DIR", dataDir.toString(), "LOGSHIP_OUTPUT", "json")));
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("history", "--cluster", "c01")).isZero();
        assertThat(out.toString()).contains("\"lastHealthyCommit\" : \"" + GOOD + "\"");

        CliRun help = CliRun.of("history", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Example:", "logship history --data-dir", "--cluster", "--output", "Exit codes: 0");
    }
}
