package dev.logship.web;

/** Push payloads shaped like each Git host's, and signatures computed independently of the code under test. */
final class WebhookPayloads {
    private WebhookPayloads() {}

    static String github(String ownerRepo, String ref) {
        return """
                {"ref":"%2$s","after":"0123456789abcdef0123456789abcdef01234567",
                 "repository":{"full_name":"%1$s","clone_url":"https://github.com/%1$s.git",
                  "ssh_url":"git@github.com:%1$s.git","html_url":"https://github.com/%1$s"},
                 "pusher":{"name":"dev"}}""".formatted(ownerRepo, ref);
    }

    static String gitea(String host, String ownerRepo, String ref) {
        return """
                {"ref":"%3$s","repository":{"clone_url":"https://%1$s/%2$s.git","ssh_url":"git@%1$s:%2$s.git",
                 "html_url":"https://%1$s/%2$s"}}""".formatted(host, ownerRepo, ref);
    }

    static String gitlab(String ownerRepo, String ref) {
        return """
                {"object_kind":"push","ref":"%2$s","project":{"git_http_url":"https://gitlab.com/%1$s.git",
                 "git_ssh_url":"git@gitlab.com:%1$s.git","web_url":"https://gitlab.com/%1$s"}}""".formatted(ownerRepo, ref);
    }

    static String bitbucketCloud(String ownerRepo, String branch) {
        return """
                {"repository":{"full_name":"%1$s","links":{"html":{"href":"https://bitbucket.org/%1$s"}}},
                 "push":{"changes":[{"new":{"type":"branch","name":"%2$s"},"old":{"type":"branch","name":"%2$s"}}]}}"""
                .formatted(ownerRepo, branch);
    }

    static String bitbucketServer(String project, String repo, String ref) {
        return """
                {"eventKey":"repo:refs_changed","repository":{"slug":"%2$s","links":{"clone":[
                  {"href":"ssh://git@bitbucket.example.com:7999/%1$s/%2$s.git","name":"ssh"},
                  {"href":"https://bitbucket.example.com/scm/%1$s/%2$s.git","name":"http"}]}},
                 "changes":[{"ref":{"id":"%3$s","displayId":"main","type":"BRANCH"},"type":"UPDATE"}]}"""
                .formatted(project, repo, ref);
    }
}
