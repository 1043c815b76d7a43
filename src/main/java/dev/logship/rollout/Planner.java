package dev.logship.rollout;

import dev.logship.model.RolloutPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rollout planner, a pure function of (policy, rollout state, observed clusters, clock):
 * which clusters may be changed now, which must roll back, and whether the rollout is halted.
 * Waves run strictly in order; within a wave at most maxConcurrent clusters are IN_FLIGHT
 * (applied, not yet Healthy); a wave is done when each of its clusters has been Healthy for
 * bakeTime (and, under requireDelivery, delivers: see {@link Bake}). A Degraded cluster, or one
 * whose bake fails by delivery, halts the rollout; later waves are never touched. A cluster of a
 * finished wave counts while the rollout runs: Degraded, or (under requireDelivery) delivering
 * badly for the window, it halts the rollout too, and while it delivers badly nothing more starts.
 */
public final class Planner {
    private final RolloutPolicy policy;
    private final Windows windows;
    private final Bake bake;

    public Planner(RolloutPolicy policy, CronTimes cron) {
        this.policy = policy;
        this.windows = new Windows(policy.windows(), cron);
        this.bake = new Bake(policy);
    }

    /** A new rollout of {@code commit} over these clusters: every one PENDING in its wave. */
    public Rollout start(String commit, List<Observation> clusters, Instant now) {
        Map<String, ClusterRun> runs = new LinkedHashMap<>();
        clusters.stream().sorted(Comparator.comparing(Observation::cluster)).forEach(o -> {
            runs.put(o.cluster(), ClusterRun.pending(o.cluster(), policy.waveOf(o.labels())));
        });
        return new Rollout(commit, policy.name(), now, Rollout.State.RUNNING, runs, "", false, false);
    }

    /** An operator's resume of a halted rollout: failed and rolled-back clusters are tried again. */
    public Rollout resume(Rollout rollout) {
        if (rollout.state() != Rollout.State.HALTED) {
            return rollout;
        }
        Map<String, ClusterRun> runs = new LinkedHashMap<>();
        rollout.clusters().forEach((name, run) -> runs.put(name, run.phase() == Phase.FAILED
                || run.phase() == Phase.ROLLED_BACK || run.phase() == Phase.ROLLING_BACK
                ? ClusterRun.pending(name, run.wave()) : run));
        return rollout.with(Rollout.State.RUNNING, runs, "", false);
    }

    public Decision step(Rollout rollout, Map<String, Observation> observed, Instant now) {
        return step(rollout, observed, now, cluster -> true);
    }

    /**
     * One step at {@code now}. {@code canRollBack}: whether a cluster has an earlier Healthy commit
     * to return to; one without keeps its phase (RolledBack is said only of what was rolled back).
     */
    public Decision step(Rollout rollout, Map<String, Observation> observed, Instant now,
            java.util.function.Predicate<String> canRollBack) {
        Map<String, ClusterRun> runs = new LinkedHashMap<>(rollout.clusters());
        List<Notice> notices = new ArrayList<>();
        boolean running = rollout.state() == Rollout.State.RUNNING;
        observe(runs, observed, now, running, notices);
        Rollout.State state = rollout.state();
        String reason = rollout.haltReason();
        List<String> rollBack = new ArrayList<>();
        Optional<ClusterRun> failed = runs.values().stream().filter(r -> r.phase() == Phase.FAILED).findFirst();
        if (running && failed.isPresent()) {
            state = Rollout.State.HALTED;
            reason = haltReason(failed.get());
            notices.add(Notice.of("Halted", "", reason));
            if (policy.onFailure() == RolloutPolicy.OnFailure.ROLLBACK) {
                String why = "rolling back: " + reason;
                runs.replaceAll((name, run) -> run.changed() && run.phase().touched() && canRollBack.test(name)
                        ? run.to(Phase.ROLLING_BACK, now, why) : run);
                runs.values().stream().filter(r -> r.phase() == Phase.ROLLING_BACK).forEach(r -> rollBack.add(r.cluster()));
            }
        }
        List<String> apply = new ArrayList<>();
        Optional<Instant> blockedUntil = Optional.empty();
        boolean blockedNotified = rollout.windowBlockedNotified();
        if (state == Rollout.State.RUNNING) {
            if (!rollout.windowOverride() && !windows.allowed(now) && anyPending(runs)) {
                blockedUntil = windows.nextAllowed(now);
                if (!blockedNotified) {
                    notices.add(Notice.of("WindowBlocked", "", "a sync window blocks the rollout of " + rollout.commit()
                            + blockedUntil.map(t -> " until " + t).orElse(": no allowed time found within " + Windows.HORIZON.toDays() + " days")));
                    blockedNotified = true;
                }
            } else {
                blockedNotified = false;
                startWhatMay(runs, observed, now, apply);
            }
            if (runs.values().stream().allMatch(r -> r.phase() == Phase.DONE)) {
                state = Rollout.State.DONE;
            }
        }
        Rollout next = rollout.with(state, runs, reason, blockedNotified);
        boolean stillRunning = state == Rollout.State.RUNNING;
        Optional<Instant> wakeAt = wakeAt(runs, observed, now, blockedUntil, stillRunning);
        List<String> wake = wakeAt.isPresent() ? toWake(runs, observed, now, wakeAt.get(), blockedUntil, stillRunning) : List.of();
        return new Decision(next, apply, rollBack, notices, wakeAt, wake, blockedUntil);
    }

