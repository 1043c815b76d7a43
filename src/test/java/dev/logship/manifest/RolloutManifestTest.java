package dev.logship.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.MaxConcurrent;
import dev.logship.model.NotifierSpec;
import dev.logship.model.RolloutPolicy;
import dev.logship.model.SyncWindow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cluster labels, kind RolloutPolicy and kind Notifier: what they read into and every problem with file:line. */
class RolloutManifestTest {

    private static String labelled(String name, String ring) {
        return """
                apiVersion: logship.dev/v1
                kind: Cluster
                metadata:
                  name: %s
                  labels:
                    ring: %s
                spec:
                  region: us-east-1
                """.formatted(name, ring);
    }

    private static final String POLICY = """
            apiVersion: logship.dev/v1
            kind: RolloutPolicy
            metadata:
              name: rings
            spec:
              waves:
                - name: canary
                  selector: {ring: canary}
                  maxConcurrent: 1
                - selector: {ring: main}
                  maxConcurrent: "25%"
              bakeTime: 10m
              onFailure: rollback
              windows:
                - kind: deny
                  schedule: "0 22 * * 5"
                  duration: 2d10h
                  timeZone: Europe/Berlin
                - kind: allow
                  schedule: "0 8 * * 1-5"
                  duration: 9h
            """;

    @Test
    void readsLabelsWavesBakeTimeOnFailureAndWindows() {
        Manifests m = Manifests.parse(TestSnapshots.of(
                "a.yaml", labelled("c1", "canary"), "b.yaml", labelled("m1", "main"), "p.yaml", POLICY));
        assertThat(m.problems()).isEmpty();
        assertThat(m.clusters().get(0).labels()).containsExactly(Map.entry("ring", "canary"));
        RolloutPolicy policy = m.policies().get(0).policy();
        assertThat(policy.waves()).extracting(w -> w.name()).containsExactly("canary", "wave-2");
        assertThat(policy.waves().get(1).maxConcurrent()).isEqualTo(new MaxConcurrent(25, true));
        assertThat(policy.bakeTime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.onFailure()).isEqualTo(RolloutPolicy.OnFailure.ROLLBACK);
        assertThat(policy.windows()).containsExactly(
                new SyncWindow(SyncWindow.Kind.DENY, "0 22 * * 5", Duration.ofHours(58), "Europe/Berlin"),
                new SyncWindow(SyncWindow.Kind.ALLOW, "0 8 * * 1-5", Duration.ofHours(9), "UTC"));
        assertThat(m.policyOf("m1").name()).isEqualTo("rings");
    }

    @Test
    void clustersNoPolicySelectsRollOutAllAtOnce() {
        Manifests m = Manifests.parse(TestSnapshots.of("a.yaml", labelled("other", "none"), "p.yaml", POLICY));
        assertThat(m.problems()).isEmpty();
        assertThat(m.policyOf("other")).isEqualTo(RolloutPolicy.allAtOnce());
        assertThat(m.policyOf("other").waves()).singleElement().satisfies(w -> assertThat(w.selector()).isEmpty());
    }

    @Test
    void aClusterSelectedByTwoPoliciesIsAProblemNamingBoth() {
        String second = POLICY.replace("name: rings", "name: rings2");
        Manifests m = Manifests.parse(TestSnapshots.of("a.yaml", labelled("c1", "canary"), "p.yaml", POLICY, "q.yaml", second));
        assertThat(m.problems()).extracting(Problem::toString).containsExactly(
                "q.yaml:7:7: spec.waves[0].selector: Cluster \"c1\" (a.yaml:4) is already selected by RolloutPolicy \"rings\""
                        + " (p.yaml:4); at most one RolloutPolicy may apply to a Cluster");
    }

