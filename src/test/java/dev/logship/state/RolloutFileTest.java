package dev.logship.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logship.rollout.ClusterRun;
import dev.logship.rollout.Phase;
import dev.logship.rollout.Rollout;
import dev.logship.rollout.RunRecord;
import dev.logship.rollout.SavedRollouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rollouts.json in the data directory: what is saved is read back, and a bad file never stops serve. */
class RolloutFileTest {
    static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

    @TempDir
    Path dataDir;

    static SavedRollouts sample() {
        ClusterRun baking = new ClusterRun("c01", 0, Phase.BAKING, true, T0, T0.plusSeconds(30), null, "");
        ClusterRun pending = ClusterRun.pending("c02", 1);
        Rollout rollout = new Rollout("a".repeat(40), "rings", T0, Rollout.State.RUNNING,
                Map.of("c01", baking, "c02", pending), "", false, false);
        RunRecord done = new RunRecord("c01", "b".repeat(40), "rings", T0.minusSeconds(600), 0, T0.minusSeconds(590),
                T0.minusSeconds(500), RunRecord.Outcome.SUCCEEDED, "", List.of("logship-papertrail:3"));
        return new SavedRollouts(List.of(rollout), Map.of("c01", List.of(done)), Map.of("c01", "b".repeat(40)),
                Map.of("c01", "9".repeat(40)));
    }

    @Test
    void whatIsSavedIsReadBackEqualIncludingBakeStartTimes() throws Exception {
        RolloutFile file = new RolloutFile(dataDir);
        file.save(sample());
        file.flush();

        SavedRollouts read = new RolloutFile(dataDir).read();

        assertThat(read).isEqualTo(sample());
        assertThat(read.rollouts().get(0).clusters().get("c01").healthySince()).isEqualTo(T0.plusSeconds(30));
        assertThat(Files.readString(file.path())).contains("\"format\" : 1").contains("2026-11-30T12:00:30Z");
    }

    @Test
    void noFileYetReadsAsNoState() throws Exception {
        assertThat(new RolloutFile(dataDir).read()).isEqualTo(SavedRollouts.empty());
        assertThat(new RolloutFile(dataDir.resolve("not-made-yet")).load()).isEqualTo(SavedRollouts.empty());
    }

    @Test
    void savingReplacesTheFileAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        RolloutFile file = new RolloutFile(dataDir);
        file.save(SavedRollouts.empty());
        file.save(sample());
        file.flush();

        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(RolloutFile.NAME, RolloutFile.HISTORY);
        }
        assertThat(file.read()).isEqualTo(sample());
    }

    @Test
    void saveIsOnDiskWhenItReturnsWhileSaveSoonWaitsForTheWriterOrAFlush() throws Exception {
        RolloutFile file = new RolloutFile(dataDir);
        file.save(sample());
        // the rollouts are durable at once (the history may follow): a restart now knows every started cluster
        assertThat(new RolloutFile(dataDir).read().rollouts()).isEqualTo(sample().rollouts());

        SavedRollouts later = new SavedRollouts(List.of(), sample().history(), Map.of("c01", "c".repeat(40)));
        file.saveSoon(later);
        file.flush();
        assertThat(new RolloutFile(dataDir).read()).isEqualTo(later);
    }

    @Test
    void manySavesSoonEndWithTheLatestOnDisk() throws Exception {
        RolloutFile file = new RolloutFile(dataDir);
        SavedRollouts last = null;
        for (int i = 0; i < 2000; i++) {
            last = new SavedRollouts(List.of(), Map.of(), Map.of("c01", String.format("%040d", i)));
            file.saveSoon(last);
        }
        file.flush();
        assertThat(new RolloutFile(dataDir).read()).isEqualTo(last);
    }

    @Test
    void aCorruptFileIsNamedWithLineAndColumnAndServeStartsEmptyKeepingItAside() throws Exception {
        RolloutFile file = new RolloutFile(dataDir);
        file.save(sample());
        file.flush();
        String text = Files.readString(file.path());
        Files.writeString(file.path(), text.substring(0, text.length() / 2)); // a write cut short by another tool

        assertThatThrownBy(file::read).isInstanceOf(RolloutFile.UnreadableException.class)
                .hasMessageMatching("\\Q" + file.path() + "\\E:\\d+:\\d+: .+");

        // the rollouts are lost, the history (its own file) is not
        assertThat(file.load()).isEqualTo(new SavedRollouts(List.of(), sample().history(), Map.of()));
        assertThat(file.path()).doesNotExist();
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(RolloutFile.HISTORY))).singleElement()
                    .asString().startsWith(RolloutFile.NAME + ".unreadable-");
        }
        RolloutFile serve = new RolloutFile(dataDir);
        serve.save(sample()); // and serve carries on saving
        serve.flush();
        assertThat(serve.read()).isEqualTo(sample());
    }

    @Test
    void aCorruptHistoryLosesOnlyTheHistory() throws Exception {
        RolloutFile file = new RolloutFile(dataDir);
        file.save(sample());
        file.flush();
        Files.writeString(file.historyPath(), "{\"format\": 1, \"history\": {\"c01\": [{\"cluster\": ");

        assertThatThrownBy(file::read).hasMessageStartingWith(file.historyPath() + ":1:");
        assertThat(new RolloutFile(dataDir).load()).isEqualTo(new SavedRollouts(sample().rollouts(), Map.of(), sample().lastHealthyCommits(),
                sample().previousHealthyCommits()));
    }

    @Test
    void aFileOfAnotherFormatIsReportedAsSuchNotMisread() throws IOException {
        RolloutFile file = new RolloutFile(dataDir);
        Files.writeString(file.path(), "{\"format\": 7, \"rollouts\": {\"x\": 1}}");

        assertThatThrownBy(file::read).isInstanceOf(RolloutFile.UnreadableException.class)
                .hasMessageContaining(file.path() + ":1: field format: expected 1, found 7");
        assertThat(file.load()).isEqualTo(SavedRollouts.empty());
    }

    @Test
    void aRecordMissingARequiredFieldIsUnreadableNotACrash() throws IOException {
        RolloutFile file = new RolloutFile(dataDir);
        Files.writeString(file.path(), "{\"format\": 1, \"rollouts\": [{\"policy\": \"rings\", \"state\": \"RUNNING\"}]}");

        assertThatThrownBy(file::read).isInstanceOf(RolloutFile.UnreadableException.class).hasMessageContaining("commit");
        assertThat(file.load()).isEqualTo(SavedRollouts.empty());
    }
}