    /** Moves clusters along by what was observed: in flight -> baking -> done, or failed. */
    private void observe(Map<String, ClusterRun> runs, Map<String, Observation> observed, Instant now,
            boolean running, List<Notice> notices) {
        List<String> baked = new ArrayList<>();
        runs.replaceAll((name, run) -> {
            Observation o = observed.get(name);
            if (o == null) {
                return run; // not observed this time: keep what we knew
            }
            ClusterRun next = advance(run, o, now, running);
            if (next.phase() != run.phase() && (next.changed() || next.phase() == Phase.FAILED)) {
                switch (next.phase()) {
                    case FAILED -> notices.add(Notice.of("Degraded", name, Bake.byDelivery(next) ? byDelivery(next)
                            : next.changed() ? name + " went Degraded in wave "
                            + waveName(run.wave()) + ": " + o.message() : name + ": " + o.message()));
                    case DONE -> baked.add(name);
                    case ROLLED_BACK -> notices.add(Notice.of("RolledBack", name, name + " is back on its last Healthy commit"));
                    default -> { }
                }
            }
            return next;
        });
        BakedNotices.add(runs, baked, this::waveName, notices);
    }

    private ClusterRun advance(ClusterRun run, Observation o, Instant now, boolean running) {
        ClusterHealth h = o.health();
        boolean settled = run.phase() == Phase.FAILED || run.phase() == Phase.ROLLING_BACK || run.phase() == Phase.ROLLED_BACK;
        if (o.haltedHere() && !settled) {
            return run.refused(now, o.message()); // halted here before: nothing is applied, nothing to roll back
        }
        if ((run.phase() == Phase.PENDING || run.phase() == Phase.IN_FLIGHT) && !o.needsChange()) {
            // the commit changes nothing here: it passes at once, whatever its health (which predates the commit)
            return run.unchanged(now);
        }
        return switch (run.phase()) {
            case IN_FLIGHT -> h == ClusterHealth.HEALTHY ? bake.step(run.baking(now), o, now)
                    : h == ClusterHealth.DEGRADED ? run.to(Phase.FAILED, now, o.message()) : run;
            case BAKING -> h == ClusterHealth.DEGRADED ? run.to(Phase.FAILED, now, o.message())
                    : h == ClusterHealth.PROGRESSING ? run.to(Phase.IN_FLIGHT, now, "no longer Healthy: bake time restarts")
                    : bake.step(run, o, now);
            // a cluster of a finished wave still counts while the rollout runs: Degraded, or not delivering (Bake)
            case DONE -> !running || !run.changed() ? run
                    : h == ClusterHealth.DEGRADED ? run.to(Phase.FAILED, now, o.message()) : bake.afterBake(run, o, now);
            // Degraded is only reported in sync: back on its earlier commit, whose health is its own (it ends)
            case ROLLING_BACK -> h == ClusterHealth.HEALTHY ? run.to(Phase.ROLLED_BACK, now, "rolled back")
                    : h == ClusterHealth.DEGRADED ? run.to(Phase.ROLLED_BACK, now, "rolled back; Degraded on its earlier commit too: "
                    + o.message()) : run;
            default -> run;
        };
    }

