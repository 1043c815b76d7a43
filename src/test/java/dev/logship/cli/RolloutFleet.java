package dev.logship.cli;

import dev.logship.git.SeedRepository;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.Signatures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet repository for rollout tests: clusters labelled by ring, one logspout forwarder, a
 * RolloutPolicy with one wave per ring (in the order given) and extra manifests (notifiers);
 * a bare repository seeded from it, a working clone that commits and pushes with JGit, and the
 * signed GitHub push webhook that tells serve.
 */
public final class RolloutFleet implements AutoCloseable {
    public static final String GOOD = "gliderlabs/logspout:v3.2.14";
    /** local-ecs's FailingImages: an image whose reference contains "crashloop" never stays up. */
    public static final String BAD = "gliderlabs/logspout:v3.2.14-crashloop";

    public final Path bare;
    public final Map<String, String> ringOf;
    private final ManifestRepo git;
    private final HttpClient http = HttpClient.newHttpClient();

    private RolloutFleet(Path bare, ManifestRepo git, Map<String, String> ringOf) {
        this.bare = bare;
        this.git = git;
        this.ringOf = ringOf;
    }

    /** {@code ringOf}: cluster -> ring, waves in the order the rings first appear; {@code waveExtras}: e.g. ", maxConcurrent: 2" per ring. */
    public static RolloutFleet seed(Path tmp, Map<String, String> ringOf, Map<String, String> waveExtras, String bakeTime, String extraManifests)
            throws Exception {
        Path seed = tmp.resolve("seed/fleet");
        Files.createDirectories(seed);
        StringBuilder clusters = new StringBuilder();
        ringOf.forEach((name, ring) -> clusters.append(clusters.length() == 0 ? "" : "---\n").append("""
                apiVersion: logship.dev/v1
                kind: Cluster
                metadata:
                  name: %s
                  labels: {ring: %s}
                spec:
                  region: us-east-1
                """.formatted(name, ring)));
        Files.writeString(seed.resolve("clusters.yaml"), clusters.toString());
        Files.writeString(seed.resolve("logs.yaml"), forwarder(GOOD));
        StringBuilder waves = new StringBuilder();
        ringOf.values().stream().distinct().forEach(ring -> waves.append("    - {name: ").append(ring).append(", selector: {ring: ")
                .append(ring).append("}").append(waveExtras.getOrDefault(ring, "")).append("}\n"));
        Files.writeString(seed.resolve("policy.yaml"), """
                apiVersion: logship.dev/v1
                kind: RolloutPolicy
                metadata:
                  name: rings
                spec:
                  waves:
                %s  bakeTime: %s
                  onFailure: rollback
                """.formatted(waves, bakeTime));
        if (extraManifests != null) {
            Files.writeString(seed.resolve("extra.yaml"), extraManifests);
        }
        Path bare = tmp.resolve("manifests.git");
        SeedRepository.createIfAbsent(bare, "main", tmp.resolve("seed"), "seed: " + ringOf.size() + " clusters in waves");
        return new RolloutFleet(bare, ManifestRepo.cloneOf(bare, tmp.resolve("work")), new LinkedHashMap<>(ringOf));
    }

    public static String forwarder(String image) {
        return """
                apiVersion: logship.dev/v1
                kind: LogForwarder
                metadata:
                  name: logs
                spec:
                  image: %s
                  routes: [syslog+tls://logs.example.com:12345]
                """.formatted(image);
    }

    /** local-ecs with each cluster of the fleet (3 nodes), tasks converging in 20 ms. */
    public LocalEcsConfig localEcs() {
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20));
        ringOf.keySet().forEach(c -> config.cluster(c, 3));
        return config.build();
    }

    public List<String> clusters() {
        return List.copyOf(ringOf.keySet());
    }

    public String head() throws Exception {
        return git.head();
    }

    /** Commits the forwarder with {@code image} and pushes it; returns the commit id. */
    public String pushImage(String image, String message) throws Exception {
        return git.change("fleet/logs.yaml", forwarder(image), message);
    }

    /** Commits the forwarder with {@code image} and the policy with {@code bakeTime} as one commit, pushes it; returns its id. */
    public String pushImageAndBakeTime(String image, String bakeTime, String message) throws Exception {
        Path policy = git.work.resolve("fleet/policy.yaml");
        Files.writeString(policy, Files.readString(policy).replaceFirst("bakeTime: \\S+", "bakeTime: " + bakeTime));
        return pushImage(image, message);
    }

    /** Writes each file (path under the fleet directory -> content) as one commit and pushes it; returns the commit id. */
    public String pushFiles(Map<String, String> files, String message) throws Exception {
        Map<String, String> inFleet = new LinkedHashMap<>();
        files.forEach((path, content) -> inFleet.put("fleet/" + path, content));
        return git.push(message, inFleet);
    }

    /** GitHub's push webhook for {@code commit}, signed with {@code secret}, to serve on {@code port}. */
    public HttpResponse<String> webhook(int port, String secret, String commit) throws Exception {
        String body = """
                {"ref":"refs/heads/main","after":"%s","repository":{"full_name":"local/manifests","clone_url":"%s"}}"""
                .formatted(commit, bare.toUri());
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/github"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", "sha256=" + Signatures.hmac(secret, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        git.close();
    }
}
