package dev.logship.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** GitHub's push webhook, signed, for tests that run serve's server in their own JVM (ServeHarness and ServeProcess have their own). */
public final class GitHubPush {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private GitHubPush() {}

    /** The push that moved main of the repository at {@code repo} to {@code commit}, signed with {@code secret}, to serve on {@code port}. */
    public static HttpResponse<String> send(int port, String secret, Path repo, String commit) throws Exception {
        String body = """
                {"ref":"refs/heads/main","after":"%s","repository":{"full_name":"local/manifests","clone_url":"%s"}}"""
                .formatted(commit, repo.toUri());
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/github"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", "sha256=" + Signatures.hmac(secret, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
