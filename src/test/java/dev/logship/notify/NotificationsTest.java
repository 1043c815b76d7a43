package dev.logship.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.model.NotifierSpec;
import dev.logship.reconcile.Event;
import dev.logship.testkit.Waits;
import dev.logship.web.NotificationMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifier delivery against real HTTP receivers on loopback, counted in a real Micrometer
 * registry: retries with backoff, payload formats, event filtering, a bounded queue, and a
 * receiver that hangs delaying neither the caller nor other notifiers.
 */
class NotificationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Short backoff so the test is quick; 2 s per attempt so a hanging receiver times out within the test. */
    private static final DeliverySettings FAST = new DeliverySettings(5, Duration.ofSeconds(2), 3,
            Duration.ofMillis(50), Duration.ofMillis(400));

    @TempDir
    Path tmp;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<NotifierSpec> inForce = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** The receivers are plain HTTP on loopback: both need serve's allow options. */
    private NotifyRules loopback() {
        return new NotifyRules(true, List.of("127.0.0.0/8"), tmp);
    }

    private Notifications notifications(Map<String, String> env, DeliverySettings settings) {
        Notifications n = new Notifications(() -> List.copyOf(inForce), env, loopback(), settings, new NotificationMetrics(registry));
        closing.add(() -> n.close(Duration.ZERO)); // no grace: a hanging receiver would hold it to the end
        return n;
    }

    private Receiver receiver(Receiver r) {
        closing.add(0, r); // closed before the notifications, so hanging requests are released first
        return r;
    }

    private static NotifierSpec json(String name, String env, String... events) {
        return new NotifierSpec(name, NotifierSpec.Format.JSON, new NotifierSpec.UrlFrom(env, null), Set.of(events));
    }

    private double count(String notifier, String event, String outcome) {
        Counter c = registry.find("logship.notifications").tags("notifier", notifier, "event", event, "outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    private static Event event(String type, String cluster) {
        return Event.of(cluster, type, type + " on " + cluster, "0123456789abcdef0123");
    }

    @Test
    void aReceiverAnswering500TwiceThen200GetsTheEventOnceAndTheRetriesAreCounted() throws Exception {
        Receiver flaky = receiver(Receiver.answering(500, 500));
        inForce.add(json("ops", "LOGSHIP_NOTIFY_OPS", "Halted"));
        Notifications n = notifications(Map.of("LOGSHIP_NOTIFY_OPS", flaky.url().toString()), FAST);

        n.accept(event("Halted", "c01"));

        Waits.until("delivered", Duration.ofSeconds(30), () -> count("ops", "Halted", "delivered") == 1);
        assertThat(flaky.requests()).isEqualTo(3);
        assertThat(flaky.delivered()).hasSize(1);
        assertThat(count("ops", "Halted", "retried")).isEqualTo(2);
        assertThat(count("ops", "Halted", "failed")).isZero();
        JsonNode body = JSON.readTree(flaky.delivered().get(0));
        assertThat(body.path("notifier").asText()).isEqualTo("ops");
        assertThat(body.path("event").asText()).isEqualTo("Halted");
        assertThat(body.path("cluster").asText()).isEqualTo("c01");
        assertThat(body.path("message").asText()).isEqualTo("Halted on c01");
        assertThat(body.path("revision").asText()).isEqualTo("0123456789abcdef0123");
        assertThat(body.path("time").asText()).isNotEmpty();
    }

    @Test
    void onlyTheEventsANotifierWantsAreSentInTheOrderTheyHappened() throws Exception {
        Receiver ops = receiver(Receiver.answering());
        inForce.add(json("ops", "LOGSHIP_NOTIFY_OPS", "Degraded", "Halted", "RolledBack"));
        Notifications n = notifications(Map.of("LOGSHIP_NOTIFY_OPS", ops.url().toString()), FAST);

        for (String type : List.of("Applied", "Degraded", "NewRevision", "Halted", "RolledBack", "Stalled")) {
            n.accept(event(type, "c01"));
        }

        Waits.until("three delivered", Duration.ofSeconds(30), () -> ops.delivered().size() == 3);
        List<String> types = new ArrayList<>();
        for (String body : ops.delivered()) {
            types.add(JSON.readTree(body).path("event").asText());
        }
        assertThat(types).containsExactly("Degraded", "Halted", "RolledBack");
        assertThat(ops.requests()).isEqualTo(3);
    }

    @Test
    void slackGetsItsIncomingWebhookTextAndTheUrlIsReadFromAFileAtDeliveryTime() throws Exception {
        Receiver slack = receiver(Receiver.answering());
        Path urlFile = tmp.resolve("slack-url");
        inForce.add(new NotifierSpec("chat", NotifierSpec.Format.SLACK, new NotifierSpec.UrlFrom(null, urlFile.toString()),
                Set.of("Halted")));
        Notifications n = notifications(Map.of(), FAST);

        n.accept(event("Halted", "c01")); // no file yet: not delivered, counted as refused
        Waits.until("refused", Duration.ofSeconds(30), () -> count("chat", "Halted", "refused") == 1);
        Files.writeString(urlFile, slack.url() + "\n");
        n.accept(Event.of("c02", "Halted", "cluster c02 went Degraded: <@here> & more", "0123456789abcdef0123"));

        Waits.until("delivered", Duration.ofSeconds(30), () -> slack.delivered().size() == 1);
        JsonNode body = JSON.readTree(slack.delivered().get(0));
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.path("text").asText())
                .isEqualTo("*Halted* `c02`: cluster c02 went Degraded: &lt;@here&gt; &amp; more (revision `0123456789ab`)");
    }

    @Test
    void aHangingReceiverDelaysNeitherTheCallerNorOtherNotifiers() throws Exception {
        Receiver hang = receiver(Receiver.hanging());
        Receiver ops = receiver(Receiver.answering());
        inForce.add(json("stuck", "LOGSHIP_NOTIFY_STUCK", "Applied"));
        inForce.add(json("ops", "LOGSHIP_NOTIFY_OPS", "Applied"));
        DeliverySettings roomy = new DeliverySettings(100, FAST.timeout(), FAST.maxRetries(), FAST.firstDelay(), FAST.maxDelay());
        Notifications n = notifications(Map.of("LOGSHIP_NOTIFY_STUCK", hang.url().toString(), "LOGSHIP_NOTIFY_OPS", ops.url().toString()), roomy);

        for (int i = 0; i < 20; i++) {
            n.accept(event("Applied", "c" + i)); // returns at once: every call only queues
        }

        Waits.until("all 20 delivered to the healthy receiver", Duration.ofSeconds(60), () -> ops.delivered().size() == 20);
        assertThat(hang.requests()).isGreaterThanOrEqualTo(1);
        assertThat(hang.answered()).isZero();
        assertThat(count("stuck", "Applied", "delivered")).isZero();
        Waits.until("the hanging receiver's first event given up after its retries", Duration.ofSeconds(60),
                () -> count("stuck", "Applied", "failed") >= 1);
        assertThat(count("stuck", "Applied", "retried")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void eventsBeyondAFullQueueAreDroppedAndCounted() throws Exception {
        Receiver hang = receiver(Receiver.hanging());
        inForce.add(json("stuck", "LOGSHIP_NOTIFY_STUCK", "Applied"));
        Notifications n = notifications(Map.of("LOGSHIP_NOTIFY_STUCK", hang.url().toString()), FAST);

        n.accept(event("Applied", "c0"));
        Waits.until("the first event is with the hanging receiver", Duration.ofSeconds(30), () -> hang.requests() == 1);
        for (int i = 1; i < 20; i++) {
            n.accept(event("Applied", "c" + i));
        }

        // One event is with the sender, 5 wait in the queue (its capacity): the other 14 are dropped.
        assertThat(count("stuck", "Applied", "dropped")).isEqualTo(14);
    }

    @Test
    void closingGivesQueuedEventsTheirGraceToGoOut() throws Exception {
        Receiver flaky = receiver(Receiver.answering(500));
        inForce.add(json("ops", "LOGSHIP_NOTIFY_OPS", "Halted", "RolledBack"));
        Notifications n = new Notifications(() -> List.copyOf(inForce), Map.of("LOGSHIP_NOTIFY_OPS", flaky.url().toString()), loopback(), FAST,
                new NotificationMetrics(registry));

        n.accept(event("Halted", "c01"));
        n.accept(event("RolledBack", "c01"));
        n.close(Duration.ofSeconds(30));

        assertThat(flaky.delivered()).hasSize(2);
        n.accept(event("Halted", "c02")); // closed: taken no more
        assertThat(count("ops", "Halted", "delivered") + count("ops", "Halted", "dropped")).isEqualTo(1);
    }

    @Test
    void anUnusableUrlIsReportedWithoutItsValue() {
        NotifierUrls urls = new NotifierUrls(Map.of("LOGSHIP_NOTIFY_BAD", "ftp://user:hunter2@example.com/x", "LOGSHIP_NOTIFY_ODD", "http://exa mple/ hunter2"), NotifyRules.strict());
        assertThatThrownBy(() -> urls.resolve(json("a", "LOGSHIP_NOTIFY_BAD"))).hasMessage("the URL from env LOGSHIP_NOTIFY_BAD is not an http(s) URL");
        assertThatThrownBy(() -> urls.resolve(json("b", "LOGSHIP_NOTIFY_ODD"))).hasMessage("the URL from env LOGSHIP_NOTIFY_ODD is not an http(s) URL");
        assertThatThrownBy(() -> urls.resolve(json("c", "LOGSHIP_NOTIFY_MISSING"))).hasMessage("environment variable LOGSHIP_NOTIFY_MISSING is not set");
    }
}
