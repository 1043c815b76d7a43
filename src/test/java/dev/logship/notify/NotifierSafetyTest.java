package dev.logship.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logship.model.NotifierSpec;
import dev.logship.reconcile.Event;
import dev.logship.testkit.Waits;
import dev.logship.web.NotificationMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Notifier's URL cannot be turned against the operator: https only unless allowed, no loopback,
 * link-local or private address unless its block is listed (names resolved at each attempt), only
 * LOGSHIP_NOTIFY_* variables, only small files under the configured directory. A refused URL is
 * counted as "refused" and its channel keeps delivering later events once the URL is fixed.
 * Nothing here connects anywhere but to a receiver on loopback: refusals happen before connecting.
 */
class NotifierSafetyTest {
    private static final DeliverySettings FAST = new DeliverySettings(5, Duration.ofSeconds(2), 1,
            Duration.ofMillis(50), Duration.ofMillis(200));
    @TempDir
    Path tmp;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private static NotifierSpec fromEnv(String env) {
        return new NotifierSpec("ops", NotifierSpec.Format.JSON, new NotifierSpec.UrlFrom(env, null), Set.of("Halted"));
    }

    private static NotifierSpec fromFile(Path file) {
        return new NotifierSpec("ops", NotifierSpec.Format.JSON, new NotifierSpec.UrlFrom(null, file.toString()), Set.of("Halted"));
    }

    private void refused(NotifyRules rules, Map<String, String> env, NotifierSpec spec, String why) {
        NotifierUrls urls = new NotifierUrls(env, rules);
        Destinations destinations = new Destinations(rules);
        assertThatThrownBy(() -> destinations.check(urls.resolve(spec))).isInstanceOf(NotifierUrls.UnusableUrl.class)
                .hasMessageContaining(why).satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void plainHttpIsRefusedUnlessAllowed() {
        Map<String, String> env = Map.of("LOGSHIP_NOTIFY_OPS", "http://hooks.example.com/hunter2");
        refused(NotifyRules.strict(), env, fromEnv("LOGSHIP_NOTIFY_OPS"), "only https unless serve has --notify-allow-http");
    }

    @Test
    void loopbackLinkLocalAndPrivateAddressesAreRefusedUnlessTheirBlockIsListed() throws Exception {
        NotifyRules http = new NotifyRules(true, List.of(), null);
        for (String url : List.of("https://127.0.0.1/hunter2", "https://localhost:8443/hunter2", "http://169.254.169.254/latest/meta-data/",
                "https://[fd00:ec2::254]/hunter2", "https://[::1]/hunter2", "https://10.1.2.3/hunter2", "https://192.168.0.9/hunter2",
                "https://172.20.0.1/hunter2", "https://[fe80::1]/hunter2", "https://0.0.0.0/hunter2", "https://100.64.0.1/hunter2")) {
            refused(http, Map.of("LOGSHIP_NOTIFY_OPS", url), fromEnv("LOGSHIP_NOTIFY_OPS"), "loopback, link-local or private");
        }
        Destinations tenOne = new Destinations(new NotifyRules(false, List.of("10.1.0.0/16", "fd00::/8"), null));
        tenOne.check(URI.create("https://10.1.2.3/x"));
        tenOne.check(URI.create("https://[fd00:ec2::254]/x")); // listed on purpose: allowed
        assertThatThrownBy(() -> tenOne.check(URI.create("https://10.2.0.1/x"))).isInstanceOf(NotifierUrls.UnusableUrl.class);
        assertThatThrownBy(() -> tenOne.check(URI.create("https://169.254.169.254/x"))).isInstanceOf(NotifierUrls.UnusableUrl.class);
    }

    @Test
    void aBlockThatIsNotACidrIsAnOptionError() {
        assertThatThrownBy(() -> new NotifyRules(false, List.of("10.0.0.0/33"), null)).hasMessageStartingWith("--notify-allow-private:");
        assertThatThrownBy(() -> new NotifyRules(false, List.of("intranet.example.com"), null))
                .hasMessage("--notify-allow-private: 'intranet.example.com' is not a CIDR block such as 10.0.0.0/8 or fd00::/8");
    }

    @Test
    void onlyLogshipNotifyVariablesAreRead() {
        refused(NotifyRules.strict(), Map.of("AWS_SECRET_ACCESS_KEY", "https://hooks.example.com/hunter2"),
                fromEnv("AWS_SECRET_ACCESS_KEY"), "is not named LOGSHIP_NOTIFY_*");
    }

    @Test
    void filesAreReadOnlyUnderTheConfiguredDirectoryAndUpTo8KiB() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("urls"));
        Path outside = Files.writeString(tmp.resolve("elsewhere"), "https://hooks.example.com/hunter2");
        NotifyRules rules = new NotifyRules(false, List.of(), dir);
        refused(NotifyRules.strict(), Map.of(), fromFile(outside), "needs serve's --notify-url-dir");
        refused(rules, Map.of(), fromFile(outside), "is not a file under --notify-url-dir");
        Path link = Files.createSymbolicLink(dir.resolve("zero"), Path.of("/dev/zero"));
        refused(rules, Map.of(), fromFile(link), "is not a file under --notify-url-dir");
        Path big = Files.writeString(dir.resolve("big"), "https://hooks.example.com/" + "x".repeat(9000));
        refused(rules, Map.of(), fromFile(big), "holds more than 8192 bytes");
        Path fine = Files.writeString(dir.resolve("fine"), "https://hooks.example.com/hunter2\n");
        assertThat(new NotifierUrls(Map.of(), rules).resolve(fromFile(fine))).hasHost("hooks.example.com");
    }

    @Test
    void aRefusedUrlIsCountedAndItsChannelDeliversOnceTheUrlIsFixed() throws Exception {
        Receiver receiver = Receiver.answering();
        closing.add(receiver);
        Path dir = Files.createDirectories(tmp.resolve("urls"));
        Path file = Files.writeString(dir.resolve("ops"), "http://169.254.169.254/latest/meta-data/");
        Notifications n = new Notifications(() -> List.of(fromFile(file)), Map.of(),
                new NotifyRules(true, List.of("127.0.0.0/8"), dir), FAST, new NotificationMetrics(registry));
        closing.add(() -> n.close(Duration.ZERO));

        n.accept(Event.of("c01", "Halted", "Halted on c01", "0123456789abcdef0123"));
        n.accept(Event.of("c02", "Halted", "Halted on c02", "0123456789abcdef0123"));
        Waits.until("both refused", Duration.ofSeconds(30), () -> count("refused") == 2);
        Files.writeString(file, receiver.url().toString());
        n.accept(Event.of("c03", "Halted", "Halted on c03", "0123456789abcdef0123"));

        Waits.until("the fixed URL gets the next event", Duration.ofSeconds(30), () -> receiver.delivered().size() == 1);
        assertThat(receiver.delivered().get(0)).contains("c03");
        Waits.until("counted as delivered", Duration.ofSeconds(10), () -> count("delivered") == 1);
        assertThat(count("failed")).isZero();
    }

    private double count(String outcome) {
        Counter c = registry.find("logship.notifications").tags("notifier", "ops", "event", "Halted", "outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }
}
