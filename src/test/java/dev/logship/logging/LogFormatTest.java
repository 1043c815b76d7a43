package dev.logship.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The two formats as Logback writes them: fields, masking, and what a structured field may carry. */
class LogFormatTest {
    static final String SECRET = "unit-secret-Jd81x-distinctive";
    static final ObjectMapper JSON = new ObjectMapper();
    private final Logger log = LoggerFactory.getLogger("logship.test");

    @AfterEach
    void backToText() {
        Logging.use(LogFormat.TEXT);
        MDC.clear();
    }

    @Test
    void jsonWritesOneObjectPerLineWithTheFieldsOfTheBlock() throws Exception {
        Logging.use(LogFormat.JSON);
        List<String> lines = stderrOf(() -> {
            try (LogFields run = LogFields.with(LogFields.CLUSTER, "prod", LogFields.REVISION, "0123456789abcdef")) {
                try (LogFields event = LogFields.with(LogFields.EVENT, "Applied", LogFields.FORWARDER, "papertrail")) {
                    log.info("[prod] Applied: applied 0123456789ab\nsecond line of the message");
                }
                log.warn("after the event, still in the run", new IllegalStateException("boom"));
            }
            log.info("outside any block");
        });
        assertThat(lines).hasSize(3);
        JsonNode applied = JSON.readTree(lines.get(0));
        assertThat(applied.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z");
        assertThat(applied.path("level").asText()).isEqualTo("INFO");
        assertThat(applied.path("logger").asText()).isEqualTo("logship.test");
        assertThat(applied.path("message").asText()).isEqualTo("[prod] Applied: applied 0123456789ab\nsecond line of the message");
        assertThat(applied.path("cluster").asText()).isEqualTo("prod");
        assertThat(applied.path("revision").asText()).isEqualTo("0123456789abcdef");
        assertThat(applied.path("event").asText()).isEqualTo("Applied");
        assertThat(applied.path("forwarder").asText()).isEqualTo("papertrail");
        assertThat(applied.has("@version")).isFalse();
        assertThat(applied.has("level_value")).isFalse();

        JsonNode after = JSON.readTree(lines.get(1));
        assertThat(after.path("cluster").asText()).as("the run's fields outlive the nested event's block").isEqualTo("prod");
        assertThat(after.has("event")).isFalse();
        assertThat(after.has("forwarder")).isFalse();
        assertThat(after.path("stack_trace").asText()).contains("IllegalStateException: boom").contains("\tat ");
        assertThat(JSON.readTree(lines.get(2)).has("cluster")).isFalse();
    }

    @Test
    void onlyTheFourFieldsLeaveAsFieldsAndNoArgumentOrKeyValuePairDoes() throws Exception {
        Logging.use(LogFormat.JSON);
        Logging.maskSecrets(SECRET);
        List<String> lines = stderrOf(() -> {
            MDC.put("authorization", "Bearer " + SECRET); // a library's MDC entry
            log.atInfo().addKeyValue("token", SECRET).log("token given as {} and as a pair", SECRET);
            MDC.remove("authorization");
        });
        JsonNode line = JSON.readTree(lines.get(0));
        assertThat(line.has("authorization")).isFalse();
        assertThat(line.has("token")).isFalse();
        assertThat(line.path("message").asText()).isEqualTo("token given as **** and as a pair");
        assertThat(String.join("\n", lines)).doesNotContain(SECRET);
        assertThatThrownBy(() -> LogFields.with("authorization", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bothFormatsMaskRegisteredSecretsAndUrlUserInfo() throws Exception {
        Logging.maskSecrets(SECRET);
        Runnable leaky = () -> log.error("fetch of https://bot:" + SECRET + "@git.example/repo.git and ssh://git@host/x failed",
                new RuntimeException("cause mentions " + SECRET));
        List<String> text = stderrOf(leaky);
        assertThat(text.get(0)).isEqualTo("[" + Thread.currentThread().getName()
                + "] ERROR logship.test - fetch of https://****@git.example/repo.git and ssh://****@host/x failed");
        assertThat(text).anyMatch(l -> l.startsWith("java.lang.RuntimeException: cause mentions ****"));
        Logging.use(LogFormat.JSON);
        List<String> json = stderrOf(leaky);
        assertThat(json).hasSize(1);
        assertThat(JSON.readTree(json.get(0)).path("message").asText())
                .isEqualTo("fetch of https://****@git.example/repo.git and ssh://****@host/x failed");
        assertThat(String.join("\n", text) + String.join("\n", json)).doesNotContain(SECRET).doesNotContain("bot:");
    }

    @Test
    void textLooksAsItAlwaysDid() {
        List<String> lines = stderrOf(() -> log.warn("[{}] {}: {}", "prod", "Degraded", "one task failed"));
        assertThat(lines).containsExactly("[" + Thread.currentThread().getName() + "] WARN logship.test - [prod] Degraded: one task failed");
    }

    @Test
    void formatNamesAreTextAndJsonInAnyCase() {
        assertThat(LogFormat.parse("JSON")).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.parse(" text ")).isEqualTo(LogFormat.TEXT);
        assertThatThrownBy(() -> LogFormat.parse("logfmt")).hasMessageContaining("use text or json");
    }

    /** The console appender writes to the System.err of the moment of each call. */
    static List<String> stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
}
