package dev.logship.web;

import dev.logship.notify.DeliveryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Notifier delivery in Prometheus: {@code logship_notifications_total} by notifier, event and
 * outcome (delivered, failed, refused, retried, dropped). Labels carry the notifier's name, never its URL.
 */
public final class NotificationMetrics implements DeliveryListener {
    private final MeterRegistry registry;

    public NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void delivered(String notifier, String event) {
        count(notifier, event, "delivered");
    }

    @Override
    public void failed(String notifier, String event) {
        count(notifier, event, "failed");
    }

    @Override
    public void refused(String notifier, String event) {
        count(notifier, event, "refused");
    }

    @Override
    public void retried(String notifier, String event) {
        count(notifier, event, "retried");
    }

    @Override
    public void dropped(String notifier, String event) {
        count(notifier, event, "dropped");
    }

    private void count(String notifier, String event, String outcome) {
        Counter.builder("logship.notifications")
                .description("Notifier deliveries by outcome: delivered, failed (given up), refused (URL unreadable or not allowed), retried (one more attempt), dropped (queue full)")
                .tags("notifier", notifier, "event", event, "outcome", outcome).register(registry).increment();
    }
}
