package dev.logship.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each cluster's last rollouts: one record per rollout, updated as the cluster moves, trimmed to the last N. */
class HistoryTest {
    static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    static final String A = "a".repeat(40);
    static final String B = "b".repeat(40);

    private static Rollout rollout(String commit, Instant created, ClusterRun... runs) {
        Map<String, ClusterRun> map = new LinkedHashMap<>();
        for (ClusterRun r : runs) {
            map.put(r.cluster(), r);
        }
        return new Rollout(commit, "rings", created, Rollout.State.RUNNING, map, "", false, false);
    }

    private static ClusterRun run(String cluster, Phase phase, boolean changed) {
        return new ClusterRun(cluster, 0, phase, changed, T0, null, phase == Phase.DONE ? T0.plusSeconds(60) : null, "");
    }

    @Test
    void aChangedClusterGetsOneRecordThatFollowsItToTheEndWithTheRevisionsItRan() {
        Map<String, List<RunRecord>> h = History.record(Map.of(), rollout(A, T0, run("c1", Phase.IN_FLIGHT, true)),
                c -> List.of(), 5);
        h = History.record(h, rollout(A, T0, run("c1", Phase.BAKING, true)), c -> List.of("fwd:2"), 5);
        h = History.record(h, rollout(A, T0, run("c1", Phase.DONE, true)), c -> List.of("fwd:2"), 5);

        assertThat(h.get("c1")).singleElement().satisfies(r -> {
            assertThat(r.commit()).isEqualTo(A);
            assertThat(r.outcome()).isEqualTo(RunRecord.Outcome.SUCCEEDED);
            assertThat(r.startedAt()).isEqualTo(T0);
            assertThat(r.finishedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(r.taskDefinitions()).containsExactly("fwd:2");
        });
    }

    @Test
    void pendingAndAlreadyInSyncClustersGetNoRecord() {
        Map<String, List<RunRecord>> h = History.record(Map.of(), rollout(A, T0, ClusterRun.pending("c1", 0),
                run("c2", Phase.DONE, false)), c -> List.of("fwd:1"), 5);

        assertThat(h).isEmpty();
    }

    @Test
    void aRolledBackRecordKeepsTheRevisionsLastSeenOnItsCommit() {
        Map<String, List<RunRecord>> h = History.record(Map.of(), rollout(B, T0, run("c1", Phase.FAILED, true)),
                c -> List.of("fwd:3"), 5);
        h = History.record(h, rollout(B, T0, run("c1", Phase.ROLLED_BACK, true)), c -> List.of(), 5);

        assertThat(h.get("c1")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(RunRecord.Outcome.ROLLED_BACK);
            assertThat(r.taskDefinitions()).containsExactly("fwd:3");
        });
    }

    @Test
    void onlyTheLastNRolloutsAreKeptOldestFirst() {
        Map<String, List<RunRecord>> h = Map.of();
        for (int i = 0; i < 7; i++) {
            h = History.record(h, rollout("c" + i + "0".repeat(39), T0.plusSeconds(i), run("c1", Phase.DONE, true)), c -> List.of(), 3);
        }

        assertThat(h.get("c1")).extracting(r -> r.commit().substring(0, 2)).containsExactly("c4", "c5", "c6");
    }

    @Test
    void theSameCommitRolledOutAgainIsANewRecord() {
        Map<String, List<RunRecord>> h = History.record(Map.of(), rollout(A, T0, run("c1", Phase.DONE, true)), c -> List.of(), 5);
        h = History.record(h, rollout(A, T0.plusSeconds(300), run("c1", Phase.IN_FLIGHT, true)), c -> List.of(), 5);

        assertThat(h.get("c1")).hasSize(2);
    }

    @Test
    void aNewerCommitSupersedesRecordsStillInProgressButNotThoseOfTheRolloutsInForce() {
        Rollout old = rollout(A, T0, run("c1", Phase.BAKING, true), run("c2", Phase.DONE, true));
        Map<String, List<RunRecord>> h = History.record(Map.of(), old, c -> List.of(), 5);

        Map<String, List<RunRecord>> resumed = History.supersede(h, List.of(old), T0.plusSeconds(9));
        Map<String, List<RunRecord>> replaced = History.supersede(h, List.of(rollout(B, T0.plusSeconds(9))), T0.plusSeconds(9));

        assertThat(resumed).isEqualTo(h);
        assertThat(replaced.get("c1")).singleElement().extracting(RunRecord::outcome).isEqualTo(RunRecord.Outcome.SUPERSEDED);
        assertThat(replaced.get("c2")).singleElement().extracting(RunRecord::outcome).isEqualTo(RunRecord.Outcome.SUCCEEDED);
    }
}
