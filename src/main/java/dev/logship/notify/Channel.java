package dev.logship.notify;

import dev.logship.model.NotifierSpec;
import dev.logship.reconcile.Event;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
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
    /** Queued plus being sent: counted apart from the queue so the moment between take and send is not idle. */
    private final AtomicInteger unsent = new AtomicInteger();

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
        unsent.incrementAndGet();
        boolean queued = queue.offer(new Item(spec, event));
        if (!queued) {
            unsent.decrementAndGet();
        }
        if (!queued && !dropping) {
            LOG.warn("notifier {}: queue full ({} events waiting); dropping events until it drains", name, queue.size());
        }
        dropping = !queued;
        return queued;
    }

    /** True once nothing waits and nothing is being sent. */
    boolean idle() {
        return unsent.get() == 0;
    }

    void stop() {
        worker.interrupt();
    }

    private void drain() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Item item = queue.take();
                try {
                    if (!sender.deliver(item.spec(), item.event())) {
                        return;
                    }
                } finally {
                    unsent.decrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
        }
    }
}
