package dev.logship.notify;

/**
 * What delivery reports, per notifier and event type, for metrics. Owned here so notify stays
 * free of any metrics library; the web package implements it with Micrometer.
 */
public interface DeliveryListener {
    DeliveryListener NONE = new DeliveryListener() {};

    /** The receiver answered 2xx. */
    default void delivered(String notifier, String event) {}

    /** Given up: retries spent or a 4xx answer. */
    default void failed(String notifier, String event) {}

    /** Not sent: the URL could not be read, or the rules refuse it (scheme, address, variable or file). */
    default void refused(String notifier, String event) {}

    /** One more attempt after a failed one (a 5xx, 429, a timeout or a refused connection). */
    default void retried(String notifier, String event) {}

    /** Not queued: the notifier's queue was full (a slow or hanging receiver). */
    default void dropped(String notifier, String event) {}
}
