package dev.logship.notify;

import dev.logship.model.NotifierSpec;
import dev.logship.reconcile.Event;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One notifier's bounded queue and the thread that drains it in order. Each notifier has its
 * own, so a receiver that hangs delays only its own events; offering never blocks.
 */
final class Channel {
    private static final Logger LOG = LoggerFactory.getLogger("logship.notify");

    private record Item(NotifierSpec spec, Event event) {}

    private final String name;
    private final BlockingQueue<Item> queue;
    private final Sender sender;
    private final Thread worker;
    private volatile boolean dropping;

    Channel(String name, int capacity, Sender sender) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sender = sender;
        this.worker = new Thread(this::drain, "notify-" + name);
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues the event; false (dropped) when the queue is full. */
    boolean offer(NotifierSpec spec, Event event) {
        boolean queued = queue.offer(new Item(spec, event));
        if (!queued && !dropping) {
            LOG.warn("notifier {}: queue full ({} events waiting); dropping events until it drains", name, queue.size());
        }
        dropping = !queued;
        return queued;
    }

    void stop() {
        worker.interrupt();
    }

    private void drain() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Item item = queue.take();
                if (!sender.deliver(item.spec(), item.event())) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
        }
    }
}