    /** Starts pending clusters of the current wave up to maxConcurrent; waves with nothing to change pass at once. */
    private void startWhatMay(Map<String, ClusterRun> runs, Map<String, Observation> observed, Instant now, List<String> apply) {
        if (runs.values().stream().anyMatch(r -> bake.holds(r, observed.get(r.cluster())))) {
            return; // a cluster already moved delivers badly: move no more until it delivers or fails
        }
        while (true) {
            int wave = runs.values().stream().filter(r -> r.phase() != Phase.DONE).mapToInt(ClusterRun::wave).min().orElse(-1);
            if (wave < 0) {
                return;
            }
            List<ClusterRun> members = runs.values().stream().filter(r -> r.wave() == wave).toList();
            int limit = policy.waves().get(wave).maxConcurrent().limit(members.size());
            long inFlight = members.stream().filter(r -> r.phase() == Phase.IN_FLIGHT).count();
            for (ClusterRun run : members) {
                if (run.phase() != Phase.PENDING) {
                    continue;
                }
                Observation o = observed.get(run.cluster());
                if (o != null && !o.needsChange()) {
                    runs.put(run.cluster(), run.unchanged(now));
                } else if (inFlight < limit) {
                    runs.put(run.cluster(), run.started(now));
                    apply.add(run.cluster());
                    inFlight++;
                }
            }
            boolean waveDone = runs.values().stream().filter(r -> r.wave() == wave).allMatch(r -> r.phase() == Phase.DONE);
            if (!waveDone) {
                return;
            }
        }
    }

    private static boolean anyPending(Map<String, ClusterRun> runs) {
        return runs.values().stream().anyMatch(r -> r.phase() == Phase.PENDING);
    }

    private Optional<Instant> wakeAt(Map<String, ClusterRun> runs, Map<String, Observation> observed, Instant now,
            Optional<Instant> blockedUntil, boolean running) {
        Optional<Instant> bakeEnd = runs.values().stream().flatMap(r -> bake.wakeAt(r, observed.get(r.cluster()), now, running)
                .stream()).min(Comparator.naturalOrder());
        return bakeEnd.isPresent() && blockedUntil.isPresent()
                ? Optional.of(bakeEnd.get().isBefore(blockedUntil.get()) ? bakeEnd.get() : blockedUntil.get())
                : bakeEnd.or(() -> blockedUntil);
    }

    /**
     * Whom to look at {@code at}: each cluster whose bake ends (or that fails by delivery) by then, since
     * only its own run, seen again, ends its bake (a run of another cluster that came before it by
     * name, as the wake-up once went to, left the bake unended and asked for the same past wake
     * again: a trigger storm), and a pending cluster when a sync window opens then (any run's step
     * starts what may start).
     */
    private List<String> toWake(Map<String, ClusterRun> runs, Map<String, Observation> observed, Instant now, Instant at,
            Optional<Instant> blockedUntil, boolean running) {
        List<String> wake = new ArrayList<>(runs.values().stream().filter(r -> bake.wakeAt(r, observed.get(r.cluster()), now, running)
                .filter(t -> !t.isAfter(at)).isPresent()).map(ClusterRun::cluster).toList());
        if (blockedUntil.isPresent() && !blockedUntil.get().isAfter(at)) {
            runs.values().stream().filter(r -> r.phase() == Phase.PENDING).findFirst().ifPresent(r -> wake.add(r.cluster()));
        }
        return wake;
    }

    private String haltReason(ClusterRun failed) {
        if (!failed.changed()) {
            return "cluster " + failed.cluster() + " in wave " + waveName(failed.wave()) + ": " + failed.message();
        }
        if (Bake.byDelivery(failed)) {
            return "cluster " + byDelivery(failed);
        }
        return "cluster " + failed.cluster() + " went Degraded in wave " + waveName(failed.wave())
                + (failed.message().isEmpty() ? "" : ": " + failed.message());
    }

    /** "c01 failed its bake in wave 1 (canary): ..." or, for a finished wave, "c01 stopped delivering in finished wave 1 ...". */
    private String byDelivery(ClusterRun failed) {
        return failed.cluster() + (Bake.afterItsBake(failed) ? " stopped delivering in finished wave " : " failed its bake in wave ")
                + waveName(failed.wave()) + ": " + failed.message();
    }

    private String waveName(int wave) {
        return (wave + 1) + " (" + policy.waves().get(wave).name() + ")";
    }
}
