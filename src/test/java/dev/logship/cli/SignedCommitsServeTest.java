package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.git.SigningKeys;
import dev.logship.git.TrustedSigners;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.reconcile.SignaturePolicy;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve with {@code --verify-signatures enforce}, fed by real pushes of commits the git CLI signed
 * with keys gpg and ssh-keygen made: only a commit signed by a trusted key is applied; an unsigned,
 * untrusted or tampered one is Stalled with who signed it and why not, the commit in force stays,
 * and the status names the signer of the commit in force. {@code plan}/{@code apply} under enforce
 * exit 1 naming the commit.
 */
class SignedCommitsServeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;
    private SigningKeys keys;
    private LocalEcsServer ecs;
    private Operator operator;

    @AfterEach
    void stop() throws Exception {
        if (operator != null) {
            operator.close();
        }
        if (ecs != null) {
            ecs.close();
        }
        if (keys != null) {
            keys.close();
        }
    }

    @Test
    void onlyCommitsSignedByATrustedKeyAreAppliedAndTheStatusNamesTheSigner() throws Exception {
        keys = new SigningKeys(Files.createDirectories(tmp.resolve("keys")));
        String alice = keys.openPgp("Alice", "alice@example.com");
        String mallory = keys.openPgp("Mallory", "mallory@example.com");
        Path aliceSsh = keys.ssh("alice-ssh");
        Path trusted = keys.exportOpenPgp(alice, tmp.resolve("alice.asc"));
        Path allowed = Files.writeString(tmp.resolve("allowed_signers"), keys.allowedSigner("alice@example.com", aliceSsh));
        Path bare = tmp.resolve("manifests.git");
        Path work = Files.createDirectories(tmp.resolve("work"));
        keys.git(tmp, "init", "-q", "--bare", "-b", "main", bare.toString());
        keys.git(work, "init", "-q", "-b", "main");
        keys.git(work, "remote", "add", "origin", bare.toString());
        String signed = push(work, "1111", alice, "signed by Alice");
        ecs = LocalEcsServer.start(LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).cluster("prod-ecs", 2).build());
        ControllerSettings settings = ControllerSettings.defaults().withIntervals(Duration.ofMillis(300), Duration.ofMinutes(10));
        operator = Operator.start(new ServeConfig(bare.toString(), "main", null, ecs.endpoint().toString(), "127.0.0.1", 0,
                tmp.resolve("data"), null, true, "token", null, settings), null,
                new CommitTrust(SignaturePolicy.ENFORCE, TrustedSigners.of(trusted, allowed)));

        Waits.until("Alice's commit is applied", Duration.ofSeconds(120), () -> applied(signed));
        assertThat(status().path("source").path("signature").asText())
                .isEqualTo("signed by Alice <alice@example.com> (key " + alice + ")");

        String unsigned = push(work, "2222", null, "not signed");
        Waits.until("the unsigned commit stalls", Duration.ofSeconds(120), () -> stalledOn(unsigned));
        assertThat(status().path("source").path("error").asText()).contains("UntrustedCommit").contains(unsigned.substring(0, 12) + ": not signed")
                .contains(signed.substring(0, 12) + " stays in force");

        String untrusted = push(work, "3333", mallory, "signed by Mallory");
        Waits.until("Mallory's commit stalls", Duration.ofSeconds(120), () -> stalledOn(untrusted));
        assertThat(status().path("source").path("error").asText()).contains("untrusted signature").contains("not among --trusted-keys");

        Files.writeString(work.resolve("forwarder.yaml"), forwarder("4444"));
        keys.commitOpenPgp(work, alice, "signed by Alice, then changed before the push", false);
        String tampered = keys.tamperHead(work);
        keys.git(work, "push", "-q", "-f", "origin", "main");
        Waits.until("the tampered commit stalls", Duration.ofSeconds(120), () -> stalledOn(tampered));
        assertThat(status().path("source").path("error").asText()).contains("bad signature by Alice").contains("does not match the commit");
        assertThat(prod().path("lastAppliedRevision").asText()).as("the signed commit stays applied through every refusal").isEqualTo(signed);
        assertThat(JSON.readTree(get("/api/v1/events")).toString()).contains("UntrustedCommit");

        keys.git(work, "reset", "-q", "--hard", "HEAD~1");
        Files.writeString(work.resolve("forwarder.yaml"), forwarder("5555"));
        String ssh = keys.commitSsh(work, aliceSsh, "signed with Alice's SSH key");
        keys.git(work, "push", "-q", "-f", "origin", "main");
        Waits.until("the SSH-signed commit is applied", Duration.ofSeconds(120), () -> applied(ssh));
        assertThat(status().path("source").path("signature").asText()).startsWith("signed by alice@example.com");
        assertThat(status().path("source").path("error").isNull()).isTrue();

        // plan and apply under enforce refuse the untrusted commit too, naming it and why
        keys.git(work, "reset", "-q", "--hard", untrusted);
        keys.git(work, "push", "-q", "-f", "origin", "main");
        CliRun plan = CliRun.of("plan", "--repo", bare.toString(), "--ref", "main", "--ecs-endpoint", ecs.endpoint().toString(),
                "--verify-signatures", "enforce", "--trusted-keys", trusted.toString());
        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.err()).contains("commit " + untrusted.substring(0, 12) + ": untrusted signature (key ").contains("not among --trusted-keys")
                .contains("nothing was planned or applied");
        CliRun apply = CliRun.of("apply", "--repo", bare.toString(), "--ref", "main", "--ecs-endpoint", ecs.endpoint().toString(),
                "--verify-signatures", "enforce", "--allowed-signers", allowed.toString());
        assertThat(apply.exitCode()).isEqualTo(1);
        assertThat(apply.err()).contains("nothing was planned or applied");
    }

    /**
     * Issue 21, {@code --verify-signatures warn}: an unsigned commit is applied, by serve and by apply,
     * with a warning that names the commit; nothing stalls. No key is needed to make an unsigned commit.
     */
    @Test
    void underWarnAnUnsignedCommitIsAppliedWithAWarningNamingIt() throws Exception {
        Path allowed = Files.writeString(tmp.resolve("allowed_signers"), ""); // trusts nobody: every commit is untrusted
        try (ManifestRepo repo = ManifestRepo.create(tmp.resolve("r"))) {
            String unsigned = repo.push("not signed", java.util.Map.of("cluster.yaml", "apiVersion: logship.dev/v1\nkind: Cluster\n"
                    + "metadata:\n  name: prod\nspec:\n  clusterName: prod-ecs\n  region: us-east-1\n", "forwarder.yaml", forwarder("1111")));
            ecs = LocalEcsServer.start(LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).cluster("prod-ecs", 2).build());
            ControllerSettings settings = ControllerSettings.defaults().withIntervals(Duration.ofMillis(300), Duration.ofMinutes(10));
            operator = Operator.start(new ServeConfig(repo.bare.toString(), "main", null, ecs.endpoint().toString(), "127.0.0.1", 0,
                    tmp.resolve("data"), null, true, "token", null, settings), null,
                    new CommitTrust(SignaturePolicy.WARN, TrustedSigners.of(null, allowed)));
            Waits.until("serve applies the unsigned commit", Duration.ofSeconds(60), () -> applied(unsigned));
            assertThat(status().path("source").path("error").isNull()).as("nothing stalls under warn").isTrue();
            assertThat(operator.controller().events()).as("the warning names the commit").anySatisfy(e -> {
                assertThat(e.type()).isEqualTo("UntrustedCommit");
                assertThat(e.revision()).isEqualTo(unsigned);
                assertThat(e.message()).contains("revision " + unsigned.substring(0, 12) + ": not signed", "applied anyway");
            });
            operator.close();
            operator = null;

            String next = repo.change("forwarder.yaml", forwarder("2222"), "not signed either");
            ecs.resetCallCounts();
            CliRun apply = CliRun.of("apply", "--repo", repo.bare.toString(), "--ref", "main", "--ecs-endpoint", ecs.endpoint().toString(),
                    "--verify-signatures", "warn", "--allowed-signers", allowed.toString());
            System.out.println(apply.out() + apply.err());
            assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
            assertThat(apply.err()).contains("warning: commit " + next.substring(0, 12) + ": not signed");
            assertThat(ecs.mutatingCallCounts()).as("apply applied it").containsKey("UpdateService");
        }
    }

    private String push(Path work, String port, String fingerprint, String message) throws Exception {
        Files.writeString(work.resolve("cluster.yaml"), "apiVersion: logship.dev/v1\nkind: Cluster\nmetadata:\n  name: prod\n"
                + "spec:\n  clusterName: prod-ecs\n  region: us-east-1\n");
        Files.writeString(work.resolve("forwarder.yaml"), forwarder(port));
        String id = keys.commitOpenPgp(work, fingerprint, message, false);
        keys.git(work, "push", "-q", "-f", "origin", "main");
        return id;
    }

    private static String forwarder(String port) {
        return "apiVersion: logship.dev/v1\nkind: LogForwarder\nmetadata:\n  name: papertrail\nspec:\n  agent: fluentBit\n"
                + "  routes:\n    - syslog+tls://logs.example.com:" + port + "\n";
    }

    private boolean applied(String commit) throws Exception {
        return commit.equals(prod().path("lastAppliedRevision").asText()) && commit.equals(status().path("source").path("revision").asText());
    }

    private JsonNode prod() throws Exception {
        for (JsonNode c : status().path("clusters")) {
            if (c.path("name").asText().equals("prod")) {
                return c;
            }
        }
        return JSON.createObjectNode();
    }

    private boolean stalledOn(String commit) throws Exception {
        JsonNode source = status().path("source");
        return commit.equals(source.path("revision").asText()) && source.path("error").asText().contains("UntrustedCommit");
    }

    private JsonNode status() throws Exception {
        return JSON.readTree(get("/api/v1/status"));
    }

    private String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operator.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
