package dev.logship.reconcile;

import dev.logship.logging.LogFields;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's memory, read by the status API at any time: the source, each cluster's
 * status (in Git order) and the bounded event history. Every event is also logged as one line.
 */
public final class StatusStore {
    private static final Logger LOG = LoggerFactory.getLogger("logship.events");
    /** Events an operator must not miss in the log: something is failing or was undone. */
    private static final Set<String> WARNINGS = Set.of("Degraded", "Halted", "HealthDegraded", "RolloutStuck", "Failed",
            "FetchFailed", "RolledBack", "RollbackFailed");

    private final EventLog events;
    private final List<Consumer<Event>> eventListeners = new CopyOnWriteArrayList<>();
    private final Map<String, ClusterStatus> clusters = new LinkedHashMap<>();
    private SourceStatus source;
    private boolean accepted;

    public StatusStore(SourceStatus source, int eventCapacity) {
        this.source = source;
        this.events = new EventLog(eventCapacity);
    }

    public synchronized SourceStatus source() {
        return source;
    }

    public synchronized void updateSource(UnaryOperator<SourceStatus> change) {
        source = change.apply(source);
    }

    /** Makes the clusters of a newly accepted desired state the known ones (statuses kept by name). */
    private List<dev.logship.discovery.SetCoverage> coverage = List.of();

    public synchronized void track(DesiredState state) {
        Map<String, ClusterStatus> next = new LinkedHashMap<>();
        for (DesiredCluster c : state.clusters()) {
            String name = c.target().name();
            next.put(name, clusters.getOrDefault(name,
                    ClusterStatus.notSyncedYet(name, c.target().clusterName(), c.target().region(), c.target().labels())));
        }
        clusters.clear();
        clusters.putAll(next);
        accepted = true;
    }

    public synchronized void updateCluster(String name, UnaryOperator<ClusterStatus> change) {
        ClusterStatus current = clusters.get(name);
        if (current != null) {
            clusters.put(name, change.apply(current));
        }
    }

    public synchronized Optional<ClusterStatus> cluster(String name) {
        return Optional.ofNullable(clusters.get(name));
    }

    public synchronized List<String> clusterNames() {
        return new ArrayList<>(clusters.keySet());
    }

    /** Ready once a valid revision is in force and the first sync of each of its clusters was attempted. */
    public synchronized OperatorStatus snapshot() {
        boolean ready = accepted && clusters.values().stream().allMatch(ClusterStatus::attempted);
        return new OperatorStatus(source, ready, new ArrayList<>(clusters.values()), coverage);
    }

    /** What each ClusterSet covers, as discovery last counted it. */
    public synchronized void coverage(List<dev.logship.discovery.SetCoverage> sets) {
        coverage = List.copyOf(sets);
    }

    public void record(Event event) {
        events.add(event);
        org.slf4j.event.Level level = WARNINGS.contains(event.type()) ? org.slf4j.event.Level.WARN : org.slf4j.event.Level.INFO;
        // the line reads as before; the JSON format also has the event's cluster, type and revision as fields
        try (LogFields fields = LogFields.with(LogFields.CLUSTER, event.cluster(), LogFields.EVENT, event.type(),
                LogFields.REVISION, event.revision())) {
            LOG.atLevel(level).log("{}{}: {}{}", event.cluster() == null ? "" : "[" + event.cluster() + "] ", event.type(),
                    event.message(), event.revision() == null ? "" : " (revision " + shortId(event.revision()) + ")");
        }
        for (Consumer<Event> listener : eventListeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // a listener's fault must not break the run that recorded the event
                LOG.warn("an event listener failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    /** Hears every recorded event on the recording thread, so it must return at once (notifiers only queue). */
    public void onEvent(Consumer<Event> listener) {
        eventListeners.add(listener);
    }

    public List<Event> events() {
        return events.recent();
    }


    static String shortId(String revision) {
        return revision == null ? null : revision.substring(0, Math.min(12, revision.length()));
    }
}
