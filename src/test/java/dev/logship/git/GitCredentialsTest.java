package dev.logship.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCredentialsTest {
    @TempDir Path tmp;

    @Test
    void readsATokenFileAndNeverPrintsIt() throws Exception {
        Path file = tmp.resolve("token");
        Files.writeString(file, "  s3cr3t-token \n");

        GitCredentials creds = GitCredentials.fromOptions(null, null, file);

        assertThat(creds.secret()).isEqualTo("s3cr3t-token");
        assertThat(creds.username()).isEqualTo(GitCredentials.TOKEN_USERNAME);
        assertThat(creds.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void aUsernameTurnsATokenIntoBasicAuth() {
        assertThat(GitCredentials.fromOptions("x-token-auth", "abc", null).username()).isEqualTo("x-token-auth");
        assertThat(GitCredentials.fromOptions(null, null, null).isPresent()).isFalse();
    }

    @Test
    void refusesATokenGivenTwice() {
        assertThatThrownBy(() -> GitCredentials.fromOptions(null, "a", tmp.resolve("t")))
                .hasMessageContaining("not both");
    }

    @Test
    void takesCredentialsOutOfTheUrl() {
        RemoteUrl url = RemoteUrl.parse("https://bot:p%40ss@git.example.com/acme/m.git");
        assertThat(url.safeUrl()).isEqualTo("https://git.example.com/acme/m.git");
        assertThat(url.embedded()).isEqualTo(GitCredentials.basic("bot", "p@ss"));
    }

    @Test
    void pathsAreNormalisedAndMayNotEscapeTheRepository() {
        assertThat(new GitSourceConfig("/r", null, "./clusters/prod/", tmp, null).path()).isEqualTo("clusters/prod");
        assertThat(new GitSourceConfig("/r", null, ".", tmp, null).path()).isEmpty();
        assertThatThrownBy(() -> new GitSourceConfig("/r", null, "a/../../etc", tmp, null))
                .hasMessageContaining("--path");
    }

    @Test
    void sshUrlsKeepTheirLoginNameAndRefuseAPassword() {
        assertThat(RemoteUrl.parse("git@github.com:acme/m.git").safeUrl()).isEqualTo("git@github.com:acme/m.git");
        assertThat(RemoteUrl.parse("ssh://git@github.com/acme/m.git").embedded().isPresent()).isFalse();
        assertThatThrownBy(() -> RemoteUrl.parse("ssh://git:hunter2@github.com/acme/m.git"))
                .hasMessageContaining("key file").hasMessageNotContaining("hunter2");
    }

    @Test
    void sshNeedsBothTheKeyAndKnownHosts() {
        assertThatThrownBy(() -> new GitCredentials(null, null, tmp.resolve("id"), null)).hasMessageContaining("--ssh-known-hosts");
        assertThat(GitCredentials.sshKey(tmp.resolve("id"), tmp.resolve("kh")).toString()).contains("sshKeyFile");
    }
}