    @Test
    void everyPolicyProblemIsReportedWithFileAndLine() {
        String bad = """
                apiVersion: logship.dev/v1
                kind: RolloutPolicy
                metadata:
                  name: bad
                  labels: {"-x": ok}
                spec:
                  waves:
                    - selector: {ring: "no spaces"}
                      maxConcurrent: "150%"
                    - maxConcurent: 2
                  bakeTime: soon
                  onFailure: panic
                  windows:
                    - kind: sometimes
                      schedule: "61 * * * *"
                      duration: 0s
                      timeZone: Mars/Olympus
                """;
        Manifests m = Manifests.parse(TestSnapshots.of("p.yaml", bad));
        assertThat(m.problems()).extracting(Problem::toString).containsExactly(
                "p.yaml:5:12: metadata.labels.-x: label key \"-x\" is not valid: expected at most 63 letters, numbers, - _ or . starting and ending with a letter or number",
                "p.yaml:8:18: spec.waves[0].selector.ring: label value \"no spaces\" is not valid: expected at most 63 letters, numbers, - _ or . starting and ending with a letter or number",
                "p.yaml:9:22: spec.waves[0].maxConcurrent: expected a number of clusters (at least 1) or a percentage such as \"25%\" (1% to 100%), got \"150%\"",
                "p.yaml:10:7: spec.waves[1].maxConcurent: unknown field; did you mean maxConcurrent?",
                "p.yaml:11:13: spec.bakeTime: expected a duration such as 30s, 10m, 1h30m or 2d (at most 366d), got \"soon\"",
                "p.yaml:12:14: spec.onFailure: expected halt or rollback, got \"panic\"",
                "p.yaml:14:13: spec.windows[0].kind: expected allow or deny, got \"sometimes\"",
                m.problems().get(7).toString(),
                "p.yaml:16:17: spec.windows[0].duration: expected a duration longer than 0",
                "p.yaml:17:17: spec.windows[0].timeZone: \"Mars/Olympus\" is not an IANA time zone: expected e.g. UTC, Europe/Berlin, America/New_York");
        assertThat(m.problems().get(7).toString()).startsWith("p.yaml:15:17: spec.windows[0].schedule: expected a Unix cron schedule of five fields");
    }

    @Test
    void notifierReadsFormatUrlFromAndEvents() {
        String notifier = """
                apiVersion: logship.dev/v1
                kind: Notifier
                metadata:
                  name: ops
                spec:
                  format: slack
                  urlFrom: {env: OPS_SLACK_URL}
                  events: [Degraded, Halted, RolledBack]
                """;
        Manifests m = Manifests.parse(TestSnapshots.of("a.yaml", labelled("c1", "canary"), "n.yaml", notifier));
        assertThat(m.problems()).isEmpty();
        NotifierSpec spec = m.notifiers().get(0).notifier();
        assertThat(spec.format()).isEqualTo(NotifierSpec.Format.SLACK);
        assertThat(spec.urlFrom()).isEqualTo(new NotifierSpec.UrlFrom("OPS_SLACK_URL", null));
        assertThat(spec.events()).containsExactlyInAnyOrder("Degraded", "Halted", "RolledBack");
    }

    @Test
    void notifierUrlIsNeverReadFromGitAndEventsAreChecked() {
        String notifier = """
                apiVersion: logship.dev/v1
                kind: Notifier
                metadata:
                  name: ops
                spec:
                  url: https://hooks.example.com/secret
                  format: xml
                  urlFrom: {env: OPS, file: relative/path}
                  events: [Halted, Haltd]
                """;
        Manifests m = Manifests.parse(TestSnapshots.of("n.yaml", notifier));
        assertThat(m.problems()).extracting(Problem::toString).containsExactly(
                "n.yaml:6:8: spec.url: a notifier URL is a secret and is never read from Git: use urlFrom: {env: NAME} or urlFrom: {file: /path}",
                "n.yaml:7:11: spec.format: expected json or slack, got \"xml\"",
                "n.yaml:8:12: spec.urlFrom: expected exactly one of env and file",
                "n.yaml:8:29: spec.urlFrom.file: expected an absolute path, got \"relative/path\"",
                "n.yaml:9:20: spec.events[1]: unknown event \"Haltd\": expected one of [Applied, Degraded, DriftReverted, Halted, RolledBack, Stalled, WindowBlocked]; did you mean Halted?");
        assertThat(m.problems()).noneMatch(p -> p.toString().contains("hooks.example.com"));
    }

    @Test
    void policiesAndNotifiersHaveUniqueNames() {
        Manifests m = Manifests.parse(TestSnapshots.of("p.yaml", POLICY, "q.yaml", POLICY.replace("ring: ", "zone: ")));
        assertThat(m.problems()).extracting(Problem::toString)
                .containsExactly("q.yaml:4:3: metadata.name: duplicate RolloutPolicy name \"rings\" (first defined at p.yaml:4)");
        assertThat(List.of(m.policies().size())).containsExactly(2);
    }
}
