package dev.logship.notify;

import dev.logship.model.NotifierSpec;
import dev.logship.reconcile.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hands each recorded event to every Notifier in force that wants its type. Called on the
 * thread that recorded the event (a cluster run, the planner), so it only queues: delivery,
 * retries and a receiver that hangs happen on the notifier's own thread, never in reconcile.
 */
public final class Notifications implements Consumer<Event>, AutoCloseable {
    private final Supplier<List<NotifierSpec>> inForce;
    private final DeliverySettings settings;
    private final DeliveryListener listener;
    private final Sender sender;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** {@code env}: where {@code urlFrom.env} is looked up (the process environment in serve); {@code rules}: what URLs may be used. */
    public Notifications(Supplier<List<NotifierSpec>> inForce, Map<String, String> env, NotifyRules rules, DeliverySettings settings,
                         DeliveryListener listener) {
        this.inForce = inForce;
        this.settings = settings;
        this.listener = listener;
        this.sender = new Sender(new NotifierUrls(env, rules), new Destinations(rules), settings, listener);
    }

    @Override
    public void accept(Event event) {
        if (closed) {
            return;
        }
        for (NotifierSpec spec : inForce.get()) {
            if (spec.wants(event.type())) {
                Channel channel = channels.computeIfAbsent(spec.name(), n -> new Channel(n, settings.queueCapacity(), sender));
                if (!channel.offer(spec, event)) {
                    listener.dropped(spec.name(), event.type());
                }
            }
        }
    }

    /**
     * Takes no more events, gives the queued ones up to {@code grace} to go out (a Halted or
     * RolledBack recorded just before a stop still reaches people), then stops every thread.
     */
    public void close(Duration grace) {
        closed = true;
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            while (System.nanoTime() < deadline && !channels.values().stream().allMatch(Channel::idle)) {
                TimeUnit.MILLISECONDS.sleep(20); // polling the queues until drained or the grace is spent
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            channels.values().forEach(Channel::stop);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
