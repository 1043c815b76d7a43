package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.logging.LogFormat;
import dev.logship.logging.Logging;
import dev.logship.testkit.ServeHarness;
import dev.logship.testkit.Waits;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * serve's log lines as a log platform reads them (--log-format json) and as a person does (text):
 * an apply, a pushed route change through a signed webhook, a forged webhook, a commit whose route
 * carries a token, and a sync with a wrong API token. In JSON every line is one object with the
 * fields; in both formats no secret appears.
 */
class LogFormatServeTest {
    static final String ROUTE_TOKEN = "routetoken-Pk28W-distinctive";
    @TempDir Path tmp;

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void serveLogsInTheChosenFormatAndNeverShowsASecret(LogFormat format) throws Exception {
        String[] commits = new String[2];
        String output = logsOf(format, () -> {
            try (ServeHarness h = new ServeHarness(tmp, Duration.ofMinutes(10))) {
                String seed = h.head();
                Waits.until("the seed commit is applied", Duration.ofSeconds(30), () -> h.syncedAndHealthy("prod", seed));
                commits[0] = h.push("prod/fluent-bit.yaml", y -> y.replace("12345", "23456"), "new route port");
                h.githubPush("refs/heads/main");
                h.webhook("github", "{}", "push", "sha256=deadbeef");
                Waits.until("the new route is applied", Duration.ofSeconds(30), () -> h.syncedAndHealthy("prod", commits[0]));
                commits[1] = h.push("prod/fluent-bit.yaml", y -> y.replace("syslog+tls://logs3.papertrailapp.com:23456",
                        "syslog+tls://logs3.papertrailapp.com:23456/x?token=" + ROUTE_TOKEN), "route with a token");
                h.githubPush("refs/heads/main");
                Waits.until("the token commit is seen", Duration.ofSeconds(30),
                        () -> h.status().path("source").path("revision").asText().equals(commits[1]));
                h.awaitIdle();
                h.post("/api/v1/sync", "wrong-" + ServeHarness.API_TOKEN);
            }
        });
        assertThat(output).as("logs were captured").contains("Applied");
        for (String secret : List.of(ServeHarness.WEBHOOK_SECRET, ServeHarness.API_TOKEN, ServeHarness.GIT_TOKEN, ROUTE_TOKEN,
                "papertrailapp.com:12345", "papertrailapp.com:23456")) {
            assertThat(output).as("%s logs must not contain %s", format, secret).doesNotContain(secret);
        }
        if (format == LogFormat.TEXT) {
            assertThat(output).contains("] INFO logship.events - [prod] Applied: applied ");
            assertThat(output.lines().filter(l -> l.startsWith("{"))).as("no JSON in the text format").isEmpty();
            return;
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.lines().filter(l -> !l.isBlank()).toList()) {
            JsonNode json = ServeHarness.JSON.readTree(line); // throws on any line that is not JSON
            assertThat(json.isObject()).as(line).isTrue();
            for (String field : List.of("time", "level", "logger", "message")) {
                assertThat(json.hasNonNull(field)).as("%s in %s", field, line).isTrue();
            }
            lines.add(json);
        }
        assertThat(lines).as("an apply names its cluster, revision and event").anyMatch(j -> j.path("event").asText().equals("Applied")
                && j.path("cluster").asText().equals("prod") && j.path("revision").asText().equals(commits[0]));
        assertThat(lines).as("a step names its forwarder").anyMatch(j -> j.path("cluster").asText().equals("prod")
                && j.path("forwarder").asText().equals("papertrail") && j.path("revision").asText().equals(commits[0]));
        assertThat(lines).as("the new revision's event names it").anyMatch(j -> j.path("event").asText().equals("NewRevision")
                && j.path("revision").asText().equals(commits[0]) && !j.has("cluster"));
    }

    interface Run {
        void run() throws Exception;
    }

    /** Everything written to stdout and stderr while {@code run} runs with logs in {@code format}. */
    static String logsOf(LogFormat format, Run run) throws Exception {
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(captured, originalErr), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(captured, originalOut), true, StandardCharsets.UTF_8));
        Logging.use(format);
        try {
            run.run();
        } finally {
            Logging.use(LogFormat.TEXT);
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** Writes to both, so the test's own log still shows what was captured. */
    private static final class Tee extends OutputStream {
        private final ByteArrayOutputStream captured;
        private final OutputStream passOn;

        Tee(ByteArrayOutputStream captured, OutputStream passOn) {
            this.captured = captured;
            this.passOn = passOn;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            synchronized (captured) {
                captured.write(c);
            }
            passOn.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            synchronized (captured) {
                captured.write(buf, off, len);
            }
            passOn.write(buf, off, len);
        }
    }
}
