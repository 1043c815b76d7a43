package dev.logship.notify;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.logship.model.NotifierSpec;
import dev.logship.reconcile.Event;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one event to one notifier: reads the URL, posts the payload, retries a 5xx, a 429,
 * a timeout or a refused connection with backoff (Failsafe), and reports the outcome. Logs name
 * the notifier, the event and the HTTP status or exception type, never the URL (and never an
 * exception's message, which may quote it).
 */
final class Sender {
    private static final Logger LOG = LoggerFactory.getLogger("logship.notify");

    private final NotifierUrls urls;
    private final DeliverySettings settings;
    private final DeliveryListener listener;
    private final HttpClient http;

    Sender(NotifierUrls urls, DeliverySettings settings, DeliveryListener listener) {
        this.urls = urls;
        this.settings = settings;
        this.listener = listener;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Blocks its (the notifier's own) thread until delivered or given up; returns false when interrupted. */
    boolean deliver(NotifierSpec spec, Event event) {
        String name = spec.name();
        URI url;
        try {
            url = urls.resolve(spec);
        } catch (NotifierUrls.UnusableUrl e) {
            LOG.warn("notifier {}: {} not delivered: {}", name, event.type(), e.getMessage());
            listener.failed(name, event.type());
            return true;
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "logship")
                .POST(HttpRequest.BodyPublishers.ofString(Payloads.of(spec.format(), name, event))).build();
        RetryPolicy<Integer> retry = RetryPolicy.<Integer>builder()
                .handle(IOException.class)
                .handleResultIf(Sender::worthRetrying)
                .withBackoff(settings.firstDelay(), settings.maxDelay())
                .withJitter(0.2)
                .withMaxRetries(settings.maxRetries())
                .onRetry(e -> listener.retried(name, event.type()))
                .build();
        try {
            int status = Failsafe.with(retry).get(() -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
            if (status / 100 == 2) {
                LOG.debug("notifier {}: {} delivered", name, event.type());
                listener.delivered(name, event.type());
            } else {
                LOG.warn("notifier {}: {} not delivered: the receiver answered HTTP {}", name, event.type(), status);
                listener.failed(name, event.type());
            }
            return true;
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                Thread.currentThread().interrupt();
                return false;
            }
            String why = e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName();
            LOG.warn("notifier {}: {} not delivered after {} attempts: {}", name, event.type(), settings.maxRetries() + 1, why);
            listener.failed(name, event.type());
            return true;
        }
    }

    /** Worth another try: the receiver is overloaded or failing, not refusing this request. */
    private static boolean worthRetrying(Integer status) {
        return status != null && (status >= 500 || status == 429);
    }
}
