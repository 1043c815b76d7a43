package dev.logship.web;

import dev.logship.delivery.ClusterDelivery;
import dev.logship.delivery.DeliveryJudge;
import dev.logship.delivery.DeliverySettings;
import dev.logship.delivery.DeliveryState;
import dev.logship.delivery.ForwarderDelivery;
import dev.logship.delivery.NodeDelivery;
import dev.logship.delivery.NodeVerdicts;
import dev.logship.delivery.SampleWindow;
import dev.logship.reconcile.ClusterStatus;
import dev.logship.reconcile.Event;
import dev.logship.reconcile.ForwarderStatus;
import dev.logship.reconcile.OperatorStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Judges every forwarder of every cluster from the ingest's samples and what the controller
 * last observed of ECS (tasks running and desired), on a timer, and records the events a change
 * calls for ({@code DeliveryFailing}, {@code DeliveryRecovered}) through the controller, so the
 * event list and every Notifier hear them. A forwarder that Git gives telemetry (its own
 * {@code spec.telemetry} or the tree's {@code kind: Telemetry}) and that never reported is Silent
 * on the nodes where it runs; any other forwarder that never reported since serve started counts
 * as telemetry off (Unknown).
 */
public final class DeliveryMonitor implements AutoCloseable {
    private final SampleWindow samples;
    private final Supplier<OperatorStatus> status;
    private final Consumer<Event> events;
    private final Clock clock;
    private final Set<String> everReported = ConcurrentHashMap.newKeySet();
    private final Map<String, DeliveryState> last = new HashMap<>();
    private final NodeVerdicts verdicts;
    private Map<String, List<Object>> lastViews = Map.of();
    private volatile Map<String, ClusterDelivery> judged = Map.of();
    /** What the cluster table shows of each cluster's delivery; a new instance only when that changed. */
    private volatile Map<String, Map<String, Object>> briefs = Map.of();
    private volatile Consumer<Map<String, ClusterDelivery>> listener = j -> { };
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "delivery-monitor");
        t.setDaemon(true);
        return t;
    });

    public DeliveryMonitor(SampleWindow samples, DeliverySettings settings, Supplier<OperatorStatus> status,
                           Consumer<Event> events, Clock clock) {
        this.samples = samples;
        this.verdicts = new NodeVerdicts(samples, settings);
        this.status = status;
        this.events = events;
        this.clock = clock;
    }

    public DeliveryMonitor start(Duration every) {
        timer.scheduleWithFixedDelay(this::checkQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Hears every judgement the timer makes (outside this monitor's lock): rollouts gated on delivery. */
    public DeliveryMonitor onJudged(Consumer<Map<String, ClusterDelivery>> judgements) {
        this.listener = judgements;
        return this;
    }

    public Optional<ClusterDelivery> cluster(String name) {
        return Optional.ofNullable(judged.get(name));
    }

    public Map<String, ClusterDelivery> all() {
        return judged;
    }

    /**
     * Each cluster's delivery as one row of the table shows it ({@link DeliveryViews#brief}), the same
     * instance until one of them changes, so the page's change detection compares a reference, and
     * rates moving every push do not make 10,000 rows re-sort.
     */
    Map<String, Map<String, Object>> briefs() {
        return briefs;
    }

    private void checkQuietly() {
        try {
            listener.accept(check());
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(DeliveryMonitor.class).warn("delivery check failed: {}", e.getClass().getName());
        }
    }

    /**
     * Judges everything now and records transitions; the timer calls it, tests may too. Only nodes
     * that sent a sample or whose judgement's deadline passed are judged again ({@link NodeVerdicts});
     * a cluster none of whose nodes moved and whose ECS view is the same keeps its last judgement.
     */
    public synchronized Map<String, ClusterDelivery> check() {
        samples.trim();
        Instant at = clock.instant();
        Map<String, ClusterDelivery> now = new HashMap<>();
        Map<String, List<Object>> views = new HashMap<>();
        for (ClusterStatus cluster : status.get().clusters()) {
            Map<String, ForwarderStatus> observed = new TreeMap<>();
            samples.forwarders(cluster.name()).forEach(f -> observed.put(f, null));
            cluster.forwarders().forEach(f -> observed.compute(f.name(), (name, first) -> first == null ? f : first));
            List<Object> view = ecsView(observed);
            views.put(cluster.name(), view);
            List<NodeVerdicts.Nodes> nodes = new ArrayList<>();
            boolean changed = !view.equals(lastViews.get(cluster.name())) || !judged.containsKey(cluster.name());
            for (String forwarder : observed.keySet()) {
                NodeVerdicts.Nodes judgedNodes = verdicts.judge(cluster.name(), forwarder, at);
                changed |= judgedNodes.changed();
                nodes.add(judgedNodes);
            }
            now.put(cluster.name(), changed ? judge(cluster.name(), observed, nodes) : judged.get(cluster.name()));
        }
        verdicts.endRound();
        lastViews = views;
        judged = Map.copyOf(now);
        Map<String, Map<String, Object>> nextBriefs = new HashMap<>();
        judged.forEach((name, delivery) -> nextBriefs.put(name, DeliveryViews.brief(delivery)));
        if (!nextBriefs.equals(briefs)) {
            briefs = Map.copyOf(nextBriefs);
        }
        return judged;
    }

    /** What ECS says of each forwarder (running, desired): a change of it calls for judging the cluster again. */
    private static List<Object> ecsView(Map<String, ForwarderStatus> observed) {
        List<Object> view = new ArrayList<>();
        observed.forEach((name, f) -> {
            view.add(name);
            view.add(f == null ? "none" : f.running() + "/" + f.desired());
        });
        return view;
    }

    private ClusterDelivery judge(String cluster, Map<String, ForwarderStatus> observedByName, List<NodeVerdicts.Nodes> nodes) {
        List<ForwarderDelivery> forwarders = new ArrayList<>();
        int covered = 0;
        int uncovered = 0;
        int i = 0;
        for (Map.Entry<String, ForwarderStatus> entry : observedByName.entrySet()) {
            String forwarder = entry.getKey();
            ForwarderStatus observed = entry.getValue();
            List<NodeDelivery> judgedNodes = nodes.get(i++).nodes();
            Integer running = observed == null ? null : observed.running();
            String key = cluster + "/" + forwarder;
            if (!judgedNodes.isEmpty()) {
                everReported.add(key);
            }
            boolean expected = observed != null && observed.telemetryExpected();
            ForwarderDelivery judgedOne = expected || everReported.contains(key)
                    ? DeliveryJudge.forwarder(cluster, forwarder, judgedNodes, running)
                    : ForwarderDelivery.telemetryOff(cluster, forwarder);
            forwarders.add(judgedOne);
            if (observed != null && observed.running() != null) {
                covered = Math.max(covered, observed.running());
                if (observed.desired() != null) {
                    uncovered = Math.max(uncovered, observed.desired() - observed.running());
                }
            }
            DeliveryState before = last.put(key, judgedOne.state());
            String transition = DeliveryJudge.transition(before == null ? DeliveryState.Unknown : before, judgedOne.state());
            if (transition != null) { // its log line names the forwarder as a field too (--log-format json)
                try (var field = dev.logship.logging.LogFields.with(dev.logship.logging.LogFields.FORWARDER, forwarder)) {
                    events.accept(Event.of(cluster, transition, "forwarder " + forwarder + ": " + judgedOne.message(), null));
                }
            }
        }
        int silent = forwarders.stream().mapToInt(ForwarderDelivery::silentNodes).max().orElse(0);
        return new ClusterDelivery(cluster, DeliveryJudge.cluster(forwarders), forwarders, covered, Math.max(0, uncovered), silent);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
