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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Destinations destinations;
    private final DeliverySettings settings;
    private final DeliveryListener listener;
    private final HttpClient http;
    /** The last refusal logged per notifier: a refused URL is logged once, not at every event. */
    private final Map<String, String> refusals = new ConcurrentHashMap<>();

    Sender(NotifierUrls urls, Destinations destinations, DeliverySettings settings, DeliveryListener listener) {
        this.urls = urls;
        this.destinations = destinations;
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
            destinations.check(url);
        } catch (NotifierUrls.UnusableUrl e) {
            refused(name, event, e);
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
            int status = Failsafe.with(retry).get(() -> {
                destinations.check(url); // again at each connection: the name may resolve elsewhere by now
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            });
            refusals.remove(name);
            if (status / 100 == 2) {
                LOG.debug("notifier {}: {} delivered", name, event.type());
                listener.delivered(name, event.type());
            } else {
                LOG.warn("notifier {}: {} not delivered: the receiver answered HTTP {}", name, event.type(), status);
                listener.failed(name, event.type());
            }
            return true;
        } catch (FailsafeException e) {
            if (e.getCause() instanceof NotifierUrls.UnusableUrl refused) {
                refused(name, event, refused);
                return true;
            }
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

    /** Counted at every event; logged when the reason is new for this notifier (the message never holds the URL). */
    private void refused(String name, Event event, NotifierUrls.UnusableUrl why) {
        if (!why.getMessage().equals(refusals.put(name, why.getMessage()))) {
            LOG.warn("notifier {}: {} not delivered, nor later events while this holds: {}", name, event.type(), why.getMessage());
        }
        listener.refused(name, event.type());
    }

    /** Worth another try: the receiver is overloaded or failing, not refusing this request. */
    private static boolean worthRetrying(Integer status) {
        return status != null && (status >= 500 || status == 429);
    }
}
