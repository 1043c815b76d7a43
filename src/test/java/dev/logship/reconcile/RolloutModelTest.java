package dev.logship.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.MaxConcurrent;
import dev.logship.model.Revision;
import dev.logship.model.RolloutPolicy;
import dev.logship.model.SyncWindow;
import dev.logship.model.Wave;
import dev.logship.rollout.ClusterRun;
import dev.logship.rollout.Phase;
import dev.logship.rollout.Rollout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Model-based test of the rollout driver and planner (issue 18): seeded random sequences of
 * commits (good, crash-looping, unchanged, repeated), health changes, drift, restarts with and
 * without the data directory, resume, deny windows and clock jumps against an in-memory ECS
 * ({@link RolloutModel}), checking after every step:
 * <ul>
 *   <li>I1 no mutating call on a cluster of a halted rollout except its rollback (and the halt's own record);</li>
 *   <li>I2 a rollback lands on exactly what the cluster last ran Healthy;</li>
 *   <li>I3 a restart with the same source and data directory makes 0 mutating calls once the fleet is settled;</li>
 *   <li>I4 a cluster the commit does not change causes no halt;</li>
 *   <li>I5 every rollout reaches a final state (DONE or HALTED, each cluster settled) within its timeouts;</li>
 *   <li>I6 no commit is applied inside a deny window.</li>
 * </ul>
 * A failure names its seed: {@code -Drollout.model.seed=<seed>} replays exactly that sequence.
 */
class RolloutModelTest {
    /** 1,000 in the default suite (the pom passes its property), 10,000 in -Preliability. */
    static final int SEQUENCES = Integer.getInteger("rollout.model.sequences", 1_000);
    static final int STEPS = 30;
    static final Duration BAKE = Duration.ofMinutes(10);
    static final Instant START = Instant.parse("2026-03-27T12:00:00Z"); // a Friday before Europe's clocks change

    static {
        // tens of thousands of rollout events and warnings: logged, they would cost more than the model itself
        dev.logship.logging.Logging.level("logship.events", "error");
        dev.logship.logging.Logging.level("dev.logship.reconcile", "error");
    }

    @Test
    void randomSequencesKeepEveryInvariant() {
        // a fixed base by default, so every run of the suite checks the same sequences and a failure is
        // reproducible from its printed seed; -Drollout.model.base=N explores others
        long base = Long.getLong("rollout.model.seed", Long.getLong("rollout.model.base", 20_261_207L));
        boolean one = System.getProperty("rollout.model.seed") != null;
        int sequences = one ? 1 : SEQUENCES;
        long steps = 0;
        long calls = 0;
        long halts = 0;
        long started = System.nanoTime();
        // CPU time as well as wall time: on a shared machine the wall time says more about the load than the test
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStarted = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < sequences; i++) {
            long seed = base + i;
            Sequence s = new Sequence(seed);
            s.play();
            steps += s.steps;
            calls += s.model.mutatingCalls;
            halts += s.halts;
            List<String> trace = s.model.trace;
            assertThat(s.model.violations).as("seed %d (replay: -Drollout.model.seed=%d), last steps:%n%s", seed, seed,
                    String.join("\n", trace.subList(Math.max(0, trace.size() - 40), trace.size()))).isEmpty();
        }
        System.out.printf("rollout model: %d sequences, %d steps, %d mutating calls, %d halted rollouts in %d ms (%d ms of CPU) (seeds %d..%d)%n",
                sequences, steps, calls, halts, (System.nanoTime() - started) / 1_000_000, (cpu.getCurrentThreadCpuTime() - cpuStarted) / 1_000_000,
                base, base + sequences - 1);
        assertThat(steps).isGreaterThanOrEqualTo((long) sequences * STEPS);
    }

    /** One random sequence: its fleet, its policy and its steps. */
    static final class Sequence {
        final Random random;
        final RolloutModel model;
        int steps;
        long halts;
        private int commitNumber;
        private final List<RolloutModel.Commit> made = new ArrayList<>();

        Sequence(long seed) {
            random = new Random(seed);
            Map<String, String> waves = new HashMap<>();
            int clusters = 2 + random.nextInt(4);
            for (int i = 0; i < clusters; i++) {
                waves.put("c" + i, i == 0 || random.nextInt(4) == 0 ? "canary" : "rest");
            }
            List<SyncWindow> windows = random.nextInt(3) == 0 && !Boolean.getBoolean("rollout.model.nowindows")
                    ? List.of(new SyncWindow(SyncWindow.Kind.DENY, "0 18 * * 5", Duration.ofHours(62), "Europe/Berlin")) : List.of();
            RolloutPolicy policy = new RolloutPolicy("rings", List.of(
                    new Wave("canary", Map.of("ring", "canary"), new MaxConcurrent(1, false)),
                    new Wave("rest", Map.of(), random.nextBoolean() ? MaxConcurrent.UNLIMITED : new MaxConcurrent(1, false))),
                    BAKE, random.nextBoolean() ? RolloutPolicy.OnFailure.ROLLBACK : RolloutPolicy.OnFailure.HALT, windows);
            model = new RolloutModel(waves, policy, START.plusSeconds(random.nextInt(3 * 24 * 3600)));
        }

        void play() {
            accept(commit(false, 1.0));
            settle();
            for (int i = 0; i < STEPS; i++) {
                step();
                steps++;
                model.runDue();
                checkNoUnchangedHalt();
            }
            settle();
            checkFinal();
        }

        private void step() {
            int pick = random.nextInt(100);
            model.trace.add("step " + steps + ": " + pick + " at " + model.clock.instant() + " " + model.rollouts.current().stream()
                    .map(r -> r.commit().substring(0, 6) + "=" + r.state() + r.clusters().values().stream()
                            .map(c -> c.cluster() + ":" + c.phase()).toList()).toList());
            if (pick < 15) {
                accept(commit(false, 0.6));
            } else if (pick < 25) {
                accept(commit(true, 0.6));
            } else if (pick < 30) {
                accept(commit(false, 0.0)); // a commit that changes no cluster
            } else if (pick < 35 && !made.isEmpty()) {
                accept(made.get(random.nextInt(made.size()))); // the same commit again (undo, force-push)
            } else if (pick < 42) {
                RolloutModel.Ecs e = model.ecs.get(anyCluster());
                e.degradedAnyway = !e.degradedAnyway;
            } else if (pick < 48) {
                model.ecs.get(anyCluster()).content = "manual-" + random.nextInt(3); // drift: an operator's change
            } else if (pick < 55) {
                restartQuiet();
            } else if (pick < 60) {
                model.restart(false);
            } else if (pick < 64) {
                model.rollouts.resume();
            } else if (pick < 67) {
                model.rollouts.overrideWindows();
            } else if (pick < 85) {
                model.clock.advance(Duration.ofSeconds(1 + random.nextInt((int) BAKE.toSeconds() * 2)));
            } else if (pick < 90) {
                model.clock.advance(Duration.ofHours(1 + random.nextInt(30))); // a clock jump
            } else {
                model.resyncAll();
            }
        }

        private String anyCluster() {
            List<String> names = model.waves.keySet().stream().sorted().toList();
            return names.get(random.nextInt(names.size()));
        }

        private RolloutModel.Commit commit(boolean crashing, double changeShare) {
            int n = ++commitNumber;
            Map<String, String> content = new HashMap<>();
            model.waves.keySet().forEach(c -> {
                String before = model.inForce == null ? "v0" : model.inForce.content().get(c);
                boolean change = random.nextDouble() < changeShare;
                content.put(c, change ? "v" + n + (crashing ? "-crash" : "") : before);
            });
            byte[] id = new byte[20];
            random.nextBytes(id);
            RolloutModel.Commit commit = new RolloutModel.Commit(new Revision(HexFormat.of().formatHex(id), "commit " + n), content);
            made.add(commit);
            return commit;
        }

        private void accept(RolloutModel.Commit commit) {
            model.accept(commit);
        }

        /** I3: a restart over a settled fleet with its data directory makes no mutating call. */
        private void restartQuiet() {
            settleWithoutClock();
            int before = model.mutatingCalls;
            model.restart(true);
            model.resyncAll();
            model.runDue();
            if (model.mutatingCalls != before) {
                model.violations.add("I3: a restart with the same source and state made " + (model.mutatingCalls - before)
                        + " mutating call(s) at " + model.clock.instant());
            }
        }

        /** Runs until nothing moves without the clock moving. */
        private void settleWithoutClock() {
            for (int round = 0; round < 20; round++) {
                int before = model.mutatingCalls;
                model.runDue();
                model.resyncAll();
                if (model.mutatingCalls == before && !model.runDue()) {
                    return;
                }
            }
        }

        /** Lets time pass (bakes, windows) until every rollout is final, within a bounded number of bake times. */
        private void settle() {
            for (int round = 0; round < 12; round++) {
                settleWithoutClock();
                model.clock.advance(BAKE.plusSeconds(1));
                model.runDue();
                model.resyncAll();
                if (allFinal()) {
                    return;
                }
                if (round == 5) {
                    model.clock.advance(Duration.ofDays(3)); // past any deny window
                }
            }
        }

        private boolean allFinal() {
            return model.rollouts.current().stream().allMatch(r -> r.state() != Rollout.State.RUNNING
                    && r.clusters().values().stream().noneMatch(c -> c.phase() == Phase.ROLLING_BACK));
        }

        /** I5 after settling; counts halts. */
        private void checkFinal() {
            for (Rollout r : model.rollouts.current()) {
                if (r.state() == Rollout.State.HALTED) {
                    halts++;
                }
                boolean open = r.state() == Rollout.State.RUNNING || r.clusters().values().stream().anyMatch(c -> c.phase() == Phase.ROLLING_BACK);
                if (open) {
                    model.violations.add("I5: the rollout of " + r.commit() + " did not end: " + r.state() + " " + r.clusters().values()
                            .stream().map(c -> c.cluster() + "=" + c.phase()).toList());
                }
            }
        }

        /** I4: every failed cluster of a halted rollout was changed by its commit (or records its halt). */
        private void checkNoUnchangedHalt() {
            for (Rollout r : model.rollouts.current()) {
                if (r.state() != Rollout.State.HALTED) {
                    continue;
                }
                for (ClusterRun run : r.clusters().values()) {
                    boolean changed = model.changedBy.getOrDefault(r.commit(), java.util.Set.of()).contains(run.cluster());
                    if (run.phase() == Phase.FAILED && !changed && run.changed()) {
                        model.violations.add("I4: " + run.cluster() + " halted the rollout of " + r.commit() + " which never changed it");
                    }
                }
            }
        }
    }
}
